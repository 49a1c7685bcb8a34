package org.paywatch.policy.rules;

import java.util.Map;
import org.paywatch.domain.Feed;
import org.paywatch.policy.Finding;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.Rule;
import org.paywatch.policy.RuleInfo;
import org.paywatch.policy.RuleSettings;

/**
 * PW09 退场未结清 (RULES.md, "Payment"): A worker with an exit date, or without clock-in for 30 days, still owed accrued wages: more than 7 days after the exit (or last clock-in) YELLOW, more than 30 days RED.
 */
public final class DepartedWorkerUnsettled implements Rule {
    public static final String ID = "PW09";

    private final RuleInfo info;
    private final int absentDays;
    private final int yellowAfterDays;
    private final int redAfterDays;

    public DepartedWorkerUnsettled(RuleSettings settings) {
        this.info = settings.info(ID);
        this.absentDays = settings.days(ID, "absentDays", 1, 366);
        this.yellowAfterDays = settings.days(ID, "yellowAfterDays", 0, 366);
        this.redAfterDays = settings.days(ID, "redAfterDays", 0, 732);
        settings.checkAllRead(ID);
    }

    @Override
    public RuleInfo info() {
        return info;
    }

    @Override
    public boolean reactsTo(Feed feed) {
        return false;
    }

    @Override
    public Map<String, Finding> assess(ProjectBook book, long now) {
        return Map.of(); // not implemented yet
    }
}
