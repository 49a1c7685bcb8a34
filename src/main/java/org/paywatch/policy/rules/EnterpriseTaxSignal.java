package org.paywatch.policy.rules;

import java.util.Map;
import org.paywatch.domain.Feed;
import org.paywatch.policy.Finding;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.Rule;
import org.paywatch.policy.RuleInfo;
import org.paywatch.policy.RuleSettings;

/**
 * PW16 涉事企业税务异动 (RULES.md, "Enterprise signals"): A tax-change event about the construction unit, general contractor or a subcontractor of an active project: abnormal status, deregistration or grade D YELLOW; arrears or IIT/VAT down to at most 50% BLUE; recovery clears.
 */
public final class EnterpriseTaxSignal implements Rule {
    public static final String ID = "PW16";

    private final RuleInfo info;
    private final double blueAtMostShareOfPrevious;

    public EnterpriseTaxSignal(RuleSettings settings) {
        this.info = settings.info(ID);
        this.blueAtMostShareOfPrevious = settings.threshold(ID, "blueAtMostShareOfPrevious", 0, 1);
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
