package org.paywatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.config.JobConfig;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.ClockIn;
import org.paywatch.io.AvroCodec;
import org.paywatch.local.EmbeddedKafka;
import org.paywatch.local.FreePort;
import picocli.CommandLine;

/** `paywatch simulate --kafka`: the county into an existing broker's input topics, Avro with the contract's keys, at a rate. */
class SimulateIntoKafkaTest {
    private static final Pattern LINE =
            Pattern.compile("simulate: 2 projects \\(\\d+ faulty\\), \\d+ workers, \\S+ to \\S+: "
                    + "(\\d+) records published to (\\S+) in ([\\d.]+) s \\((\\d+) records/s\\)");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Paywatch.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void shouldPublishEveryRecordIntoTheInputTopicsWithTheContractsKeysAtTheRateAsked() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"))) {
            int exit = run(
                    "simulate",
                    "--kafka",
                    kafka.bootstrapServers(),
                    "--projects",
                    "2",
                    "--months",
                    "3",
                    "--last-day",
                    "2026-06-30",
                    "--rate",
                    "20000");

            assertThat(exit).as(err.toString()).isZero();
            Matcher m = LINE.matcher(out.toString().strip());
            assertThat(m.matches()).as(out.toString()).isTrue();
            long published = Long.parseLong(m.group(1));
            assertThat(Double.parseDouble(m.group(3)))
                    .as("paced, not as fast as possible")
                    .isGreaterThanOrEqualTo(published / 20_000.0 * 0.9);
            assertThat(Long.parseLong(m.group(4))).isLessThanOrEqualTo(20_000 * 11 / 10);

            JobConfig.Topics t = new JobConfig.Topics();
            List<ConsumerRecord<byte[], byte[]>> clockIns = readAll(kafka.bootstrapServers(), t.clockins);
            List<ConsumerRecord<byte[], byte[]>> bank = readAll(kafka.bootstrapServers(), t.bank);
            long all = clockIns.size()
                    + bank.size()
                    + readAll(kafka.bootstrapServers(), t.projects).size()
                    + readAll(kafka.bootstrapServers(), t.workers).size()
                    + readAll(kafka.bootstrapServers(), t.progress).size();
            assertThat(all).isEqualTo(published);
            AvroCodec<ClockIn> clockInCodec = AvroCodec.of(ClockIn.class);
            assertThat(clockIns)
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8))
                            .isEqualTo(clockInCodec.decode(r.value()).getProjectId()));
            AvroCodec<BankTransaction> bankCodec = AvroCodec.of(BankTransaction.class);
            assertThat(bank)
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8))
                            .isEqualTo(bankCodec.decode(r.value()).getAccountNo()));
        }
    }

    @Test
    void shouldSayInOneSentenceThatNoBrokerAnswers() {
        String nobody = "127.0.0.1:" + FreePort.onLoopback();

        assertThat(run("simulate", "--kafka", nobody, "--projects", "1", "--months", "3"))
                .isEqualTo(2);

        assertThat(err.toString().strip())
                .isEqualTo("paywatch simulate: Kafka at " + nobody
                        + " did not answer within 10 s: start the broker or pass its address with --kafka HOST:PORT");
    }

    @Test
    void shouldAskForOneDestinationAndARateOnlyWithKafka() {
        assertThat(run("simulate", "--projects", "1")).isEqualTo(2);
        assertThat(err.toString())
                .contains(
                        "nowhere to put the county: pass --out DIR for a replay folder or --kafka HOST:PORT to publish it");
        assertThat(run("simulate", "--out", dir.resolve("c").toString(), "--rate", "100"))
                .isEqualTo(2);
        assertThat(err.toString())
                .contains("--rate paces publishing into Kafka: pass --kafka HOST:PORT too, or leave --rate out");
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String bootstrap, String topic) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = c.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            c.assign(partitions);
            c.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = c.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            long giveUp = System.currentTimeMillis() + 30_000;
            while (records.size() < total && System.currentTimeMillis() < giveUp) {
                c.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
