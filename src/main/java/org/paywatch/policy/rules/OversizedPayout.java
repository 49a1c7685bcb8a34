package org.paywatch.policy.rules;

import java.util.Map;
import org.paywatch.domain.Feed;
import org.paywatch.policy.Finding;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.Rule;
import org.paywatch.policy.RuleInfo;
import org.paywatch.policy.RuleSettings;

/**
 * PW08 单人代发异常大额 (RULES.md, "Payment"): Payouts to one worker booked in one calendar month above 50,000 yuan, or in one calendar year above 300,000 yuan: RED.
 */
public final class OversizedPayout implements Rule {
    public static final String ID = "PW08";

    private final RuleInfo info;
    private final double redAboveMonthFen;
    private final double redAboveYearFen;

    public OversizedPayout(RuleSettings settings) {
        this.info = settings.info(ID);
        this.redAboveMonthFen = settings.threshold(ID, "redAboveMonthFen", 0, 1000000000000.0);
        this.redAboveYearFen = settings.threshold(ID, "redAboveYearFen", 0, 1000000000000.0);
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
