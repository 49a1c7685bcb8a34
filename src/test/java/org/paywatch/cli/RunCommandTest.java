package org.paywatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.contract.Alert;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.contract.Project;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.influx.InfluxHttp;
import org.paywatch.local.FreePort;
import org.paywatch.local.InfluxServer;
import org.paywatch.local.KafkaProcess;
import org.paywatch.policy.BusinessCalendar;
import org.paywatch.testing.ContractRecords;
import org.paywatch.testing.KafkaClient;

/**
 * `paywatch run` as production runs it: its own process, against a Kafka broker and an influxd that
 * are separate processes, configured by a job file and a key file, with its state in a folder.
 */
class RunCommandTest {
    private static final String ACCOUNT = "6222020200998877665";

    @TempDir
    Path dir;

    KafkaProcess kafka;
    InfluxServer influx;
    KafkaClient bank;
    Path job;
    int prometheusPort;
    int webUiPort;
    final List<Process> runs = new ArrayList<>();

    @BeforeEach
    void startKafkaAndInflux() throws IOException {
        kafka = KafkaProcess.start(dir.resolve("kafka"));
        influx = InfluxServer.start(dir.resolve("influx"));
        bank = new KafkaClient(kafka.bootstrapServers());
        kafka.createTopics(
                1,
                "paywatch.registry.projects",
                "paywatch.registry.workers",
                "paywatch.registry.progress",
                "paywatch.bank.transactions",
                "paywatch.attendance.clockins",
                "paywatch.tax.changes",
                "paywatch.alerts",
                "paywatch.deadletter");
        Path key = dir.resolve("hmac.key");
        Files.writeString(key, "run-command-test-secret-key");
        prometheusPort = FreePort.onLoopback();
        webUiPort = FreePort.onLoopback();
        job = dir.resolve("risk-monitor.yaml");
        Files.writeString(
                job,
                Files.readString(Path.of("jobs/risk-monitor.yaml"))
                        .replace("pseudonymKeyFile: /etc/paywatch/hmac.key", "pseudonymKeyFile: " + key)
                        .replace("checkpointInterval: 30s", "checkpointInterval: 1s")
                        .replace("heartbeat: 5s", "heartbeat: 1s")
                        .replace("delay: 20s", "delay: 1s")
                        .replace("webUiPort: 8081", "webUiPort: " + webUiPort)
                        .replace("prometheusPort: 9249", "prometheusPort: " + prometheusPort)
                        .replace("statusInterval: 60s", "statusInterval: 2s"));
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (Process run : runs) {
            run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        bank.close();
        kafka.close();
        influx.close();
    }

    @Test
    void shouldRaiseAlertsFromAnExistingKafkaIntoAnExistingInflux() throws Exception {
        Process run = run("first");
        long now = System.currentTimeMillis();
        registerProject(now);
        sendTxn("C1", BankTransactionType.CASH_WITHDRAWAL, now - 60_000);

        List<Alert> alerts = awaitAlerts(run, 1);
        assertThat(alerts)
                .extracting(a -> a.getProjectId() + " " + a.getRuleId() + " " + a.getLevel())
                .containsExactly("RUN-1 PW10 RED");
        assertThat(alerts.get(0).getMessage()).contains("取现").doesNotContain(ACCOUNT);

        InfluxHttp http = new InfluxHttp(influx.url());
        KafkaClient.await(
                "the alert point in InfluxDB",
                () -> !http.query("paywatch", "SELECT * FROM alert WHERE projectId = 'RUN-1'")
                        .rows()
                        .isEmpty());
        run.destroy();
        assertThat(run.waitFor(30, TimeUnit.SECONDS))
                .as("paywatch run stops on SIGTERM")
                .isTrue();
    }

    @Test
    void shouldResumeFromItsStateFolderAfterKill9WithNothingLostOrRepeated() throws Exception {
        Process first = run("first");
        long now = System.currentTimeMillis();
        registerProject(now);
        sendTxn("C1", BankTransactionType.CASH_WITHDRAWAL, now - 120_000);
        awaitAlerts(first, 1);
        KafkaClient.await(
                "a checkpoint after the alert",
                () -> Files.readString(dir.resolve("first.err")).contains("status")
                        && metrics().sum("recordsApplied") == 2
                        && metrics().max("checkpointAgeMillis").orElse(1e9) < 1500);
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

        // Sent while run is down: the account was registered before the crash, so only restored state can place it.
        sendTxn("F1", BankTransactionType.FREEZE, now - 60_000);
        Process second = run("second");
        KafkaClient.await(
                "run to say where it resumed from",
                () -> Files.readString(dir.resolve("second.out")).contains("resumed from "));
        assertThat(Files.readString(dir.resolve("second.out"))).contains("resumed from " + dir.resolve("state"));

        List<Alert> alerts = awaitAlerts(second, 2);
        Thread.sleep(3_000); // a few more checkpoints: nothing more may come
        alerts = bank.readCommitted("paywatch.alerts", AvroCodec.of(Alert.class), Duration.ofSeconds(2));
        assertThat(alerts).extracting(Alert::getAlertId).doesNotHaveDuplicates();
        assertThat(alerts)
                .extracting(a -> a.getRuleId() + " " + a.getTransition() + " " + a.getLevel())
                .containsExactly("PW10 RAISED RED", "PW11 RAISED RED");

        KafkaClient.await("the counters, restored from state, to count each record once", () -> {
            MetricsScrape m = metrics();
            return m.sum("recordsIn") == 3 && m.sum("recordsApplied") == 3;
        });
        MetricsScrape m = metrics();
        assertThat(m.sum("recordsDeadLettered") + m.sum("recordsDuplicate") + m.sum("recordsWaiting"))
                .isZero();
        assertThat(m.max("watermarkLagMillis").orElse(-1))
                .as("event time follows the wall clock, less the job file's 500 ms of out-of-orderness")
                .isBetween(400.0, 10_000.0);
        assertThat(m.max("checkpointAgeMillis").orElse(-1))
                .as("checkpoints every second")
                .isBetween(0.0, 10_000.0);
        assertThat(m.samples())
                .as("the Kafka source's lag")
                .anyMatch(sample -> sample.name().endsWith("_pendingRecords"));
        String dashboard = new String(new java.net.URL("http://127.0.0.1:" + webUiPort + "/")
                .openStream()
                .readAllBytes());
        assertThat(dashboard).as("Flink's web UI on the configured port").contains("Apache Flink Web Dashboard");
        KafkaClient.await(
                "a status line with the restored counters",
                () -> Files.readString(dir.resolve("second.err"))
                        .lines()
                        .anyMatch(l -> l.startsWith("paywatch run: status ")
                                && l.contains(" in=3 applied=3 ")
                                && l.contains(" restarts=0")));
    }

    @Test
    void shouldStopWithASavepointForAnUpgradeAndResumeFromIt() throws Exception {
        Process first = run("first");
        long now = System.currentTimeMillis();
        registerProject(now);
        sendTxn("C1", BankTransactionType.CASH_WITHDRAWAL, now - 120_000);
        awaitAlerts(first, 1);

        var out = new java.io.StringWriter();
        var cl = Paywatch.commandLine();
        cl.setOut(new java.io.PrintWriter(out));
        cl.setErr(new java.io.PrintWriter(out));
        int exit = cl.execute(
                "savepoint",
                "--stop",
                "--config",
                job.toString(),
                "--state",
                dir.resolve("state").toString());
        assertThat(exit).as(out::toString).isZero();
        assertThat(out.toString())
                .startsWith("savepoint: "
                        + dir.resolve("state").resolve("savepoints").resolve("savepoint-"));
        assertThat(first.waitFor(60, TimeUnit.SECONDS))
                .as("run ends when its job stops with the savepoint")
                .isTrue();
        assertThat(first.exitValue()).as(() -> read("first.err")).isZero();

        sendTxn("F1", BankTransactionType.FREEZE, now - 60_000);
        Process second = run("second");
        KafkaClient.await(
                "run to say where it resumed from",
                () -> Files.readString(dir.resolve("second.out")).contains("resumed from "));
        assertThat(Files.readString(dir.resolve("second.out")))
                .contains("resumed from " + dir.resolve("state").resolve("savepoints"));
        List<Alert> alerts = awaitAlerts(second, 2);
        assertThat(alerts)
                .extracting(a -> a.getRuleId() + " " + a.getTransition())
                .containsExactly("PW10 RAISED", "PW11 RAISED");
    }

    @Test
    void shouldStopWithItsCauseWhenItFailsMoreOftenThanAllowed() throws Exception {
        Files.writeString(
                job,
                Files.readString(job)
                        .replace("maxFailures: 3", "maxFailures: 2")
                        .replace("maxRetries: 9 ", "maxRetries: 0 "));
        Process run = run("failing");
        long now = System.currentTimeMillis();
        registerProject(now);
        sendTxn("C1", BankTransactionType.CASH_WITHDRAWAL, now - 60_000);
        awaitAlerts(run, 1);
        influx.close(); // and it stays down: every write fails, every restart fails again

        sendTxn("F1", BankTransactionType.FREEZE, now - 30_000); // a new alert, so a point for InfluxDB
        assertThat(run.waitFor(120, TimeUnit.SECONDS))
                .as(() -> "run gives up instead of restarting for ever: " + read("failing.err"))
                .isTrue();
        assertThat(run.exitValue()).isEqualTo(1);
        String err = Files.readString(dir.resolve("failing.err"));
        assertThat(err)
                .as("the failure before the restart says why")
                .contains("the job failed (failure 1;")
                .contains("InfluxDB");
        assertThat(err.lines().filter(l -> l.startsWith("paywatch run: the job stopped")))
                .singleElement()
                .asString()
                .contains("job.restarts")
                .contains("InfluxDB")
                .contains("resumes from");
    }

    // ---- helpers ----

    private Process run(String name) throws IOException {
        Process p = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Paywatch.class.getName(),
                        "run",
                        "--config",
                        job.toString(),
                        "--kafka",
                        kafka.bootstrapServers(),
                        "--influx",
                        influx.url(),
                        "--state",
                        dir.resolve("state").toString()))
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile())
                .start();
        runs.add(p);
        return p;
    }

    private void registerProject(long now) {
        bank.send(
                "paywatch.registry.projects",
                "RUN-1",
                AvroCodec.of(Project.class)
                        .encode(ContractRecords.project(
                                "RUN-1",
                                ACCOUNT,
                                LocalDate.now(BusinessCalendar.ZONE).minusDays(10),
                                now - Duration.ofDays(11).toMillis())));
    }

    private void sendTxn(String id, BankTransactionType type, long at) {
        bank.send(
                "paywatch.bank.transactions",
                ACCOUNT,
                AvroCodec.of(BankTransaction.class).encode(ContractRecords.txn(id, ACCOUNT, type, 200_000, at)));
    }

    private List<Alert> awaitAlerts(Process run, int count) throws Exception {
        List<Alert> alerts = new ArrayList<>();
        KafkaClient.await(count + " alerts", () -> {
            assertThat(run.isAlive()).as("paywatch run stopped: see " + dir).isTrue();
            alerts.clear();
            alerts.addAll(bank.readCommitted("paywatch.alerts", AvroCodec.of(Alert.class), Duration.ofSeconds(2)));
            return alerts.size() >= count;
        });
        return alerts;
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (IOException e) {
            return e.toString();
        }
    }

    private MetricsScrape metrics() throws Exception {
        return MetricsScrape.of("http://127.0.0.1:" + prometheusPort + "/metrics");
    }
}
