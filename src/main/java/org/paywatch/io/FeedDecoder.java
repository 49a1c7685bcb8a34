package org.paywatch.io;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import org.paywatch.config.JobConfig;
import org.paywatch.domain.EventTimeBounds;
import org.paywatch.domain.Feed;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Origin;
import org.paywatch.domain.Received;
import org.paywatch.domain.RejectionCause;

/**
 * Decodes a feed's Avro payload into the job's plain records. A payload that is too large, does not
 * decode or carries an event time that cannot be true is kept with the reason, for the entry operator
 * to dead-letter: its time must not reach the watermark.
 */
public final class FeedDecoder implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int maxRecordBytes;
    private final EventTimeBounds timeBounds;
    private transient Map<Feed, AvroCodec<?>> codecs;

    public FeedDecoder(int maxRecordBytes, EventTimeBounds timeBounds) {
        this.maxRecordBytes = maxRecordBytes;
        this.timeBounds = timeBounds;
    }

    /** The decoder with the limits of a job file (entry.maxRecordBytes, time.earliestEventDate, time.maxClockSkew). */
    public static FeedDecoder configured(JobConfig config) {
        return new FeedDecoder(
                config.entry.maxRecordBytes,
                new EventTimeBounds(config.time.earliestEventDate, config.time.maxClockSkew));
    }

    /**
     * @param logTimestamp the time the log gives the record, used when the record has no event time of its own
     * @param now          the reference of the time check (the wall clock live, --as-of in a replay)
     * @param nowName      how a reason names it
     */
    public Received decode(Feed feed, Origin origin, byte[] payload, long logTimestamp, long now, String nowName) {
        if (payload == null) {
            return Received.failed(
                    origin, feed, new byte[0], RejectionCause.UNDECODABLE, "empty record (no value)", logTimestamp);
        }
        if (payload.length > maxRecordBytes) {
            return Received.failed(
                    origin,
                    feed,
                    payload,
                    RejectionCause.OVERSIZED,
                    "record of " + payload.length
                            + " bytes is larger than entry.maxRecordBytes (" + maxRecordBytes + "): a "
                            + feed.name().toLowerCase()
                            + " record is a few hundred bytes; check what the producer sends",
                    logTimestamp);
        }
        Received r;
        try {
            Object record = codec(feed).decode(payload);
            r = Received.decoded(origin, feed, payload, FeedEvent.of(origin, toDomain(feed, record)));
        } catch (ContractViolation e) {
            return Received.failed(origin, feed, payload, RejectionCause.UNDECODABLE, e.getMessage(), logTimestamp);
        } catch (RuntimeException e) {
            // Avro throws several unchecked types on malformed input; none of them may stop the job.
            return Received.failed(
                    origin,
                    feed,
                    payload,
                    RejectionCause.UNDECODABLE,
                    "not a valid " + feed.name().toLowerCase()
                            + " record: the bytes do not decode as one (schemas/README.md)",
                    logTimestamp);
        }
        String impossible = timeBounds.violation(r.timestamp, now, nowName);
        if (impossible != null) {
            Received failed =
                    Received.failed(origin, feed, payload, RejectionCause.IMPOSSIBLE_TIME, impossible, logTimestamp);
            failed.event = r.event; // decoded: its personal fields are masked by field
            return failed;
        }
        return r;
    }

    private static Object toDomain(Feed feed, Object record) {
        return switch (feed) {
            case PROJECTS -> ContractMapping.project((org.paywatch.contract.Project) record);
            case WORKERS -> ContractMapping.worker((org.paywatch.contract.Worker) record);
            case PROGRESS -> ContractMapping.progress((org.paywatch.contract.Progress) record);
            case BANK -> ContractMapping.bank((org.paywatch.contract.BankTransaction) record);
            case CLOCKINS -> ContractMapping.clockIn((org.paywatch.contract.ClockIn) record);
            case TAX -> ContractMapping.tax((org.paywatch.contract.TaxChange) record);
        };
    }

    private AvroCodec<?> codec(Feed feed) {
        if (codecs == null) {
            codecs = new EnumMap<>(Feed.class);
        }
        return codecs.computeIfAbsent(feed, f -> AvroCodec.of(contractClass(f)));
    }

    /** The generated Avro class of each feed. */
    public static Class<? extends org.apache.avro.specific.SpecificRecordBase> contractClass(Feed feed) {
        return switch (feed) {
            case PROJECTS -> org.paywatch.contract.Project.class;
            case WORKERS -> org.paywatch.contract.Worker.class;
            case PROGRESS -> org.paywatch.contract.Progress.class;
            case BANK -> org.paywatch.contract.BankTransaction.class;
            case CLOCKINS -> org.paywatch.contract.ClockIn.class;
            case TAX -> org.paywatch.contract.TaxChange.class;
        };
    }
}
