package org.paywatch.policy.rules;

import java.util.Map;
import org.paywatch.domain.Feed;
import org.paywatch.policy.Finding;
import org.paywatch.policy.PolicyConfig;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.Rule;
import org.paywatch.policy.RuleInfo;
import org.paywatch.policy.RuleSettings;

/**
 * PW15 考勤异常中断 (RULES.md, "Real-name and attendance"): An active project averaging at least 10 workers on its attended days in the 14 days before its last clock-in has had no clock-in for 7 full days: BLUE; not inside holiday windows.
 */
public final class AttendanceInterrupted implements Rule {
    public static final String ID = "PW15";

    private final RuleInfo info;
    private final double minAverageWorkers;
    private final int lookbackDays;
    private final int silentDays;

    private final PolicyConfig.Calendar calendar;

    public AttendanceInterrupted(RuleSettings settings, PolicyConfig.Calendar calendar) {
        this.info = settings.info(ID);
        this.calendar = calendar;
        this.minAverageWorkers = settings.threshold(ID, "minAverageWorkers", 0, 100000);
        this.lookbackDays = settings.days(ID, "lookbackDays", 1, 90);
        this.silentDays = settings.days(ID, "silentDays", 1, 90);
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
