package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.contract.Alert;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.contract.DeadLetter;
import org.paywatch.contract.Project;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.influx.InfluxHttp;
import org.paywatch.io.influx.QueryResult;
import org.paywatch.local.EmbeddedKafka;
import org.paywatch.local.InfluxServer;
import org.paywatch.local.LocalFlink;
import org.paywatch.testing.ContractRecords;
import org.paywatch.testing.KafkaClient;

/**
 * The live job end to end, on real components: an in-process Kafka broker, a real influxd and a Flink
 * MiniCluster, with the wall clock driving event time. Records dated relative to now go in; the
 * alerts come out to a read_committed consumer and the points are queried back from InfluxDB; bad
 * records are dead-lettered while the job keeps running, and the counters reconcile.
 */
class RiskMonitorEndToEndTest {
    private static final String PROJECT = "E2E-1";
    private static final String ACCOUNT = "6222020200112233445";

    @TempDir
    static Path dir;

    static EmbeddedKafka kafka;
    static InfluxServer influx;
    static JobConfig config;
    static JobClient job;
    static final List<Alert> alerts = new ArrayList<>();
    static final List<DeadLetter> deadLetters = new ArrayList<>();

    @BeforeAll
    static void startEverythingAndFeed() throws Exception {
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        influx = InfluxServer.start(dir.resolve("influx"));
        config = JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"));
        config.kafka.bootstrapServers = kafka.bootstrapServers();
        config.kafka.startFrom = "earliest";
        config.influx.url = influx.url();
        config.influx.database = "paywatch_e2e";
        config.job.checkpointInterval = Duration.ofSeconds(1);
        config.time.maxOutOfOrderness = Duration.ofSeconds(1);
        config.time.idleness = Duration.ofSeconds(2);
        config.time.heartbeat = Duration.ofSeconds(1);
        JobConfig.Topics t = config.kafka.topics;
        kafka.createTopics(1, t.projects, t.workers, t.progress, t.clockins, t.tax, t.alerts, t.deadletter);
        kafka.createTopics(2, t.bank);

        StreamExecutionEnvironment env = LocalFlink.environment();
        KafkaRiskMonitor.define(env, config, "e2e-test-pseudonym-key".getBytes(StandardCharsets.UTF_8), null);
        job = env.executeAsync("paywatch e2e");

        long now = System.currentTimeMillis();
        LocalDate today = LocalDate.now(org.paywatch.policy.BusinessCalendar.ZONE);
        // Started 45 days ago, last deposit 40 days ago: PW02 is YELLOW whichever of the two the job
        // applies first, since both arrive late behind the wall clock.
        try (KafkaClient bank = new KafkaClient(kafka.bootstrapServers())) {
            AvroCodec<BankTransaction> codec = AvroCodec.of(BankTransaction.class);
            bank.send(
                    t.projects,
                    PROJECT,
                    AvroCodec.of(Project.class)
                            .encode(ContractRecords.project(
                                    PROJECT,
                                    ACCOUNT,
                                    today.minusDays(45),
                                    now - Duration.ofDays(46).toMillis())));
            bank.send(
                    t.bank,
                    ACCOUNT,
                    codec.encode(txn(
                            "D1",
                            BankTransactionType.LABOR_COST_DEPOSIT,
                            12_000_000,
                            now - Duration.ofDays(40).toMillis())));
            byte[] transfer = codec.encode(txn(
                    "X1",
                    BankTransactionType.TRANSFER_OUT,
                    500_000,
                    now - Duration.ofHours(1).toMillis()));
            bank.send(t.bank, ACCOUNT, transfer);
            bank.send(t.bank, ACCOUNT, transfer); // re-sent by the bank: applied once
            bank.send(t.bank, ACCOUNT, Arrays.copyOf(transfer, transfer.length / 2)); // truncated Avro
            bank.send(t.bank, ACCOUNT, withUnknownEnumSymbol(now));
            bank.send(
                    t.bank,
                    ACCOUNT,
                    codec.encode(txn(
                            "N1",
                            BankTransactionType.OTHER_CREDIT,
                            -5,
                            now - Duration.ofHours(2).toMillis())));
            KafkaClient.await("the two alerts and three dead letters", () -> {
                alerts.clear();
                alerts.addAll(bank.readCommitted(t.alerts, AvroCodec.of(Alert.class), Duration.ofSeconds(3)));
                deadLetters.clear();
                deadLetters.addAll(
                        bank.readCommitted(t.deadletter, AvroCodec.of(DeadLetter.class), Duration.ofSeconds(3)));
                return alerts.size() >= 2 && deadLetters.size() >= 3;
            });
        }
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (influx != null) {
            influx.close();
        }
    }

    @Test
    void shouldPublishTheAlertsToReadCommittedConsumers() {
        assertThat(alerts)
                .extracting(a -> a.getRuleId() + " " + a.getTransition() + " " + a.getLevel())
                .containsExactlyInAnyOrder("PW02 RAISED YELLOW", "PW10 RAISED RED");
        Alert transfer = alerts.stream()
                .filter(a -> a.getRuleId().equals("PW10"))
                .findFirst()
                .orElseThrow();
        assertThat(transfer.getMetrics()).as("the re-sent transfer counts once").containsEntry("outflows", 1.0);
        assertThat(transfer.getRecipients()).contains("国家金融监督管理总局高台监管支局", "县住建局", "县人社局");
        assertThat(transfer.getMessage()).contains("E2E-1测试工程", "非工资支出");
    }

    @Test
    void shouldDeadLetterBadRecordsWithTheirReasonAndMaskedBytes() {
        assertThat(deadLetters)
                .extracting(DeadLetter::getReason)
                .anySatisfy(r -> assertThat(r).containsIgnoringCase("truncated"))
                .anySatisfy(r -> assertThat(r).containsIgnoringCase("enum"))
                .anySatisfy(r -> assertThat(r).contains("amountFen is negative"));
        for (DeadLetter d : deadLetters) {
            assertThat(d.getTopic()).isEqualTo(config.kafka.topics.bank);
            String payload = StandardCharsets.ISO_8859_1
                    .decode(d.getPayload().duplicate())
                    .toString();
            assertThat(payload).doesNotContain(ACCOUNT);
        }
    }

    @Test
    void shouldKeepRunningAndReconcileItsCounters() throws Exception {
        assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        KafkaClient.await("the counters to reach the job's accumulators", () -> {
            Map<String, Object> acc = job.getAccumulators().get();
            return count(acc, "recordsIn") == 7 && count(acc, "recordsDeadLettered") == 3;
        });
        Map<String, Object> acc = job.getAccumulators().get();
        assertThat(count(acc, "recordsApplied")).isEqualTo(3);
        assertThat(count(acc, "recordsDuplicate")).isEqualTo(1);
        assertThat(count(acc, "recordsWaiting")).isZero();
        assertThat(count(acc, "recordsIn"))
                .isEqualTo(count(acc, "recordsApplied")
                        + count(acc, "recordsDuplicate")
                        + count(acc, "recordsDeadLettered"));
    }

    @Test
    void shouldWriteAlertAndProjectRiskPointsToInflux() throws Exception {
        InfluxHttp http = new InfluxHttp(influx.url());
        KafkaClient.await("the points in InfluxDB", () -> {
            QueryResult r = http.query("paywatch_e2e", "SELECT * FROM alert WHERE projectId = '" + PROJECT + "'");
            return r.rows().size() == 2;
        });
        List<Map<String, Object>> points = http.query(
                        "paywatch_e2e", "SELECT * FROM alert WHERE projectId = '" + PROJECT + "'")
                .rows();
        assertThat(points).extracting(p -> p.get("ruleId")).containsExactlyInAnyOrder("PW02", "PW10");
        assertThat(points).allSatisfy(p -> assertThat((String) p.get("alertId")).isNotBlank());
        List<Map<String, Object>> risk = http.query(
                        "paywatch_e2e",
                        "SELECT last(levelName) AS level, last(openRed) AS red FROM project_risk WHERE projectId = '"
                                + PROJECT + "'")
                .rows();
        assertThat(risk).singleElement().satisfies(p -> {
            assertThat(p.get("level")).isEqualTo("RED");
            assertThat(((Number) p.get("red")).intValue()).isEqualTo(1);
        });
    }

    // ---- records ----

    private static BankTransaction txn(String id, BankTransactionType type, long fen, long at) {
        return ContractRecords.txn(id, ACCOUNT, type, fen, at);
    }

    /** A bank record from a producer whose schema knows a symbol the contract does not: plain Avro binary. */
    private static byte[] withUnknownEnumSymbol(long now) throws Exception {
        String json =
                BankTransaction.getClassSchema().toString().replace("\"OTHER_CREDIT\"", "\"OTHER_CREDIT\",\"CRYPTO\"");
        Schema future = new Schema.Parser().parse(json);
        GenericRecord r = new GenericData.Record(future);
        r.put("txnId", "C1");
        r.put("bankCode", "ZYRCB");
        r.put("accountNo", ACCOUNT);
        r.put("type", new GenericData.EnumSymbol(future.getField("type").schema(), "CRYPTO"));
        r.put("amountFen", 1L);
        r.put("eventTime", now - 7_200_000L);
        var out = new java.io.ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(future).write(r, enc);
        enc.flush();
        return out.toByteArray();
    }

    private static long count(Map<String, Object> accumulators, String name) {
        Object v = accumulators.get(name);
        return v == null ? 0 : ((Number) v).longValue();
    }
}
