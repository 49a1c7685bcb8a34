package org.paywatch.pipeline;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeutils.CompositeTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.paywatch.domain.BankTransaction;
import org.paywatch.domain.ClockIn;
import org.paywatch.domain.Feed;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Origin;
import org.paywatch.domain.ProgressReport;
import org.paywatch.domain.Project;
import org.paywatch.domain.TaxChange;
import org.paywatch.domain.WorkerRegistration;

/**
 * A FeedEvent as it travels between operators (FeedEventType): its feed as one byte, its origin and project id, and
 * only the payload of that feed. Flink's POJO serializer creates all six payloads, and the POJOs inside them, by
 * reflection for every record it reads, to set five back to null: ~11 % of the project monitor's thread in
 * {@code paywatch bench}. Each part is written by the serializer the project monitor's state gives its type
 * (StatePojo: no Kryo), so the records a monitor keeps look the same as the ones it reads.
 *
 * <p>The feed byte is the enum's ordinal: both ends of a channel run the same build, so that is all it needs to be.
 * Serializes no null record: Flink sends none between operators.
 */
public final class FeedEventSerializer extends TypeSerializer<FeedEvent> {
    private static final long serialVersionUID = 1L;
    private static final Feed[] FEEDS = Feed.values();

    private final TypeSerializer<Origin> origin;
    private final TypeSerializer<String> projectId;
    /** By the feed's ordinal. */
    private final TypeSerializer<Object>[] payloads;

    @SuppressWarnings("unchecked")
    FeedEventSerializer(TypeSerializer<?> origin, TypeSerializer<?> projectId, TypeSerializer<?>[] payloads) {
        if (payloads.length != FEEDS.length) {
            throw new IllegalArgumentException(
                    "a payload serializer for each of the " + FEEDS.length + " feeds, not " + payloads.length);
        }
        this.origin = (TypeSerializer<Origin>) origin;
        this.projectId = (TypeSerializer<String>) projectId;
        this.payloads = (TypeSerializer<Object>[]) payloads.clone();
    }

    /** The class of the one payload a record of this feed sets. */
    static Class<?> payloadClass(Feed feed) {
        return switch (feed) {
            case PROJECTS -> Project.class;
            case WORKERS -> WorkerRegistration.class;
            case PROGRESS -> ProgressReport.class;
            case BANK -> BankTransaction.class;
            case CLOCKINS -> ClockIn.class;
            case TAX -> TaxChange.class;
        };
    }

    private static Object payloadOf(FeedEvent e) {
        return switch (e.feed) {
            case PROJECTS -> e.project;
            case WORKERS -> e.worker;
            case PROGRESS -> e.progress;
            case BANK -> e.bank;
            case CLOCKINS -> e.clockIn;
            case TAX -> e.tax;
        };
    }

    private static void setPayload(FeedEvent e, Object payload) {
        switch (e.feed) {
            case PROJECTS -> e.project = (Project) payload;
            case WORKERS -> e.worker = (WorkerRegistration) payload;
            case PROGRESS -> e.progress = (ProgressReport) payload;
            case BANK -> e.bank = (BankTransaction) payload;
            case CLOCKINS -> e.clockIn = (ClockIn) payload;
            case TAX -> e.tax = (TaxChange) payload;
        }
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<FeedEvent> duplicate() {
        TypeSerializer<Origin> o = origin.duplicate();
        TypeSerializer<String> id = projectId.duplicate();
        TypeSerializer<?>[] p = new TypeSerializer<?>[payloads.length];
        boolean stateless = o == origin && id == projectId;
        for (int i = 0; i < payloads.length; i++) {
            p[i] = payloads[i].duplicate();
            stateless &= p[i] == payloads[i];
        }
        return stateless ? this : new FeedEventSerializer(o, id, p);
    }

    @Override
    public FeedEvent createInstance() {
        return new FeedEvent();
    }

    @Override
    public FeedEvent copy(FeedEvent from) {
        FeedEvent e = new FeedEvent();
        e.feed = from.feed;
        e.origin = origin.copy(from.origin);
        e.projectId = from.projectId;
        setPayload(e, payloads[from.feed.ordinal()].copy(payloadOf(from)));
        return e;
    }

    /** A fresh copy: records between operators are not reused (object reuse only skips copies in a chain). */
    @Override
    public FeedEvent copy(FeedEvent from, FeedEvent reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(FeedEvent record, DataOutputView target) throws IOException {
        Objects.requireNonNull(record.feed, "a FeedEvent without a feed");
        target.writeByte(record.feed.ordinal());
        origin.serialize(record.origin, target);
        projectId.serialize(record.projectId, target);
        payloads[record.feed.ordinal()].serialize(payloadOf(record), target);
    }

    @Override
    public FeedEvent deserialize(DataInputView source) throws IOException {
        FeedEvent e = new FeedEvent();
        e.feed = FEEDS[source.readByte()];
        e.origin = origin.deserialize(source);
        e.projectId = projectId.deserialize(source);
        setPayload(e, payloads[e.feed.ordinal()].deserialize(source));
        return e;
    }

    /** A fresh record, as {@link #copy(FeedEvent, FeedEvent)}. */
    @Override
    public FeedEvent deserialize(FeedEvent reuse, DataInputView source) throws IOException {
        return deserialize(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        byte feed = source.readByte();
        target.writeByte(feed);
        origin.copy(source, target);
        projectId.copy(source, target);
        payloads[feed].copy(source, target);
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof FeedEventSerializer other
                && origin.equals(other.origin)
                && projectId.equals(other.projectId)
                && Arrays.equals(payloads, other.payloads);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * origin.hashCode() + projectId.hashCode()) + Arrays.hashCode(payloads);
    }

    @Override
    public TypeSerializerSnapshot<FeedEvent> snapshotConfiguration() {
        return new Snapshot(this);
    }

    /** The nested serializers' snapshots: origin, project id, then the payloads in the feeds' order. */
    public static final class Snapshot extends CompositeTypeSerializerSnapshot<FeedEvent, FeedEventSerializer> {
        private static final int VERSION = 1;

        /** For Flink, to read a snapshot. */
        public Snapshot() {}

        Snapshot(FeedEventSerializer serializer) {
            super(serializer);
        }

        @Override
        protected int getCurrentOuterSnapshotVersion() {
            return VERSION;
        }

        @Override
        protected TypeSerializer<?>[] getNestedSerializers(FeedEventSerializer outer) {
            TypeSerializer<?>[] nested = new TypeSerializer<?>[2 + outer.payloads.length];
            nested[0] = outer.origin;
            nested[1] = outer.projectId;
            System.arraycopy(outer.payloads, 0, nested, 2, outer.payloads.length);
            return nested;
        }

        @Override
        protected FeedEventSerializer createOuterSerializerWithNestedSerializers(TypeSerializer<?>[] nested) {
            return new FeedEventSerializer(nested[0], nested[1], Arrays.copyOfRange(nested, 2, nested.length));
        }
    }
}
