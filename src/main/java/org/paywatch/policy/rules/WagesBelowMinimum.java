package org.paywatch.policy.rules;

import java.util.Map;
import org.paywatch.domain.Feed;
import org.paywatch.policy.Finding;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.Rule;
import org.paywatch.policy.RuleInfo;
import org.paywatch.policy.RuleSettings;

/**
 * PW07 工资低于最低工资标准 (RULES.md, "Payment"): A worker's pay for M below the monthly minimum wage pro-rated by attended days (days / 21.75) YELLOW; per-capita full-month-equivalent pay below it RED; judged at the end of each day with payouts for M.
 */
public final class WagesBelowMinimum implements Rule {
    public static final String ID = "PW07";

    private final RuleInfo info;
    private final Map<String, Double> minimumWageFen;

    public WagesBelowMinimum(RuleSettings settings) {
        this.info = settings.info(ID);
        this.minimumWageFen = settings.table(ID, "minimumWageFen", 0, 10000000);
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
