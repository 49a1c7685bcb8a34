package org.paywatch.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.policy.rules.*;

/** The rules of RULES.md, built from their configured settings. A new rule is added in {@link #implemented}. */
public final class RuleCatalog {
    /** Every rule of RULES.md, in evaluation order: PW90 and PW91 judge what the others found, so they come last. */
    private static Map<String, Function<RuleSettings.Bound, Rule>> implemented(PolicyConfig config) {
        Map<String, Function<RuleSettings.Bound, Rule>> m = new LinkedHashMap<>();
        m.put(LaborCostCoverage.ID, LaborCostCoverage::new);
        m.put(LaborCostDepositOverdue.ID, LaborCostDepositOverdue::new);
        m.put(ProgressPaymentShortfall.ID, ProgressPaymentShortfall::new);
        m.put(AccountBalanceShortfall.ID, s -> new AccountBalanceShortfall(s, config.wages));
        m.put(WagesNotPaidMonthly.ID, s -> new WagesNotPaidMonthly(s, config.wages));
        m.put(PayrollHeadcountShort.ID, s -> new PayrollHeadcountShort(s, config.wages));
        m.put(WagesBelowMinimum.ID, s -> new WagesBelowMinimum(s, config.wages));
        m.put(OversizedPayout.ID, OversizedPayout::new);
        m.put(DepartedWorkerUnsettled.ID, s -> new DepartedWorkerUnsettled(s, config.wages));
        m.put(AccountMisuse.ID, AccountMisuse::new);
        m.put(AccountFrozen.ID, AccountFrozen::new);
        m.put(PlatformOnboardingOverdue.ID, PlatformOnboardingOverdue::new);
        m.put(WageDepositShortfall.ID, WageDepositShortfall::new);
        m.put(UnregisteredAttendance.ID, UnregisteredAttendance::new);
        m.put(AttendanceInterrupted.ID, s -> new AttendanceInterrupted(s, config.calendar));
        m.put(EnterpriseTaxSignal.ID, EnterpriseTaxSignal::new);
        m.put(MajorArrearsTaskForce.ID, s -> new MajorArrearsTaskForce(s, config.wages));
        m.put(ProblemRebound.ID, ProblemRebound::new);
        return m;
    }

    private final List<Rule> rules;
    private final WageAccrual wages;

    private RuleCatalog(List<Rule> rules, WageAccrual wages) {
        this.rules = List.copyOf(rules);
        this.wages = wages;
    }

    /** Every implemented rule must be configured, and every configured rule must be implemented. */
    public static RuleCatalog from(PolicyConfig config) {
        config.wages.validate();
        Map<String, Function<RuleSettings.Bound, Rule>> implemented = implemented(config);
        List<Rule> rules = new ArrayList<>();
        for (String id : config.rules.keySet()) {
            if (!implemented.containsKey(id)) {
                throw new ConfigurationProblem("rules." + id + " is not a rule this build implements: known are "
                        + String.join(", ", implemented.keySet()));
            }
        }
        for (Map.Entry<String, Function<RuleSettings.Bound, Rule>> e : implemented.entrySet()) {
            RuleSettings settings = config.rules.get(e.getKey());
            if (settings == null) {
                throw new ConfigurationProblem(
                        "rules." + e.getKey() + " is missing: configure its name, basis and thresholds");
            }
            RuleSettings.Bound bound = settings.bound(e.getKey());
            rules.add(e.getValue().apply(bound));
            bound.checkAllRead();
        }
        config.routing.validate();
        for (int i = 0; i < config.calendar.holidays.size(); i++) {
            config.calendar.holidays.get(i).validate(i);
        }
        return new RuleCatalog(rules, config.wages);
    }

    public List<Rule> rules() {
        return rules;
    }

    /** How wages accrue, as the rules reckon them. */
    public WageAccrual wages() {
        return wages;
    }

    /** Days after a RED alert clears when its follow-ups fall due, as PW91 declares them. */
    public List<Integer> followUpDays() {
        return rule(ProblemRebound.ID).followUpDays();
    }

    /** The rule that reads furthest back into settled history (see {@link Rule#historyDays}). */
    public Rule longestHistory() {
        Rule longest = rules.get(0);
        for (Rule r : rules) {
            if (r.historyDays() > longest.historyDays()) {
                longest = r;
            }
        }
        return longest;
    }

    /** PW01's view of each month, which the boards show beside the alerts (`project_month`). */
    public MonthlyCoverage laborCostCoverage() {
        return rule(LaborCostCoverage.ID)
                .monthlyCoverage()
                .orElseThrow(() -> new IllegalStateException(LaborCostCoverage.ID + " declares no monthly coverage"));
    }

    public RuleInfo info(String ruleId) {
        return rule(ruleId).info();
    }

    /** Every implemented rule is built (see {@link #from}), so a rule of RULES.md is always found. */
    private Rule rule(String ruleId) {
        for (Rule r : rules) {
            if (r.info().id().equals(ruleId)) {
                return r;
            }
        }
        throw new IllegalArgumentException("no rule " + ruleId);
    }
}
