package org.paywatch.pipeline;

import org.apache.flink.api.common.serialization.SerializerConfig;
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
public final class FeedEventType extends StreamType<FeedEvent> {
    private static final long serialVersionUID = 1L;

    public static final FeedEventType INSTANCE = new FeedEventType();

    private FeedEventType() {
        super(FeedEvent.class);
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
}
