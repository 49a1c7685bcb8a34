package org.paywatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.io.JobConfigFile;
import org.paywatch.io.PseudonymKey;
import org.paywatch.local.LocalFlink;
import org.paywatch.local.StandInGateway;
import org.paywatch.pipeline.JobConfig;
import org.paywatch.pipeline.Replay;
import org.paywatch.sim.CountyPlan;
import org.paywatch.sim.CountyReplayFolder;
import org.paywatch.sim.SyntheticCounty;
import picocli.CommandLine;

/**
 * `paywatch dispatch` over a replay of a simulated county, against a stand-in SMS gateway (a real local
 * HTTP server): each (transition, recipient) is delivered once, a second run sends nothing, and a run
 * killed with kill -9 and started again delivers every message with no key delivered twice.
 */
class DispatchCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    // ID-card numbers (18 characters, the last may be X) and worker or account pseudonyms.
    private static final Pattern PERSONAL = Pattern.compile("(?<![\\d.])\\d{17}[\\dX](?!\\d)|[WA]-[0-9a-f]{24}");

    @TempDir
    static Path county;
    static Path alerts;

    @TempDir
    Path dir;
    StandInGateway gateway;
    Path config;

    @BeforeAll
    static void replayASimulatedCounty() throws Exception {
        SyntheticCounty c = new SyntheticCounty(CountyPlan.monthsEndingOn(11, 3, LocalDate.of(2025, 6, 30)).withProjects(18),
                JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")).laborCostRatio());
        CountyReplayFolder.write(c, county.resolve("input"));
        JobConfig job = JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"));
        alerts = county.resolve("alerts.jsonl");
        Replay.run(LocalFlink.environment(), county.resolve("input"), Instant.parse("2025-06-30T16:00:00Z").toEpochMilli(), alerts, job,
                "dispatch-test-pseudonym-key".getBytes());
        assertThat(Files.readAllLines(alerts)).as("the faulty county's alerts").hasSizeGreaterThan(5);
    }

    @BeforeEach
    void startGateway() throws Exception {
        gateway = StandInGateway.start();
        config = dir.resolve("alert-dispatch.yaml");
        Files.writeString(config, Files.readString(Path.of("jobs/alert-dispatch.demo.yaml"))
                .replace("http://127.0.0.1:18088/send", gateway.url().toString())
                .replace("http://127.0.0.1:18089/", "http://127.0.0.1:" + gateway.port() + "/")
                .replace("initialBackoff: 1s", "initialBackoff: 100ms"));
        Files.copy(Path.of("jobs/risk-monitor.yaml"), dir.resolve("risk-monitor.yaml"));
    }

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    private String[] args(Path state) {
        return new String[] {"dispatch", "--config", config.toString(), "--state", state.toString(), "--alerts-file", alerts.toString(),
                "--registry", county.resolve("input").toString(), "--influx", ""};
    }

    private int run(StringWriter out, String... args) {
        CommandLine cl = Paywatch.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(out));
        return cl.execute(args);
    }

    @Test
    void shouldDeliverEachMessageOnceToItsRecipientsAndNothingTheSecondTime() throws Exception {
        StringWriter out = new StringWriter();
        assertThat(run(out, args(dir.resolve("state")))).as(out::toString).isZero();
        List<StandInGateway.Request> first = gateway.requests();

        assertThat(first).isNotEmpty();
        assertThat(gateway.keysDeliveredMoreThanOnce()).isEmpty();
        assertThat(out.toString()).containsPattern("dispatch: alerts=\\d+ delivered=\\d+");
        Set<String> phones = new TreeSet<>();
        for (StandInGateway.Request r : first) {
            assertThat(r.body()).as("no ID-card number or pseudonym in any request").doesNotContainPattern(PERSONAL);
            if (r.path().equals(gateway.url().getPath())) {
                JsonNode sms = JSON.readTree(r.body());
                phones.add(sms.get("PhoneNumbers").asText());
                String text = sms.get("TemplateParam").asText();
                assertThat(org.paywatch.dispatch.SmsText.segments(sms.get("SignName").asText() + text)).isLessThanOrEqualTo(2);
            }
        }
        assertThat(phones).as("the projects' labour managers (1380000xxxx from the registry) and the county's units")
                .anyMatch(p -> p.startsWith("1380000"));

        StringWriter again = new StringWriter();
        assertThat(run(again, args(dir.resolve("state")))).isZero();
        assertThat(gateway.requests()).as("a second run over the same ledger sends nothing").hasSameSizeAs(first);
    }

    @Test
    void shouldDeliverEverythingOnceWhenKilledAndStartedAgain() throws Exception {
        StringWriter out = new StringWriter();
        assertThat(run(out, args(dir.resolve("reference")))).as(out::toString).isZero();
        Set<String> expected = gateway.deliveredKeys();
        int total = gateway.requests().size();
        gateway.close();
        gateway = StandInGateway.start(portOf(config));

        Path state = dir.resolve("killed");
        Process first = dispatchProcess(state, "first");
        gateway.awaitRequests(total / 3, Duration.ofMinutes(2));
        first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        Process second = dispatchProcess(state, "second");
        assertThat(second.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(second.exitValue()).as(() -> read("second.out")).isZero();

        assertThat(gateway.deliveredKeys()).isEqualTo(expected);
        assertThat(gateway.keysDeliveredMoreThanOnce()).as("at most the one in flight when killed, with its own key").hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void shouldPrintTheRecordInChineseWithPhonesMasked() throws Exception {
        assertThat(run(new StringWriter(), args(dir.resolve("state")))).isZero();
        StringWriter log = new StringWriter();

        assertThat(run(log, "dispatch", "--config", config.toString(), "--state", dir.resolve("state").toString(), "log")).isZero();

        assertThat(log.toString()).contains("已送达", "短信 138*").doesNotContainPattern("1380000\\d{4}");
    }

    // ---- helpers ----

    private Process dispatchProcess(Path state, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Paywatch.class.getName()));
        command.addAll(List.of(args(state)));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve(name + ".out").toFile()).start();
    }

    private String read(String file) {
        try {
            return Files.readString(dir.resolve(file));
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static int portOf(Path config) throws Exception {
        var m = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/").matcher(Files.readString(config));
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }
}
