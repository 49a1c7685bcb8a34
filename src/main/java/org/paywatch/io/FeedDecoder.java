package org.paywatch.io;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.Map;
import org.paywatch.domain.Feed;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Origin;
import org.paywatch.domain.Received;

/** Decodes a feed's Avro payload into the job's plain records; a payload that does not decode is kept with the reason. */
public final class FeedDecoder implements Serializable {
    private static final long serialVersionUID = 1L;

    private transient Map<Feed, AvroCodec<?>> codecs;

    public Received decode(Feed feed, Origin origin, byte[] payload, long logTimestamp) {
        if (payload == null) {
            return Received.failed(origin, feed, new byte[0], "empty record (no value)", logTimestamp);
        }
        try {
            Object record = codec(feed).decode(payload);
            return Received.decoded(origin, feed, payload, FeedEvent.of(origin, toDomain(feed, record)));
        } catch (ContractViolation e) {
            return Received.failed(origin, feed, payload, e.getMessage(), logTimestamp);
        } catch (RuntimeException e) {
            // Avro throws several unchecked types on malformed input; none of them may stop the job.
            return Received.failed(origin, feed, payload, "not a valid " + feed.name().toLowerCase()
                    + " record: " + e.getClass().getSimpleName(), logTimestamp);
        }
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
