package org.paywatch.policy;

import java.util.LinkedHashMap;

/**
 * One rule's settings written out in a test, so the number a boundary sits at is on the page next to the
 * boundary, and a county editing jobs/risk-monitor.yaml does not move it:
 * {@code settings("PW02").threshold("yellowAfterDays", 31).threshold("redAfterDays", 62).bound()}.
 */
public final class RuleSettingsBuilder {
    private final String ruleId;
    private final RuleSettings settings = new RuleSettings();

    private RuleSettingsBuilder(String ruleId) {
        this.ruleId = ruleId;
        // The rules read their name and basis only to put them on alerts; the tests judge levels and metrics.
        settings.name = ruleId + " (test)";
        settings.basis = "RULES.md " + ruleId;
    }

    public static RuleSettingsBuilder settings(String ruleId) {
        return new RuleSettingsBuilder(ruleId);
    }

    public RuleSettingsBuilder threshold(String key, double value) {
        settings.thresholds.put(key, value);
        return this;
    }

    /** One row of a table that differs by category or town; every table needs a "default" row. */
    public RuleSettingsBuilder table(String name, String key, double value) {
        settings.tables.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(key, value);
        return this;
    }

    public String ruleId() {
        return ruleId;
    }

    /** The settings as a job file would hold them, e.g. to put into a {@link PolicyConfig}. */
    public RuleSettings build() {
        return settings;
    }

    /** The settings bound to the rule's id, as {@link RuleCatalog} hands them to the rule. */
    public RuleSettings.Bound bound() {
        return settings.bound(ruleId);
    }
}
