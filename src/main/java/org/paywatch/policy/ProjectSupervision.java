package org.paywatch.policy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.paywatch.domain.AlertEvent;
import org.paywatch.domain.Feed;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Project;
import org.paywatch.domain.RiskSnapshot;

/**
 * What happens to a project when a record arrives or a day begins: the book is updated and the rules
 * concerned are re-assessed; the result is the alert transitions and, when anything changed, a new
 * risk snapshot. Plain Java: the Flink operator only holds the book, the alert memory and the timers.
 */
public final class ProjectSupervision {
    private final RuleCatalog catalog;
    private final AlertLifecycle lifecycle;
    private final PayMonths payMonths;

    public ProjectSupervision(RuleCatalog catalog, ResponsibilityList routing) {
        this.catalog = catalog;
        this.lifecycle = new AlertLifecycle(routing);
        this.payMonths = new PayMonths(catalog.laborCostCoverage(), catalog.wages());
    }

    /**
     * Books records of one instant together, then re-assesses once the rules that react to any of their
     * feeds: a payroll booked as many payouts at the same second is judged as one payroll. Requires a
     * registered project (or a registration among the records).
     */
    public List<AlertEvent> apply(ProjectBook book, AlertMemory alerts, List<FeedEvent> events, long now) {
        Set<Feed> feeds = EnumSet.noneOf(Feed.class);
        for (FeedEvent e : events) {
            book.apply(e);
            feeds.add(e.feed);
        }
        List<AlertEvent> out = new ArrayList<>();
        for (Rule rule : catalog.rules()) {
            if (reactsToAny(rule, feeds)
                    || clearedByAny(rule, feeds)
                            && alerts.hasOpenAlert(rule.info().id())) {
                out.addAll(lifecycle.reconcile(book, alerts, rule.info(), rule.assess(book, alerts, now), now));
            }
        }
        return out;
    }

    // Loops rather than streams: asked of every rule for every record (docs/performance.md).
    private static boolean reactsToAny(Rule rule, Set<Feed> feeds) {
        for (Feed f : feeds) {
            if (rule.reactsTo(f)) {
                return true;
            }
        }
        return false;
    }

    private static boolean clearedByAny(Rule rule, Set<Feed> feeds) {
        for (Feed f : feeds) {
            if (rule.clearedBy(f)) {
                return true;
            }
        }
        return false;
    }

    /** Re-assesses every rule; called at each day boundary, when day-counted deadlines pass. */
    public List<AlertEvent> review(ProjectBook book, AlertMemory alerts, long now) {
        List<AlertEvent> out = new ArrayList<>();
        if (!book.isRegistered()) {
            return out;
        }
        for (Rule rule : catalog.rules()) {
            out.addAll(lifecycle.reconcile(book, alerts, rule.info(), rule.assess(book, alerts, now), now));
        }
        out.addAll(lifecycle.followUps(book, alerts, catalog, catalog.followUpDays(), now));
        return out;
    }

    public RiskSnapshot snapshot(ProjectBook book, AlertMemory alerts, long now) {
        RiskSnapshot s = new RiskSnapshot();
        Project project = book.project();
        s.projectId = project.projectId;
        s.projectName = project.name;
        s.town = project.town;
        s.category = project.category == null ? null : project.category.name();
        s.status = project.status == null ? null : project.status.name();
        s.time = now;
        for (OpenAlert open : alerts.openAlerts()) {
            switch (open.level) {
                case BLUE -> s.openBlue++;
                case YELLOW -> s.openYellow++;
                case RED -> s.openRed++;
            }
            if (s.level == null || open.level.compareTo(s.level) > 0) {
                s.level = open.level;
            }
        }
        LocalDate today = BusinessCalendar.date(now);
        ProjectBook.Overdue overdue = book.overdue(today, catalog.wages());
        s.unpaidWorkers = overdue.workers();
        s.overdueFen = overdue.fen();
        s.balanceFen = book.balanceFen();
        s.months = payMonths.of(book, today);
        return s;
    }
}
