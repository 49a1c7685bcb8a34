package org.paywatch.io;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import org.paywatch.domain.Feed;
import org.paywatch.domain.Origin;
import org.paywatch.domain.Received;
import org.paywatch.domain.RejectionCause;

/**
 * One line of a replay folder between reading and the job: the line as written, and either its Avro
 * bytes (what a Kafka record of it would carry) or why it is not a record. This, not the decoded
 * record, is what a sorted run on disk holds: decoding it again with the same decoder and time check
 * gives the same {@link Received}, so an external sort changes nothing the job sees.
 */
final class ReplayLine {
    /**
     * Replay order: business time, then the registry first at equal times (feed order), then line order.
     * A total order, so the same folder gives the same sequence however it is sorted.
     */
    static final Comparator<ReplayLine> ORDER = (a, b) -> {
        if (a.timestamp != b.timestamp) {
            return Long.compare(a.timestamp, b.timestamp);
        }
        if (a.feed != b.feed) {
            return a.feed.compareTo(b.feed);
        }
        return Long.compare(a.number, b.number);
    };

    private static final Feed[] FEEDS = Feed.values();

    final Feed feed;
    final long number;
    final byte[] raw;
    /** Single-object Avro encoding of the line, or null when the line is not a record of the feed's contract. */
    final byte[] avro;
    /** Why the line is not a record, when {@link #avro} is null. */
    final String unreadable;
    /** The time it is replayed at: the decoded record's, set once decoded. */
    long timestamp;

    ReplayLine(Feed feed, long number, byte[] raw, byte[] avro, String unreadable) {
        this.feed = feed;
        this.number = number;
        this.raw = raw;
        this.avro = avro;
        this.unreadable = unreadable;
    }

    /** The record as the job receives it; the same for the same line, decoder and time check. */
    Received received(FeedDecoder decoder, long now, String nowName) {
        Origin origin = new Origin(feed.replayFile, 0, number);
        if (avro == null) {
            return Received.failed(origin, feed, raw, RejectionCause.UNDECODABLE, unreadable, Long.MIN_VALUE);
        }
        Received r = decoder.decode(feed, origin, avro, 0, now, nowName);
        r.payload = raw; // a rejection shows the line as written, masked
        return r;
    }

    /** About what it takes of the heap, for sizing runs. */
    long heapBytes() {
        return 64
                + raw.length
                + (avro == null ? 0 : 16 + avro.length)
                + (unreadable == null ? 0 : 40 + unreadable.length());
    }

    void writeTo(DataOutput out) throws IOException {
        out.writeLong(timestamp);
        out.writeByte(feed.ordinal());
        out.writeLong(number);
        writeBytes(out, raw);
        if (avro != null) {
            out.writeBoolean(true);
            writeBytes(out, avro);
        } else {
            out.writeBoolean(false);
            writeBytes(out, unreadable.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The next line of a run, or null at its end. */
    static ReplayLine readFrom(DataInput in) throws IOException {
        long timestamp;
        try {
            timestamp = in.readLong();
        } catch (EOFException end) {
            return null;
        }
        Feed feed = FEEDS[in.readByte()];
        long number = in.readLong();
        byte[] raw = readBytes(in);
        ReplayLine line = in.readBoolean()
                ? new ReplayLine(feed, number, raw, readBytes(in), null)
                : new ReplayLine(feed, number, raw, null, new String(readBytes(in), StandardCharsets.UTF_8));
        line.timestamp = timestamp;
        return line;
    }

    private static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] readBytes(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return bytes;
    }
}
