package org.paywatch.policy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.domain.Project;

/**
 * Routing by the county's responsibility list (责任清单, RULES.md "Routing"): who must receive an
 * alert of a rule and level on a project. Entries in braces name a role of the project:
 * {generalContractor}, {constructionUnit}, {industryDepartment}, {town}, {accountBank}.
 */
public class ResponsibilityList implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public List<String> everyLevel = new ArrayList<>();
    public List<String> yellowAndRed = new ArrayList<>();
    public Map<String, String> industryDepartments = Map.of();
    public String defaultIndustryDepartment;
    public Map<String, List<String>> byRule = Map.of();

    public List<String> recipients(Project project, String ruleId, AlertLevel level) {
        Set<String> out = new LinkedHashSet<>();
        addAll(out, everyLevel, project);
        if (level != AlertLevel.BLUE) {
            addAll(out, yellowAndRed, project);
        }
        addAll(out, byRule.getOrDefault(ruleId, List.of()), project);
        return new ArrayList<>(out);
    }

    private void addAll(Set<String> out, List<String> entries, Project p) {
        for (String entry : entries) {
            String resolved = switch (entry) {
                case "{generalContractor}" -> p.generalContractor == null ? null : p.generalContractor.name + "（劳资专管员）";
                case "{constructionUnit}" -> p.constructionUnit == null ? null : p.constructionUnit.name;
                case "{industryDepartment}" ->
                    p.category == null
                            ? defaultIndustryDepartment
                            : industryDepartments.getOrDefault(p.category.name(), defaultIndustryDepartment);
                case "{town}" -> p.town;
                case "{accountBank}" -> p.payrollBankCode == null ? null : "监管银行 " + p.payrollBankCode;
                default -> entry;
            };
            if (resolved != null && !resolved.isBlank()) {
                out.add(resolved);
            }
        }
    }

    /** Every recipient named as it is, not by a role of the project: departments, the court, the task force … */
    public Set<String> fixedNames() {
        Set<String> names = new LinkedHashSet<>();
        List<String> entries = new ArrayList<>(everyLevel);
        entries.addAll(yellowAndRed);
        byRule.values().forEach(entries::addAll);
        for (String entry : entries) {
            if (!entry.startsWith("{")) {
                names.add(entry);
            }
        }
        if (entries.contains("{industryDepartment}")) {
            names.addAll(industryDepartments.values());
            names.add(defaultIndustryDepartment);
        }
        return names;
    }

    /** Fails on a placeholder that names no role, so a typo in the config is found at start. */
    public void validate() {
        List<String> all = new ArrayList<>(everyLevel);
        all.addAll(yellowAndRed);
        byRule.values().forEach(all::addAll);
        for (String entry : all) {
            if (entry.startsWith("{")
                    && !Set.of(
                                    "{generalContractor}",
                                    "{constructionUnit}",
                                    "{industryDepartment}",
                                    "{town}",
                                    "{accountBank}")
                            .contains(entry)) {
                throw new ConfigurationProblem(
                        "routing entry " + entry + " names no role: use one of {generalContractor}, "
                                + "{constructionUnit}, {industryDepartment}, {town}, {accountBank} or a unit's name");
            }
        }
        if (defaultIndustryDepartment == null || defaultIndustryDepartment.isBlank()) {
            throw new ConfigurationProblem(
                    "routing.defaultIndustryDepartment is missing: name the department for categories without one (e.g. 县发改局)");
        }
    }
}
