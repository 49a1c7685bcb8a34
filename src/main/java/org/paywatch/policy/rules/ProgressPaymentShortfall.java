package org.paywatch.policy.rules;

import java.util.Map;
import org.paywatch.domain.Feed;
import org.paywatch.policy.Finding;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.Rule;
import org.paywatch.policy.RuleInfo;
import org.paywatch.policy.RuleSettings;

/**
 * PW03 政府投资项目工程款支付不足 (RULES.md, "Funding"): Government- or SOE-invested project: cumulative progress payments / cumulative completed value below 80% YELLOW, below 60% RED.
 */
public final class ProgressPaymentShortfall implements Rule {
    public static final String ID = "PW03";

    private final RuleInfo info;
    private final double yellowBelowPaidShare;
    private final double redBelowPaidShare;

    public ProgressPaymentShortfall(RuleSettings settings) {
        this.info = settings.info(ID);
        this.yellowBelowPaidShare = settings.threshold(ID, "yellowBelowPaidShare", 0, 1);
        this.redBelowPaidShare = settings.threshold(ID, "redBelowPaidShare", 0, 1);
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
