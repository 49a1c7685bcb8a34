package org.paywatch.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.paywatch.domain.Feed;

/**
 * One rule of RULES.md. A rule is a pure function of the project book, the alert memory and the time: it returns the
 * alerts that are warranted now, by scope; {@link AlertLifecycle} turns the difference with the
 * open alerts into transitions.
 */
public interface Rule {
    RuleInfo info();

    /** Whether a record of this feed can change the rule's findings (otherwise only time can). */
    boolean reactsTo(Feed feed);

    /**
     * Whether a record of this feed can meet the clearing condition of an open alert of this rule (RULES.md, Definitions:
     * clearing takes effect at that record). The rule is then re-assessed on such a record while it has an alert open,
     * and only then: clock-ins are the hot path.
     */
    default boolean clearedBy(Feed feed) {
        return false;
    }

    /**
     * Days after a RED alert of any rule clears when its follow-up checks fall due, in order: PW91 has them
     * (RULES.md, "Escalation and follow-up"), every other rule none.
     */
    default List<Integer> followUpDays() {
        return List.of();
    }

    /** PW01's view of each month's labour-cost funding, for the boards; every other rule has none. */
    default Optional<MonthlyCoverage> monthlyCoverage() {
        return Optional.empty();
    }

    /**
     * How many days back from today the rule reads settled pay periods and booked payouts: a project's book
     * keeps at least this much of them ({@code entry.settledHistory}, checked against it at load).
     */
    default int historyDays() {
        return 0;
    }

    /**
     * The warranted alerts by scope ("" for a project-wide alert); an absent scope is clear. Rules judge the book;
     * PW91 judges the open alerts the lifecycle remembers.
     */
    Map<String, Finding> assess(ProjectBook book, AlertMemory alerts, long now);
}
