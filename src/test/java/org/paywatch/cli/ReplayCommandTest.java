package org.paywatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.io.influx.InfluxHttp;
import org.paywatch.local.FreePort;
import org.paywatch.local.InfluxServer;
import picocli.CommandLine;

/** `paywatch replay --influx`: a replayed county fills the dashboards' measurements, so the board and Grafana can show it. */
class ReplayCommandTest {
    private static final Path SAMPLE = Path.of("../shared/samples/replay-basic/input");

    @TempDir
    static Path influxData;
    static InfluxServer influx;

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void startInflux() throws Exception {
        influx = InfluxServer.start(influxData);
    }

    @AfterAll
    static void stopInflux() {
        influx.close();
    }

    private int run(String... args) {
        CommandLine cl = Paywatch.commandLine();
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void shouldWriteEveryAlertTransitionAndTheProjectsRiskIntoInflux() throws Exception {
        Path out = dir.resolve("alerts.jsonl");

        int exit = run("replay", "--input", SAMPLE.toString(), "--as-of", "2025-06-20T12:00:00+08:00",
                "--out", out.toString(), "--influx", influx.url());

        assertThat(exit).as(err.toString()).isZero();
        List<String> alerts = Files.readAllLines(out);
        assertThat(alerts).isNotEmpty();
        InfluxHttp http = new InfluxHttp(influx.url());
        assertThat(http.query("paywatch", "SELECT count(\"levelRank\") FROM \"alert\"").rows())
                .singleElement().satisfies(row -> assertThat(row.get("count")).isEqualTo((long) alerts.size()));
        assertThat(http.query("paywatch", "SELECT last(\"level\") FROM \"project_risk\" WHERE \"projectId\" = 'SX-F05A'").rows())
                .singleElement().satisfies(row -> assertThat((Long) row.get("last")).isPositive());
        // SX-F05A's April wages, unpaid and past their due date, as the board's "pay delay by period" shows them
        assertThat(http.query("paywatch", "SELECT last(\"daysPastDue\") AS days, last(\"overdueFen\") AS fen FROM \"project_month\" "
                        + "WHERE \"projectId\" = 'SX-F05A' AND \"month\" = '2025-04'").rows())
                .singleElement().satisfies(row -> {
                    assertThat((Long) row.get("days")).isPositive();
                    assertThat((Long) row.get("fen")).isPositive();
                });
    }

    @Test
    void shouldSayInOneSentenceWhenInfluxDoesNotAnswer() {
        String nobody = "http://127.0.0.1:" + FreePort.onLoopback();

        int exit = run("replay", "--input", SAMPLE.toString(), "--as-of", "2025-06-20T12:00:00+08:00",
                "--out", dir.resolve("alerts.jsonl").toString(), "--influx", nobody);

        assertThat(exit).isNotZero();
        assertThat(err.toString().strip().lines()).singleElement().asString()
                .contains("InfluxDB at " + nobody + " does not answer").contains("--influx");
    }
}
