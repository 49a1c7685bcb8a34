package org.paywatch.policy.rules;

import java.util.Map;
import org.paywatch.domain.Feed;
import org.paywatch.policy.Finding;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.Rule;
import org.paywatch.policy.RuleInfo;
import org.paywatch.policy.RuleSettings;

/**
 * PW12 未按时纳入平台监管 (RULES.md, "Account integrity"): Projects of at least 3,000,000 yuan and at least 3 months must be onboarded (account bound, project onboarded) within 30 days of start: missing at day 30 YELLOW, at day 60 RED.
 */
public final class PlatformOnboardingOverdue implements Rule {
    public static final String ID = "PW12";

    private final RuleInfo info;
    private final double minContractValueFen;
    private final int minDurationMonths;
    private final int yellowAtDays;
    private final int redAtDays;

    public PlatformOnboardingOverdue(RuleSettings settings) {
        this.info = settings.info(ID);
        this.minContractValueFen = settings.threshold(ID, "minContractValueFen", 0, 10000000000000.0);
        this.minDurationMonths = settings.count(ID, "minDurationMonths", 0, 120);
        this.yellowAtDays = settings.days(ID, "yellowAtDays", 0, 366);
        this.redAtDays = settings.days(ID, "redAtDays", 0, 732);
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
