package org.paywatch.io;

import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.paywatch.domain.Feed;
import org.paywatch.domain.Origin;
import org.paywatch.domain.Received;

/**
 * Kafka records of the six feeds, decoded in the source so that each partition's watermark follows
 * its own event time. Never throws: a record that does not decode, or whose event time cannot be true
 * (checked against the wall clock), is passed on with the reason, for the entry operator to dead-letter.
 */
public class ReceivedDeserializer implements KafkaRecordDeserializationSchema<Received> {
    private final Map<String, Feed> feedsByTopic;
    private final FeedDecoder decoder;

    public ReceivedDeserializer(Map<String, Feed> feedsByTopic, FeedDecoder decoder) {
        this.feedsByTopic = Map.copyOf(feedsByTopic);
        this.decoder = decoder;
    }

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Received> out) {
        Origin origin = new Origin(record.topic(), record.partition(), record.offset());
        out.collect(decoder.decode(
                feedsByTopic.get(record.topic()),
                origin,
                record.value(),
                record.timestamp(),
                System.currentTimeMillis(),
                "the wall clock"));
    }

    @Override
    public TypeInformation<Received> getProducedType() {
        return TypeInformation.of(Received.class);
    }
}
