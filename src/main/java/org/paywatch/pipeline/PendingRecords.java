package org.paywatch.pipeline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.paywatch.domain.Feed;
import org.paywatch.domain.FeedEvent;

/**
 * One project's records ahead of the watermark, in the order the monitor applies them: by event time, and records
 * of one instant registry before account and attendance, then in log order. Records of several partitions
 * interleave: one is put in place by a binary search over the times, kept in an array beside the records.
 */
final class PendingRecords {
    /** Records of one instant: registry before account and attendance, then in log order. */
    static final Comparator<FeedEvent> IN_ORDER = Comparator.<FeedEvent, Feed>comparing(e -> e.feed)
            .thenComparing(e -> e.origin.topic)
            .thenComparingInt(e -> e.origin.partition)
            .thenComparingLong(e -> e.origin.offset);

    private FeedEvent[] records = new FeedEvent[4];
    /** Each record's event time, for the search. */
    private long[] times = new long[4];
    /** The records not taken yet are at [head, tail). */
    private int head;

    private int tail;

    /** Adds a record; true if it is now the earliest (its time is when the project's records are next due). */
    boolean add(FeedEvent e) {
        long time = e.eventTime();
        if (tail == records.length) {
            makeRoom();
        }
        // Records of several partitions interleave, each partition in order: search, do not walk back.
        int i = firstAfter(time);
        while (i > head && times[i - 1] == time && IN_ORDER.compare(records[i - 1], e) > 0) {
            i--;
        }
        System.arraycopy(records, i, records, i + 1, tail - i);
        System.arraycopy(times, i, times, i + 1, tail - i);
        records[i] = e;
        times[i] = time;
        tail++;
        return i == head;
    }

    /** Index of the first record later than {@code time}. */
    private int firstAfter(long time) {
        int low = head;
        int high = tail;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (times[mid] <= time) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** Moves the records to the front, or doubles the arrays when they are more than half full. */
    private void makeRoom() {
        int n = tail - head;
        FeedEvent[] r = records;
        long[] t = times;
        if (n * 2 > records.length) {
            r = new FeedEvent[records.length * 2];
            t = new long[records.length * 2];
        }
        System.arraycopy(records, head, r, 0, n);
        System.arraycopy(times, head, t, 0, n);
        if (r == records) {
            Arrays.fill(records, n, tail, null);
        }
        records = r;
        times = t;
        head = 0;
        tail = n;
    }

    boolean isEmpty() {
        return head == tail;
    }

    int size() {
        return tail - head;
    }

    /** Event time of the earliest record; only when not empty. */
    long earliest() {
        return times[head];
    }

    /** Takes the records of the earliest instant if it is at or before {@code upTo}, in order; else none. */
    List<FeedEvent> takeInstant(long upTo) {
        if (isEmpty() || times[head] > upTo) {
            return List.of();
        }
        long time = times[head];
        List<FeedEvent> instant = new ArrayList<>(1);
        while (head < tail && times[head] == time) {
            instant.add(records[head]);
            records[head++] = null;
        }
        if (head == tail) {
            head = 0;
            tail = 0;
        }
        return instant;
    }

    void forEach(Consumer<FeedEvent> action) {
        for (int i = head; i < tail; i++) {
            action.accept(records[i]);
        }
    }
}
