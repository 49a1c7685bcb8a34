package org.paywatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.contract.Alert;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.contract.Project;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.influx.InfluxHttp;
import org.paywatch.local.InfluxServer;
import org.paywatch.local.KafkaProcess;
import org.paywatch.policy.BusinessCalendar;
import org.paywatch.testing.ContractRecords;
import org.paywatch.testing.KafkaClient;

/**
 * `paywatch run` as production runs it: its own process, against a Kafka broker and an influxd that
 * are separate processes, configured by a job file and a key file.
 */
class RunCommandTest {
    @TempDir
    Path dir;

    @Test
    void shouldRaiseAlertsFromAnExistingKafkaIntoAnExistingInflux() throws Exception {
        try (KafkaProcess kafka = KafkaProcess.start(dir.resolve("kafka"));
             InfluxServer influx = InfluxServer.start(dir.resolve("influx"));
             KafkaClient bank = new KafkaClient(kafka.bootstrapServers())) {
            kafka.createTopics(1, "paywatch.registry.projects", "paywatch.registry.workers", "paywatch.registry.progress",
                    "paywatch.bank.transactions", "paywatch.attendance.clockins", "paywatch.tax.changes",
                    "paywatch.alerts", "paywatch.deadletter");
            Path key = dir.resolve("hmac.key");
            Files.writeString(key, "run-command-test-secret-key");
            Path job = dir.resolve("risk-monitor.yaml");
            Files.writeString(job, Files.readString(Path.of("jobs/risk-monitor.yaml"))
                    .replace("pseudonymKeyFile: /etc/paywatch/hmac.key", "pseudonymKeyFile: " + key)
                    .replace("checkpointInterval: 30s", "checkpointInterval: 2s")
                    .replace("idleness: 20s", "idleness: 2s")
                    .replace("heartbeat: 5s", "heartbeat: 1s"));

            Process run = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Paywatch.class.getName(), "run", "--config", job.toString(),
                    "--kafka", kafka.bootstrapServers(), "--influx", influx.url()))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("run.out").toFile()).start();
            try {
                long now = System.currentTimeMillis();
                String account = "6222020200998877665";
                bank.send("paywatch.registry.projects", "RUN-1", AvroCodec.of(Project.class).encode(ContractRecords.project(
                        "RUN-1", account, LocalDate.now(BusinessCalendar.ZONE).minusDays(10), now - Duration.ofDays(11).toMillis())));
                bank.send("paywatch.bank.transactions", account, AvroCodec.of(BankTransaction.class).encode(ContractRecords.txn(
                        "C1", account, BankTransactionType.CASH_WITHDRAWAL, 200_000, now - 60_000)));

                List<Alert> alerts = new ArrayList<>();
                KafkaClient.await("the cash-withdrawal alert", () -> {
                    assertThat(run.isAlive()).as("paywatch run stopped: see " + dir.resolve("run.out")).isTrue();
                    alerts.clear();
                    alerts.addAll(bank.readCommitted("paywatch.alerts", AvroCodec.of(Alert.class), Duration.ofSeconds(2)));
                    return !alerts.isEmpty();
                });
                assertThat(alerts).extracting(a -> a.getProjectId() + " " + a.getRuleId() + " " + a.getLevel())
                        .containsExactly("RUN-1 PW10 RED");
                assertThat(alerts.get(0).getMessage()).contains("取现").doesNotContain(account);

                InfluxHttp http = new InfluxHttp(influx.url());
                KafkaClient.await("the alert point in InfluxDB", () ->
                        !http.query("paywatch", "SELECT * FROM alert WHERE projectId = 'RUN-1'").rows().isEmpty());
            } finally {
                run.destroy();
                assertThat(run.waitFor(30, TimeUnit.SECONDS)).as("paywatch run stops on SIGTERM").isTrue();
            }
        }
    }
}
