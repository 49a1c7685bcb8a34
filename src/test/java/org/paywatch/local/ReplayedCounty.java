package org.paywatch.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.paywatch.cli.Paywatch;
import org.paywatch.config.JobConfigFile;
import org.paywatch.sim.CountyPlan;
import org.paywatch.sim.CountyReplayFolder;
import org.paywatch.sim.SyntheticCounty;
import picocli.CommandLine;

/**
 * A simulated county of 18 projects over three months, replayed into a real {@code influxd} by {@code paywatch replay
 * --influx} and its alerts dispatched by {@code paywatch dispatch --alerts-file --influx} to a stand-in SMS gateway:
 * every measurement the dashboards read, filled as a user fills it. Filling takes about a minute, so the test JVM
 * shares one; tests only read it (a test that stops InfluxDB starts its own).
 */
public final class ReplayedCounty {
    public static final String DATABASE = "paywatch";
    /** The end of the replay: 1 July 2025, 00:00 in Asia/Shanghai. */
    public static final OffsetDateTime AS_OF = OffsetDateTime.parse("2025-07-01T00:00:00+08:00");

    private static ReplayedCounty shared;

    private final InfluxServer influx;
    private final Path input;
    private final Path alerts;

    private ReplayedCounty(InfluxServer influx, Path input, Path alerts) {
        this.influx = influx;
        this.input = input;
        this.alerts = alerts;
    }

    public static synchronized ReplayedCounty shared() throws Exception {
        if (shared == null) {
            shared = fill(Files.createTempDirectory("paywatch-replayed-county"));
        }
        return shared;
    }

    public String influxUrl() {
        return influx.url();
    }

    /** The replay folder (projects.jsonl names the county's projects, towns and categories). */
    public Path input() {
        return input;
    }

    /** The replay's alerts, one JSON line per transition. */
    public Path alerts() {
        return alerts;
    }

    private static ReplayedCounty fill(Path dir) throws Exception {
        InfluxServer influx = InfluxServer.start(dir.resolve("influx"));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            influx.close();
            try {
                FileTree.delete(dir);
            } catch (Exception ignored) {
                // a temporary folder left behind is not worth failing the build
            }
        }));
        Path input = dir.resolve("input");
        SyntheticCounty county = new SyntheticCounty(
                CountyPlan.monthsEndingOn(11, 3, LocalDate.of(2025, 6, 30)).withProjects(18),
                JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")).policy());
        CountyReplayFolder.write(county, input);
        Path alerts = dir.resolve("alerts.jsonl");
        run(
                "replay",
                "--input",
                input.toString(),
                "--as-of",
                AS_OF.toString(),
                "--out",
                alerts.toString(),
                "--influx",
                influx.url());
        assertThat(Files.readAllLines(alerts))
                .as("the simulated county's alerts")
                .hasSizeGreaterThan(5);

        try (StandInGateway gateway = StandInGateway.start()) {
            Path config = dir.resolve("alert-dispatch.yaml");
            Files.writeString(
                    config,
                    Files.readString(Path.of("jobs/alert-dispatch.demo.yaml"))
                            .replace(
                                    "http://127.0.0.1:18088/send", gateway.url().toString())
                            .replace("http://127.0.0.1:18089/", "http://127.0.0.1:" + gateway.port() + "/")
                            .replace("initialBackoff: 1s", "initialBackoff: 100ms"));
            Files.copy(Path.of("jobs/risk-monitor.yaml"), dir.resolve("risk-monitor.yaml"));
            run(
                    "dispatch",
                    "--config",
                    config.toString(),
                    "--state",
                    dir.resolve("dispatch").toString(),
                    "--alerts-file",
                    alerts.toString(),
                    "--registry",
                    input.toString(),
                    "--influx",
                    influx.url());
        }
        return new ReplayedCounty(influx, input, alerts);
    }

    private static void run(String... args) {
        StringWriter said = new StringWriter();
        CommandLine cl = Paywatch.commandLine();
        cl.setOut(new PrintWriter(said));
        cl.setErr(new PrintWriter(said));
        assertThat(cl.execute(args)).as("paywatch %s: %s", args[0], said).isZero();
    }
}
