package org.paywatch.pipeline;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.paywatch.domain.Feed;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Origin;

/**
 * The type of the streams of FeedEvents between the job's operators, written by {@link FeedEventSerializer}. Only
 * streams: the state holding FeedEvents keeps the types its savepoints were written with (Descriptors), which is
 * why FeedEvent itself is not annotated with it.
 */
public final class FeedEventType extends TypeInformation<FeedEvent> {
    private static final long serialVersionUID = 1L;

    public static final FeedEventType INSTANCE = new FeedEventType();

    private FeedEventType() {}

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<FeedEvent> getTypeClass() {
        return FeedEvent.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<FeedEvent> createSerializer(SerializerConfig config) {
        TypeSerializer<?>[] payloads = new TypeSerializer<?>[Feed.values().length];
        for (Feed feed : Feed.values()) {
            payloads[feed.ordinal()] =
                    StatePojo.typeOf(FeedEventSerializer.payloadClass(feed)).createSerializer(config);
        }
        return new FeedEventSerializer(
                StatePojo.typeOf(Origin.class).createSerializer(config), StringSerializer.INSTANCE, payloads);
    }

    @Override
    public String toString() {
        return "FeedEventType";
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof FeedEventType;
    }

    @Override
    public int hashCode() {
        return FeedEventType.class.hashCode();
    }

    @Override
    public boolean canEqual(Object obj) {
        return obj instanceof FeedEventType;
    }
}
