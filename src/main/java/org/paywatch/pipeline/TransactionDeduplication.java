package org.paywatch.pipeline;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.paywatch.domain.BankTransaction;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Rejection;
import org.paywatch.domain.RejectionCause;

/**
 * A re-sent txnId is applied once, and one sent again with other content is a conflict: not applied, dead-lettered
 * naming the txnId and the first differing field (CONTRACTS.md, "Re-sent and conflicting records"). What a txnId
 * carried is kept, for a retention period of event time long enough to cover the yearly PW08 window, as two longs
 * (not the record: its amounts and names need not sit in state, and a bank's whole year of payouts is remembered):
 * a fingerprint of its content, which alone tells a re-send from a conflict, and a 7-bit hash per field, which only
 * names the field (a differing field whose 7 bits agree, 1 in 128, is passed over for the next).
 *
 * <p>Keyed by a 64-bit fingerprint of (bankCode, txnId), not the pair itself: two different txnIds among n remembered
 * share one with a chance of about n^2/2^65 (1e-9 for 200 000 of them), and the later would be taken for a conflict.
 * Both fingerprints are SHA-256 over a fixed encoding (enums by name), so a restored state compares equal on any JVM:
 * changing the encoding is a state-layout change.
 */
public class TransactionDeduplication extends KeyedProcessFunction<Long, FeedEvent, FeedEvent>
        implements CheckpointedFunction {
    /** The contract's fields of a transaction after its key (bankCode, txnId), in its order: the first that differs is named. */
    private static final List<Field> FIELDS = List.of(
            new Field("accountNo", t -> t.accountNo),
            new Field("type", t -> t.type),
            new Field("amountFen", t -> t.amountFen),
            new Field("balanceAfterFen", t -> t.balanceAfterFen),
            new Field("counterpartyAccountNo", t -> t.counterpartyAccountNo),
            new Field("counterpartyName", t -> t.counterpartyName),
            new Field("workerId", t -> t.workerId),
            new Field("wagePeriod", t -> t.wagePeriod),
            new Field("eventTime", t -> t.eventTime));

    private static final int FIELD_HASH_BITS = 7;
    private static final long FIELD_HASH_MASK = (1L << FIELD_HASH_BITS) - 1;

    private record Field(String name, Function<BankTransaction, Object> value) {}

    private final long retentionMillis;
    /** What the txnId carried first: {content fingerprint, field hashes}; absent for a txnId not seen. */
    private transient ValueState<Tuple2<Long, Long>> content;

    private transient RecordCounts counts;

    public TransactionDeduplication(long retentionMillis) {
        this.retentionMillis = retentionMillis;
    }

    /** The operator's key: a fingerprint of the record's (bankCode, txnId). */
    public static long key(FeedEvent e) {
        return key(e.bank.bankCode, e.bank.txnId);
    }

    static long key(String bankCode, String txnId) {
        // the NUL keeps ("AB", "C") apart from ("A", "BC"): neither field can hold one
        return first8Bytes(sha256().digest((bankCode + '\u0000' + txnId).getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        counts = RecordCounts.restore(context, getRuntimeContext());
    }

    @Override
    public void open(OpenContext openContext) {
        content = getRuntimeContext().getState(Descriptors.transactionContent());
        counts.open();
    }

    @Override
    public void processElement(FeedEvent e, Context ctx, Collector<FeedEvent> out) throws Exception {
        Tuple2<Long, Long> kept = content.value();
        long[] now = fingerprint(e.bank);
        if (kept == null) {
            content.update(Tuple2.of(now[0], now[1]));
            ctx.timerService().registerEventTimeTimer(e.eventTime() + retentionMillis);
            out.collect(e);
        } else if (kept.f0 == now[0]) {
            counts.add(Outcome.DUPLICATE, e.feed);
        } else {
            String differs = firstDifference(kept.f1, now[1]);
            counts.deadLettered(e.feed, RejectionCause.CONFLICT);
            ctx.output(
                    Descriptors.REJECTED,
                    Rejection.of(
                            e.origin,
                            RejectionCause.CONFLICT,
                            "txnId " + e.bank.txnId
                                    + " was received before with "
                                    + (differs == null ? "other content" : "another " + differs)
                                    + ": a txnId names one transaction, so this one is not "
                                    + "applied; correct it and send it under a new txnId, or send the first content again",
                            e.eventTime()));
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<FeedEvent> out) {
        content.clear();
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        counts.snapshot();
    }

    /**
     * What is kept of a transaction: {the first 8 bytes of SHA-256 over every field's encoding, the fields' 7-bit
     * hashes packed in field order from the lowest bit}.
     */
    static long[] fingerprint(BankTransaction t) {
        MessageDigest whole = sha256();
        MessageDigest one = sha256();
        long fieldHashes = 0;
        for (int i = 0; i < FIELDS.size(); i++) {
            byte[] encoded = encode(FIELDS.get(i).value().apply(t));
            whole.update(encoded);
            long fieldHash = first8Bytes(one.digest(encoded)) & FIELD_HASH_MASK;
            fieldHashes |= fieldHash << (i * FIELD_HASH_BITS);
        }
        return new long[] {first8Bytes(whole.digest()), fieldHashes};
    }

    /**
     * One field's value as bytes that mean one value only: a tag (absent, text, number) and, for text, its UTF-8
     * length before it, so that consecutive fields cannot run into each other.
     */
    private static byte[] encode(Object value) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(32);
            DataOutputStream out = new DataOutputStream(bytes);
            if (value == null) {
                out.writeByte(0);
            } else if (value instanceof String || value instanceof Enum<?>) {
                // an enum by its name: its hashCode or ordinal is no promise across JVMs or releases
                byte[] text = (value instanceof Enum<?> symbol ? symbol.name() : (String) value)
                        .getBytes(StandardCharsets.UTF_8);
                out.writeByte(1);
                out.writeInt(text.length);
                out.write(text);
            } else if (value instanceof Long number) {
                out.writeByte(2);
                out.writeLong(number);
            } else {
                throw new IllegalArgumentException(
                        "no fixed encoding for a " + value.getClass().getName());
            }
            out.flush();
            return bytes.toByteArray();
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** The first field whose 7-bit hash differs; null when none does. */
    static String firstDifference(long first, long now) {
        for (int i = 0; i < FIELDS.size(); i++) {
            int shift = i * FIELD_HASH_BITS;
            if (((first >>> shift) & FIELD_HASH_MASK) != ((now >>> shift) & FIELD_HASH_MASK)) {
                return FIELDS.get(i).name();
            }
        }
        return null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException everyJavaHasIt) {
            throw new IllegalStateException(everyJavaHasIt);
        }
    }

    private static long first8Bytes(byte[] digest) {
        return ByteBuffer.wrap(digest, 0, Long.BYTES).getLong();
    }
}
