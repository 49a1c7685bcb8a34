package org.paywatch.policy;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.paywatch.domain.Feed;

/**
 * What every rule shares: its id, name and basis as configured, which projects it watches, and the feeds
 * whose records can change its findings (the others wait for the daily review, which keeps clock-ins cheap).
 */
public abstract class ConfiguredRule implements Rule {
    /** Which projects a rule judges (RULES.md, "Definitions"). */
    protected enum Watches {
        /** Active projects only: status ACTIVE and start date reached. */
        ACTIVE_PROJECTS,
        /**
         * Every registered project whatever its status: wages owed are followed past completion (PW05, PW06,
         * PW09, PW90), and so are their rebounds (PW91).
         */
        EVERY_PROJECT
    }

    private final RuleInfo info;
    private final Watches watches;
    private final Set<Feed> reactions;
    private final Set<Feed> clearings = EnumSet.noneOf(Feed.class);

    /** The rule reads its thresholds from {@code settings} in its constructor; the catalog then checks that it read them all. */
    protected ConfiguredRule(RuleSettings.Bound settings, Watches watches, Feed... reactsTo) {
        this.info = settings.info();
        this.watches = watches;
        this.reactions = EnumSet.noneOf(Feed.class);
        this.reactions.addAll(Arrays.asList(reactsTo));
    }

    @Override
    public final RuleInfo info() {
        return info;
    }

    @Override
    public final boolean reactsTo(Feed feed) {
        return reactions.contains(feed);
    }

    @Override
    public final boolean clearedBy(Feed feed) {
        return clearings.contains(feed);
    }

    /** Records of these feeds can clear an open alert of the rule, though they cannot raise one. */
    protected final void alsoClearedBy(Feed... feeds) {
        clearings.addAll(Arrays.asList(feeds));
    }

    @Override
    public final Map<String, Finding> assess(ProjectBook book, AlertMemory alerts, long now) {
        LocalDate today = BusinessCalendar.date(now);
        if (!book.isRegistered() || (watches == Watches.ACTIVE_PROJECTS && !book.isActive(today))) {
            return Map.of();
        }
        return judge(book, alerts, today);
    }

    /** The warranted alerts by scope, on a registered project the rule watches (see {@link #assess}). */
    protected abstract Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today);
}
