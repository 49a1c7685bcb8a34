package org.paywatch.policy.rules;

import java.util.Map;
import org.paywatch.domain.Feed;
import org.paywatch.policy.Finding;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.Rule;
import org.paywatch.policy.RuleInfo;
import org.paywatch.policy.RuleSettings;

/**
 * PW14 未实名登记上岗 (RULES.md, "Real-name and attendance"): Per day, workers clocked in with no real-name registration: any BLUE, at least 5% of the day's workers YELLOW; the worst day of the last 7; clears after 7 days without.
 */
public final class UnregisteredAttendance implements Rule {
    public static final String ID = "PW14";

    private final RuleInfo info;
    private final double yellowShareOfDay;
    private final int windowDays;

    public UnregisteredAttendance(RuleSettings settings) {
        this.info = settings.info(ID);
        this.yellowShareOfDay = settings.threshold(ID, "yellowShareOfDay", 0, 1);
        this.windowDays = settings.days(ID, "windowDays", 1, 90);
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
