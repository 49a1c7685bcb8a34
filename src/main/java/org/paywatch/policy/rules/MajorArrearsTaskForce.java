package org.paywatch.policy.rules;

import java.util.Map;
import org.paywatch.domain.Feed;
import org.paywatch.policy.Finding;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.Rule;
import org.paywatch.policy.RuleInfo;
import org.paywatch.policy.RuleSettings;

/**
 * PW90 重大欠薪专班 (RULES.md, "Escalation"): A project's overdue wages reach 500,000 yuan or are owed to at least 20 workers: RED with taskForce.
 */
public final class MajorArrearsTaskForce implements Rule {
    public static final String ID = "PW90";

    private final RuleInfo info;
    private final double redAtOverdueFen;
    private final int redAtWorkers;

    public MajorArrearsTaskForce(RuleSettings settings) {
        this.info = settings.info(ID);
        this.redAtOverdueFen = settings.threshold(ID, "redAtOverdueFen", 0, 10000000000000.0);
        this.redAtWorkers = settings.count(ID, "redAtWorkers", 1, 100000);
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
