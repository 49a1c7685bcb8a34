package org.paywatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.io.PseudonymKey;
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

        int exit = run(
                "replay",
                "--input",
                SAMPLE.toString(),
                "--as-of",
                "2025-06-20T12:00:00+08:00",
                "--out",
                out.toString(),
                "--influx",
                influx.url());

        assertThat(exit).as(err.toString()).isZero();
        List<String> alerts = Files.readAllLines(out);
        assertThat(alerts).isNotEmpty();
        InfluxHttp http = new InfluxHttp(influx.url());
        assertThat(http.query("paywatch", "SELECT count(\"levelRank\") FROM \"alert\"")
                        .rows())
                .singleElement()
                .satisfies(row -> assertThat(row.get("count")).isEqualTo((long) alerts.size()));
        assertThat(http.query(
                                "paywatch",
                                "SELECT last(\"level\") FROM \"project_risk\" WHERE \"projectId\" = 'SX-F05A'")
                        .rows())
                .singleElement()
                .satisfies(row -> assertThat((Long) row.get("last")).isPositive());
        // SX-F05A's April wages, unpaid and past their due date, as the board's "pay delay by period" shows them
        assertThat(http.query(
                                "paywatch",
                                "SELECT last(\"daysPastDue\") AS days, last(\"overdueFen\") AS fen FROM "
                                        + "\"project_month\" WHERE \"projectId\" = 'SX-F05A' AND \"month\" = '2025-04'")
                        .rows())
                .singleElement()
                .satisfies(row -> {
                    assertThat((Long) row.get("days")).isPositive();
                    assertThat((Long) row.get("fen")).isPositive();
                });
    }

    /** Without a key, a random one makes the pseudonyms: the summary says so and counts the alerts whose scope is one. */
    @Test
    void shouldSayWhichAlertsDependOnTheRandomKeyOfAReplayWithoutOne() throws Exception {
        Assumptions.assumeTrue(
                System.getenv(PseudonymKey.ENV) == null, "this test replays without " + PseudonymKey.ENV);
        Path out = dir.resolve("alerts.jsonl");
        StringWriter said = new StringWriter();
        CommandLine cl = Paywatch.commandLine();
        cl.setOut(new PrintWriter(said));
        cl.setErr(new PrintWriter(err));

        // a worker who left unpaid: PW09's scope is the worker's pseudonym
        Path scenario = Path.of("src/test/resources/scenarios/pw09-departed-worker-paid-late");
        int exit = cl.execute(
                "replay",
                "--input",
                scenario.resolve("input").toString(),
                "--as-of",
                "2025-08-10T12:00:00+08:00",
                "--out",
                out.toString());

        assertThat(exit).as(err.toString()).isZero();
        long workerScoped = Files.readAllLines(out).stream()
                .filter(line -> line.matches(".*\"scope\" *: *\"W-[0-9a-f]{24}\".*"))
                .count();
        assertThat(workerScoped).as("PW09's transitions").isEqualTo(3);
        assertThat(said.toString()).contains("randomKey=true keyDependentAlerts=" + workerScoped + " ");
        assertThat(err.toString().strip().lines())
                .singleElement()
                .asString()
                .contains(PseudonymKey.ENV, workerScoped + " alerts (PW");
    }

    @Test
    void shouldSayInOneSentenceWhenInfluxDoesNotAnswer() {
        String nobody = "http://127.0.0.1:" + FreePort.onLoopback();

        int exit = run(
                "replay",
                "--input",
                SAMPLE.toString(),
                "--as-of",
                "2025-06-20T12:00:00+08:00",
                "--out",
                dir.resolve("alerts.jsonl").toString(),
                "--influx",
                nobody);

        assertThat(exit).isNotZero();
        assertThat(err.toString().strip().lines())
                .singleElement()
                .asString()
                .contains("InfluxDB at " + nobody + " does not answer")
                .contains("--influx");
    }
}
