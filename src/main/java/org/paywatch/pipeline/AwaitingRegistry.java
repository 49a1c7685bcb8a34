package org.paywatch.pipeline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.streaming.api.TimerService;
import org.paywatch.domain.FeedEvent;
import org.paywatch.policy.BusinessCalendar;

/**
 * Records that arrived before the registry entry they need (account, enterprise or project): they
 * wait for a grace period of event time, then are given up. Keyed state of the operator using it.
 */
final class AwaitingRegistry {
    private final ListState<FeedEvent> waiting;
    private final long graceMillis;
    private final long timeLimit;

    AwaitingRegistry(RuntimeContext ctx, ListStateDescriptor<FeedEvent> waiting, long graceMillis, long timeLimit) {
        this.waiting = ctx.getListState(waiting);
        this.graceMillis = graceMillis;
        this.timeLimit = timeLimit;
    }

    void hold(FeedEvent event, TimerService timers) throws Exception {
        waiting.add(event);
        timers.registerEventTimeTimer(giveUpAt(event));
    }

    /** All waiting records in event-time order, removed from the wait. */
    List<FeedEvent> release() throws Exception {
        List<FeedEvent> all = sorted();
        waiting.clear();
        return all;
    }

    /** All waiting records in event-time order, left waiting. */
    List<FeedEvent> peek() throws Exception {
        return sorted();
    }

    /** Records whose grace has run out by {@code now}, removed from the wait. */
    List<FeedEvent> expire(long now) throws Exception {
        List<FeedEvent> expired = new ArrayList<>();
        List<FeedEvent> kept = new ArrayList<>();
        for (FeedEvent e : sorted()) {
            (giveUpAt(e) <= now ? expired : kept).add(e);
        }
        if (!expired.isEmpty()) {
            waiting.update(kept);
        }
        return expired;
    }

    /**
     * The end of the reason for giving a record up: "by TIME (24 h of event time after the record)". It
     * stays true whether the registration never came or came later in event time.
     */
    String givenUpBy(FeedEvent e) {
        long by = giveUpAt(e);
        String when = by == timeLimit && by < e.eventTime() + graceMillis
                ? "the end of the replay (--as-of)"
                : graceMillis / 3_600_000 + " h of event time after the record";
        return "by " + Instant.ofEpochMilli(by).atZone(BusinessCalendar.ZONE).toOffsetDateTime() + " (" + when + ")";
    }

    private long giveUpAt(FeedEvent e) {
        long at = e.eventTime() + graceMillis;
        // In a replay, time ends at the as-of instant: what still waits then is given up then.
        return Math.min(at < e.eventTime() ? Long.MAX_VALUE : at, timeLimit);
    }

    private List<FeedEvent> sorted() throws Exception {
        List<FeedEvent> all = new ArrayList<>();
        Iterable<FeedEvent> it = waiting.get();
        if (it != null) {
            it.forEach(all::add);
        }
        all.sort(Comparator.comparingLong(FeedEvent::eventTime));
        return all;
    }
}
