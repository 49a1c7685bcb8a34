package org.paywatch.policy.rules;

import java.util.List;
import java.util.Map;
import org.paywatch.domain.Feed;
import org.paywatch.policy.Finding;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.Rule;
import org.paywatch.policy.RuleInfo;
import org.paywatch.policy.RuleSettings;

/**
 * PW91 问题反弹 (RULES.md, "Escalation"): A YELLOW or RED alert raised again for the same project and rule within 90 days of clearing: RED with rebound; cleared RED alerts get follow-ups at 30, 60 and 90 days.
 */
public final class ProblemRebound implements Rule {
    public static final String ID = "PW91";

    private final RuleInfo info;
    private final int reboundWithinDays;
    private final int firstFollowUpDays;
    private final int secondFollowUpDays;
    private final int thirdFollowUpDays;

    public ProblemRebound(RuleSettings settings) {
        this.info = settings.info(ID);
        this.reboundWithinDays = settings.days(ID, "reboundWithinDays", 1, 366);
        this.firstFollowUpDays = settings.days(ID, "firstFollowUpDays", 1, 366);
        this.secondFollowUpDays = settings.days(ID, "secondFollowUpDays", 1, 366);
        this.thirdFollowUpDays = settings.days(ID, "thirdFollowUpDays", 1, 366);
        settings.checkAllRead(ID);
    }

    /** Days after a RED alert clears when its follow-up checks fall due, in order. */
    public List<Integer> followUpDays() {
        return List.of(firstFollowUpDays, secondFollowUpDays, thirdFollowUpDays);
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
