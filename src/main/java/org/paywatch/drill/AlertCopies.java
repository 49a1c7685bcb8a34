package org.paywatch.drill;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.paywatch.contract.Alert;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.ContractViolation;
import org.paywatch.io.KafkaTopics;

/**
 * The alert transitions a read_committed consumer has seen on a topic, as a bureau's consumer sees
 * them, counted by identity (alert id, transition, level, time): a transition seen twice is a duplicate.
 */
final class AlertCopies implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final AvroCodec<Alert> codec = AvroCodec.of(Alert.class);
    private final Map<String, Integer> copies = new TreeMap<>();
    private long total;

    AlertCopies(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "paywatch-drill-" + topic),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        KafkaTopics.readFromTheStart(consumer, topic);
    }

    /** Reads what has been committed since the last call. */
    void poll(Duration wait) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(wait)) {
            try {
                Alert a = codec.decode(r.value());
                copies.merge(
                        a.getAlertId() + " " + a.getTransition() + " " + a.getLevel() + " " + a.getEventTime(),
                        1,
                        Integer::sum);
                total++;
            } catch (ContractViolation notAnAlert) {
                copies.merge("undecodable@" + r.partition() + "/" + r.offset(), 1, Integer::sum);
                total++;
            }
        }
    }

    long total() {
        return total;
    }

    Map<String, Integer> copies() {
        return copies;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
