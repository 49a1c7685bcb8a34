package org.paywatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldDeliverOnlyCommittedTransactionsToAReadCommittedConsumer() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
            kafka.createTopics(2, "alerts");

            try (KafkaProducer<String, String> producer = transactionalProducer(kafka)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("alerts", "w-1", "aborted"));
                producer.abortTransaction();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("alerts", "w-2", "工资拖欠 committed"));
                producer.commitTransaction();
            }

            assertThat(readValues(kafka, "alerts", 1)).containsExactly("工资拖欠 committed");
        }
    }

    @Test
    void shouldAcceptCreatingTopicsThatAlreadyExist() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir);
                Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            kafka.createTopics(3, "clock-ins", "payments");
            kafka.createTopics(3, "payments", "projects");

            assertThat(admin.listTopics().names().get()).contains("clock-ins", "payments", "projects");
            assertThat(admin.describeTopics(List.of("payments"))
                            .allTopicNames()
                            .get()
                            .get("payments")
                            .partitions())
                    .hasSize(3);
        }
    }

    @Test
    void shouldKeepRecordsWhenRestartedOnTheSameDataDirectory() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir)) {
            kafka.createTopics(1, "progress");
            try (KafkaProducer<String, String> producer = transactionalProducer(kafka)) {
                producer.initTransactions();
                producer.beginTransaction();
                producer.send(new ProducerRecord<>("progress", "p-1", "50%"));
                producer.commitTransaction();
            }
        }

        try (EmbeddedKafka restarted = EmbeddedKafka.start(dataDir)) {
            assertThat(readValues(restarted, "progress", 1)).containsExactly("50%");
        }
    }

    @Test
    void shouldStopItsThreadsAndReleaseItsPortWhenClosed() throws Exception {
        Set<Thread> before = Thread.getAllStackTraces().keySet();
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir);
        kafka.createTopics(1, "workers");
        String[] hostAndPort = kafka.bootstrapServers().split(":");

        long started = System.nanoTime();
        kafka.close();

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(nonDaemonThreadsStartedSince(before)).isEmpty();
        assertThatThrownBy(() -> {
                    try (Socket socket = new Socket()) {
                        socket.connect(new InetSocketAddress(hostAndPort[0], Integer.parseInt(hostAndPort[1])), 1000);
                    }
                })
                .isInstanceOf(IOException.class);
    }

    private static KafkaProducer<String, String> transactionalProducer(EmbeddedKafka kafka) {
        return new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        "test-" + UUID.randomUUID(),
                        ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
                        60_000),
                new StringSerializer(),
                new StringSerializer());
    }

    /** Polls until {@code expected} records arrived, then a little longer to catch extras. */
    private static List<String> readValues(EmbeddedKafka kafka, String topic, int expected) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG,
                        "test-" + UUID.randomUUID(),
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed"),
                new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(300))) {
                values.add(record.value());
            }
            return values;
        }
    }

    private static List<String> nonDaemonThreadsStartedSince(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<Thread> lingering;
        do {
            lingering = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> !before.contains(t) && t.isAlive() && !t.isDaemon())
                    .toList();
            if (!lingering.isEmpty()) {
                Thread.sleep(50);
            }
        } while (!lingering.isEmpty() && System.nanoTime() < deadline);
        return lingering.stream().map(Thread::getName).collect(Collectors.toList());
    }
}
