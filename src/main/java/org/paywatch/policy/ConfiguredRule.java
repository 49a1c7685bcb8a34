package org.paywatch.policy;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.paywatch.domain.Feed;

/**
 * What every rule shares: its id, name and basis as configured, and the feeds whose records can
 * change its findings (the others wait for the daily review, which keeps clock-ins cheap).
 */
public abstract class ConfiguredRule implements Rule {
    private final RuleInfo info;
    private final Set<Feed> reactions;
    private final Set<Feed> clearings = EnumSet.noneOf(Feed.class);

    protected ConfiguredRule(String id, RuleSettings settings, Feed... reactsTo) {
        this.info = settings.info(id);
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
}
