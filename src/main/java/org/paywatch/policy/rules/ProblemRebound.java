package org.paywatch.policy.rules;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.BusinessCalendar;
import org.paywatch.policy.ConfiguredRule;
import org.paywatch.policy.Finding;
import org.paywatch.policy.OpenAlert;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.RuleSettings;

/**
 * PW91 问题反弹 (RULES.md, "Escalation and follow-up"): a YELLOW or RED alert of a rule cleared, and
 * the same project and rule (any scope) has an alert raised again within {@code reboundWithinDays}
 * days of that clearing: RED with {@code rebound = true}, scope the other rule's id. An open alert
 * counts while it stands at YELLOW or RED (a BLUE one is a hazard to watch, not the problem back; it
 * counts once it escalates, judged by when it was raised). It clears when the rule has no such open
 * alert. The clearing instant is the one {@code AlertLifecycle} recorded when the alert was raised
 * ({@link OpenAlert#raisedAfterClearingAt}); PW91's own alerts are not judged.
 *
 * <p>The follow-up checks (跟踪回访) {@code firstFollowUpDays}, {@code secondFollowUpDays} and
 * {@code thirdFollowUpDays} after every RED alert clears are emitted by {@code AlertLifecycle.followUps}
 * at the daily review, with these days ({@link #followUpDays}).
 *
 * <p>Evaluated last in the catalog and on every feed, since any rule may re-raise; it only walks the
 * open alerts.
 */
public final class ProblemRebound extends ConfiguredRule {
    public static final String ID = "PW91";
    private static final long DAY_MILLIS = 86_400_000L;

    private final int reboundWithinDays;
    private final int firstFollowUpDays;
    private final int secondFollowUpDays;
    private final int thirdFollowUpDays;

    public ProblemRebound(RuleSettings.Bound settings) {
        // Any record may make another rule raise an alert again.
        super(settings, Watches.EVERY_PROJECT, Feed.values());
        this.reboundWithinDays = settings.days("reboundWithinDays", 1, 366);
        this.firstFollowUpDays = settings.days("firstFollowUpDays", 1, 366);
        this.secondFollowUpDays = settings.days("secondFollowUpDays", 1, 366);
        this.thirdFollowUpDays = settings.days("thirdFollowUpDays", 1, 366);
    }

    /** Days after a RED alert clears when its follow-up checks fall due, in order. */
    @Override
    public List<Integer> followUpDays() {
        return List.of(firstFollowUpDays, secondFollowUpDays, thirdFollowUpDays);
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        Map<String, OpenAlert> earliest = new TreeMap<>();
        Map<String, Integer> count = new TreeMap<>();
        for (OpenAlert open : alerts.openAlerts()) {
            if (open.ruleId.equals(ID)
                    || open.raisedAfterClearingAt == null
                    || open.level == AlertLevel.BLUE
                    || open.raisedAt - open.raisedAfterClearingAt > reboundWithinDays * DAY_MILLIS) {
                continue;
            }
            count.merge(open.ruleId, 1, Integer::sum);
            OpenAlert known = earliest.get(open.ruleId);
            if (known == null
                    || open.raisedAt < known.raisedAt
                    || (open.raisedAt == known.raisedAt && open.scope.compareTo(known.scope) < 0)) {
                earliest.put(open.ruleId, open);
            }
        }
        Map<String, Finding> findings = new TreeMap<>();
        for (Map.Entry<String, OpenAlert> e : earliest.entrySet()) {
            OpenAlert open = e.getValue();
            LocalDate cleared = BusinessCalendar.date(open.raisedAfterClearingAt);
            long days = BusinessCalendar.daysBetween(cleared, BusinessCalendar.date(open.raisedAt));
            String message = String.format(
                    "%s %s预警于%s消除后仅%d天再次触发（%d项），问题反弹，请总承包单位和建设单位查明原因、彻底整改，行业主管部门和县人社局加强跟踪回访。",
                    book.project().name, e.getKey(), cleared, days, count.get(e.getKey()));
            findings.put(
                    e.getKey(),
                    new Finding(
                            AlertLevel.RED,
                            Map.of(
                                    "daysSinceClearing", (double) days,
                                    "reboundAlerts", (double) count.get(e.getKey())),
                            message,
                            false,
                            true));
        }
        return findings;
    }
}
