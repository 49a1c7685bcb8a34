package org.paywatch.policy.rules;

import java.util.Map;
import org.paywatch.domain.Feed;
import org.paywatch.policy.Finding;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.Rule;
import org.paywatch.policy.RuleInfo;
import org.paywatch.policy.RuleSettings;

/**
 * PW01 人工费用拨付不足 (RULES.md, "Funding"): For each construction month M (scope M): coverage = labour-cost deposits booked in M / required(M); [80%, 100%) BLUE, below 80% YELLOW, below 100% in M and M-1 RED.
 */
public final class LaborCostCoverage implements Rule {
    public static final String ID = "PW01";

    private final RuleInfo info;
    private final double blueBelowCoverage;
    private final double yellowBelowCoverage;
    private final Map<String, Double> laborCostRatio;

    public LaborCostCoverage(RuleSettings settings) {
        this.info = settings.info(ID);
        this.blueBelowCoverage = settings.threshold(ID, "blueBelowCoverage", 0, 10);
        this.yellowBelowCoverage = settings.threshold(ID, "yellowBelowCoverage", 0, 10);
        this.laborCostRatio = settings.table(ID, "laborCostRatio", 0, 1);
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
