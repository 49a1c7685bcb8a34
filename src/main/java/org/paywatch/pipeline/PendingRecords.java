package org.paywatch.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.paywatch.domain.FeedEvent;

/**
 * One project's records ahead of the watermark, in the order the monitor applies them: by event time, and records
 * of one instant registry before account and attendance, then in log order. Records arrive nearly in order, so one
 * is put in place by looking back from the end, and taken from the front.
 */
final class PendingRecords {
    /** Records of one instant: registry before account and attendance, then in log order. */
    static final Comparator<FeedEvent> IN_ORDER = Comparator.<FeedEvent, org.paywatch.domain.Feed>comparing(e -> e.feed)
            .thenComparing(e -> e.origin.topic)
            .thenComparingInt(e -> e.origin.partition)
            .thenComparingLong(e -> e.origin.offset);

    private final ArrayList<FeedEvent> records = new ArrayList<>(4);
    /** Index of the first record not taken yet; the taken ones are dropped when they are half the list. */
    private int head;

    /** Adds a record; true if it is now the earliest (its time is when the project's records are next due). */
    boolean add(FeedEvent e) {
        long time = e.eventTime();
        int i = records.size();
        while (i > head && placedAfter(i - 1, time, e)) {
            i--;
        }
        records.add(i, e);
        return i == head;
    }

    private boolean placedAfter(int i, long time, FeedEvent e) {
        long t = records.get(i).eventTime();
        return t > time || (t == time && IN_ORDER.compare(records.get(i), e) > 0);
    }

    boolean isEmpty() {
        return head == records.size();
    }

    int size() {
        return records.size() - head;
    }

    /** Event time of the earliest record; only when not empty. */
    long earliest() {
        return records.get(head).eventTime();
    }

    /** Takes the records of the earliest instant if it is at or before {@code upTo}, in order; else none. */
    List<FeedEvent> takeInstant(long upTo) {
        if (isEmpty() || earliest() > upTo) {
            return List.of();
        }
        long time = earliest();
        List<FeedEvent> instant = new ArrayList<>(1);
        while (head < records.size() && records.get(head).eventTime() == time) {
            instant.add(records.set(head, null));
            head++;
        }
        if (head == records.size()) {
            records.clear();
            head = 0;
        } else if (head > 16 && head * 2 > records.size()) {
            records.subList(0, head).clear();
            head = 0;
        }
        return instant;
    }

    void forEach(Consumer<FeedEvent> action) {
        for (int i = head; i < records.size(); i++) {
            action.accept(records.get(i));
        }
    }
}
