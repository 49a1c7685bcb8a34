package org.paywatch.drill;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.paywatch.contract.DeadLetter;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.ContractViolation;
import org.paywatch.io.KafkaTopics;

/** The committed dead letters of a topic, as the bank reads them back. */
final class DeadLetters {
    private DeadLetters() {}

    /** How many committed dead letters on the topic have the given cause. */
    static long count(String bootstrapServers, String topic, String cause) throws ContractViolation {
        AvroCodec<DeadLetter> codec = AvroCodec.of(DeadLetter.class);
        long n = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG,
                        8 * 1024 * 1024),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = KafkaTopics.readFromTheStart(consumer, topic);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (codec.decode(r.value()).getCause().equals(cause)) {
                        n++;
                    }
                }
            }
        }
        return n;
    }
}
