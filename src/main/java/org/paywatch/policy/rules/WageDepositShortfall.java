package org.paywatch.policy.rules;

import java.util.Map;
import org.paywatch.domain.Feed;
import org.paywatch.policy.Finding;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.Rule;
import org.paywatch.policy.RuleInfo;
import org.paywatch.policy.RuleSettings;

/**
 * PW13 工资保证金未足额存储 (RULES.md, "Account integrity"): Started project whose wage deposit is below 1% of contract value (exempt under 3,000,000 yuan): 30 days after start YELLOW.
 */
public final class WageDepositShortfall implements Rule {
    public static final String ID = "PW13";

    private final RuleInfo info;
    private final double minShareOfContract;
    private final double exemptBelowContractValueFen;
    private final int yellowAtDays;

    public WageDepositShortfall(RuleSettings settings) {
        this.info = settings.info(ID);
        this.minShareOfContract = settings.threshold(ID, "minShareOfContract", 0, 1);
        this.exemptBelowContractValueFen = settings.threshold(ID, "exemptBelowContractValueFen", 0, 10000000000000.0);
        this.yellowAtDays = settings.days(ID, "yellowAtDays", 0, 366);
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
