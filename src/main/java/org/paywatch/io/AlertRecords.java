package org.paywatch.io;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.paywatch.contract.Alert;
import org.paywatch.contract.DeadLetter;
import org.paywatch.domain.AlertEvent;
import org.paywatch.domain.Rejection;

/**
 * The Kafka form of the outputs: Avro (single-object encoding), keyed by project for alerts. The
 * record timestamp is left to the producer (now): business times can be months old, and the broker's
 * retention would delete such records at once.
 */
public final class AlertRecords {
    private AlertRecords() {}

    public static KafkaRecordSerializationSchema<AlertEvent> alerts(String topic) {
        return new KafkaRecordSerializationSchema<>() {
            private transient AvroCodec<Alert> codec;

            @Override
            public ProducerRecord<byte[], byte[]> serialize(AlertEvent e, KafkaSinkContext ctx, Long timestamp) {
                if (codec == null) {
                    codec = AvroCodec.of(Alert.class);
                }
                return new ProducerRecord<>(
                        topic,
                        null,
                        null,
                        e.projectId.getBytes(StandardCharsets.UTF_8),
                        codec.encode(ContractMapping.alert(e)));
            }
        };
    }

    public static KafkaRecordSerializationSchema<Rejection> deadLetters(String topic) {
        return new KafkaRecordSerializationSchema<>() {
            private transient AvroCodec<DeadLetter> codec;

            @Override
            public ProducerRecord<byte[], byte[]> serialize(Rejection r, KafkaSinkContext ctx, Long timestamp) {
                if (codec == null) {
                    codec = AvroCodec.of(DeadLetter.class);
                }
                return new ProducerRecord<>(
                        topic,
                        null,
                        null,
                        r.origin.topic.getBytes(StandardCharsets.UTF_8),
                        codec.encode(ContractMapping.deadLetter(r)));
            }
        };
    }
}
