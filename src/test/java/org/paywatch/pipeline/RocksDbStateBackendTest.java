package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.contract.Alert;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.contract.Project;
import org.paywatch.io.AvroCodec;
import org.paywatch.local.EmbeddedKafka;
import org.paywatch.local.LocalFlink;
import org.paywatch.policy.BusinessCalendar;
import org.paywatch.testing.ContractRecords;
import org.paywatch.testing.KafkaClient;
import org.paywatch.testing.PersonalData;

/**
 * job.stateBackend: rocksdb runs the live job on Flink's RocksDB backend: its state lives in RocksDB's files, alerts
 * come out as on the heap, and a job stopped with a savepoint resumes from it with the projects it knew.
 */
class RocksDbStateBackendTest {
    private static final String PROJECT = "ROCKS-1";
    private static final String ACCOUNT = "6222020200199887766";

    @TempDir
    Path dir;

    @Test
    void shouldKeepTheProjectsInRocksDbAndResumeFromASavepointWithThem() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
                KafkaClient client = new KafkaClient(kafka.bootstrapServers())) {
            JobConfig config = JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"));
            config.job.stateBackend = "rocksdb";
            config.kafka.bootstrapServers = kafka.bootstrapServers();
            config.kafka.startFrom = "earliest";
            config.influx.url = null;
            config.job.checkpointInterval = Duration.ofSeconds(1);
            config.time.maxOutOfOrderness = Duration.ofSeconds(1);
            config.time.idleness = Duration.ofSeconds(2);
            config.time.heartbeat = Duration.ofSeconds(1);
            JobConfig.Topics t = config.kafka.topics;
            kafka.createTopics(1, t.projects, t.workers, t.progress, t.bank, t.clockins, t.tax, t.alerts, t.deadletter);
            long now = System.currentTimeMillis();
            LocalDate today = LocalDate.now(BusinessCalendar.ZONE);
            AvroCodec<BankTransaction> bank = AvroCodec.of(BankTransaction.class);
            client.send(
                    t.projects,
                    PROJECT,
                    AvroCodec.of(Project.class)
                            .encode(ContractRecords.project(
                                    PROJECT,
                                    ACCOUNT,
                                    today.minusDays(10),
                                    now - Duration.ofDays(11).toMillis())));
            client.send(
                    t.bank,
                    ACCOUNT,
                    bank.encode(ContractRecords.txn(
                            "R1",
                            ACCOUNT,
                            BankTransactionType.TRANSFER_OUT,
                            500_000,
                            now - Duration.ofHours(1).toMillis())));

            Path rocksDir = Files.createDirectories(dir.resolve("rocksdb"));
            JobClient first = start(config, rocksDir, null);
            KafkaClient.await(
                    "the PW10 alert of the transfer",
                    () -> alerts(client, t).stream()
                            .anyMatch(a ->
                                    a.getRuleId().equals("PW10") && a.getScope().matches("\\d{4}-\\d{2}")));
            assertThat(rocksDbFiles(rocksDir))
                    .as("RocksDB's own files, where the job keeps its state")
                    .isNotEmpty();
            String savepoint = first.stopWithSavepoint(
                            false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                    .get(60, TimeUnit.SECONDS);

            // Known to the resumed job only through the savepoint: otherwise the payout would wait for its
            // project's registration.
            client.send(
                    t.bank,
                    ACCOUNT,
                    bank.encode(ContractRecords.payout(
                            "R2",
                            ACCOUNT,
                            PersonalData.COUNTERPARTY_ACCOUNT,
                            PersonalData.COUNTERPARTY_NAME,
                            PersonalData.ID_CARD,
                            300_000,
                            now - Duration.ofMinutes(30).toMillis())));
            JobClient resumed = start(config, rocksDir, savepoint);
            try {
                KafkaClient.await(
                        "the PW10 alert of the payout to an unregistered worker",
                        () -> alerts(client, t).stream()
                                .anyMatch(a -> a.getRuleId().equals("PW10")
                                        && a.getScope().startsWith("W-")));
            } finally {
                resumed.cancel().get(60, TimeUnit.SECONDS);
            }
            assertThat(alerts(client, t))
                    .filteredOn(a -> a.getRuleId().equals("PW10"))
                    .extracting(a -> a.getTransition() + " " + a.getLevel())
                    .as("the transfer's alert once, not raised again after the restore")
                    .containsExactlyInAnyOrder("RAISED RED", "RAISED YELLOW");
        }
    }

    private static JobClient start(JobConfig config, Path rocksDir, String savepoint) throws Exception {
        Configuration flink = LocalFlink.loopback();
        flink.setString("state.backend.rocksdb.localdir", rocksDir.toString());
        if (savepoint != null) {
            flink.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = LocalFlink.environment(flink);
        KafkaRiskMonitor.define(env, config, "rocksdb-test-pseudonym-key".getBytes(StandardCharsets.UTF_8), null);
        return env.executeAsync("paywatch on rocksdb");
    }

    private static List<Alert> alerts(KafkaClient client, JobConfig.Topics t) throws Exception {
        return client.readCommitted(t.alerts, AvroCodec.of(Alert.class), Duration.ofSeconds(2));
    }

    private static List<Path> rocksDbFiles(Path rocksDir) throws Exception {
        try (Stream<Path> files = Files.walk(rocksDir)) {
            return files.filter(f -> f.getFileName().toString().equals("CURRENT")
                            || f.getFileName().toString().endsWith(".sst")
                            || f.getFileName().toString().startsWith("OPTIONS-"))
                    .toList();
        }
    }
}
