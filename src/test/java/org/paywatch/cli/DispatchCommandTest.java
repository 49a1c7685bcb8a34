package org.paywatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
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
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.dispatch.Ledger;
import org.paywatch.dispatch.Notice;
import org.paywatch.dispatch.NoticeStatus;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.ContractJson;
import org.paywatch.local.EmbeddedKafka;
import org.paywatch.local.LocalFlink;
import org.paywatch.local.StandInGateway;
import org.paywatch.pipeline.Replay;
import org.paywatch.sim.CountyPlan;
import org.paywatch.sim.CountyReplayFolder;
import org.paywatch.sim.SyntheticCounty;
import org.paywatch.testing.KafkaClient;
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
        SyntheticCounty c = new SyntheticCounty(
                CountyPlan.monthsEndingOn(11, 3, LocalDate.of(2025, 6, 30)).withProjects(18),
                JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")).policy());
        CountyReplayFolder.write(c, county.resolve("input"));
        JobConfig job = JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"));
        alerts = county.resolve("alerts.jsonl");
        Replay.run(
                LocalFlink.environment(),
                county.resolve("input"),
                Instant.parse("2025-06-30T16:00:00Z").toEpochMilli(),
                alerts,
                job,
                "dispatch-test-pseudonym-key".getBytes());
        assertThat(Files.readAllLines(alerts)).as("the faulty county's alerts").hasSizeGreaterThan(5);
    }

    @BeforeEach
    void startGateway() throws Exception {
        gateway = StandInGateway.start();
        config = dir.resolve("alert-dispatch.yaml");
        Files.writeString(
                config,
                Files.readString(Path.of("jobs/alert-dispatch.demo.yaml"))
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
        return new String[] {
            "dispatch",
            "--config",
            config.toString(),
            "--state",
            state.toString(),
            "--alerts-file",
            alerts.toString(),
            "--registry",
            county.resolve("input").toString(),
            "--influx",
            ""
        };
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
            assertThat(r.body())
                    .as("no ID-card number or pseudonym in any request")
                    .doesNotContainPattern(PERSONAL);
            if (r.path().equals(gateway.url().getPath())) {
                JsonNode sms = JSON.readTree(r.body());
                phones.add(sms.get("PhoneNumbers").asText());
                String text = sms.get("TemplateParam").asText();
                assertThat(org.paywatch.dispatch.SmsText.segments(
                                sms.get("SignName").asText() + text))
                        .isLessThanOrEqualTo(2);
            }
        }
        assertThat(phones)
                .as("the projects' labour managers (1380000xxxx from the registry) and the county's units")
                .anyMatch(p -> p.startsWith("1380000"));

        StringWriter again = new StringWriter();
        assertThat(run(again, args(dir.resolve("state")))).isZero();
        assertThat(gateway.requests())
                .as("a second run over the same ledger sends nothing")
                .hasSameSizeAs(first);
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
        assertThat(gateway.keysDeliveredMoreThanOnce())
                .as("at most the one in flight when killed, with its own key")
                .hasSizeLessThanOrEqualTo(1);
    }

    @Test
    void shouldParkWhatTheGatewayKeepsRefusingAndSendItAgainOnRequest() throws Exception {
        gateway.failNext(100_000, StandInGateway.Trouble.status(503));
        Files.writeString(config, Files.readString(config).replace("maxAttempts: 6", "maxAttempts: 2"));
        StringWriter out = new StringWriter();
        assertThat(run(out, args(dir.resolve("state"))))
                .as("a run that parked messages says so in its exit code")
                .isEqualTo(1);
        List<String> parked = Files.readAllLines(Path.of(alerts + ".failed"));
        Files.delete(Path.of(alerts + ".failed"));
        assertThat(parked)
                .isNotEmpty()
                .allSatisfy(line -> assertThat(line).contains("503").doesNotContainPattern("1380000\\d{4}"));
        gateway.close();
        gateway = StandInGateway.start(portOf(config));

        StringWriter retry = new StringWriter();
        assertThat(run(
                        retry,
                        "dispatch",
                        "--config",
                        config.toString(),
                        "--state",
                        dir.resolve("state").toString(),
                        "--retry-parked"))
                .as(retry::toString)
                .isZero();

        assertThat(gateway.deliveredKeys()).hasSize(parked.size());
        assertThat(retry.toString()).contains("parked=0");
    }

    @Test
    void shouldPrintTheRecordInChineseWithPhonesMasked() throws Exception {
        assertThat(run(new StringWriter(), args(dir.resolve("state")))).isZero();
        StringWriter log = new StringWriter();

        assertThat(run(
                        log,
                        "dispatch",
                        "--config",
                        config.toString(),
                        "--state",
                        dir.resolve("state").toString(),
                        "log"))
                .isZero();

        assertThat(log.toString()).contains("已送达", "短信 138*").doesNotContainPattern("1380000\\d{4}");
    }

    @Test
    void shouldDeliverTheSameFromKafkaOnceAndNothingAfterARestart() throws Exception {
        StringWriter out = new StringWriter();
        assertThat(run(out, args(dir.resolve("reference")))).as(out::toString).isZero();
        Set<String> urgent = urgentKeys(dir.resolve("reference"));
        gateway.close();
        gateway = StandInGateway.start(portOf(config));
        Files.writeString(
                config,
                Files.readString(config)
                        .replace("groupWindow: 2m", "groupWindow: 1s")
                        .replace("debounce: 10m", "debounce: 1s")
                        .replace(
                                "quietHours: {from: \"22:00\", to: \"07:00\"}",
                                "quietHours: {from: \"00:00\", to: \"00:00\"}"));

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dir.resolve("kafka"));
                KafkaClient producer = new KafkaClient(kafka.bootstrapServers())) {
            kafka.createTopics(2, "paywatch.alerts", "paywatch.registry.projects", "paywatch.dispatch.failed");
            AvroCodec<org.paywatch.contract.Project> projects = AvroCodec.of(org.paywatch.contract.Project.class);
            for (String line : Files.readAllLines(county.resolve("input/projects.jsonl"))) {
                var p = projects.decode(projects.encodeGeneric(ContractJson.read(projects.schema(), line)));
                producer.send("paywatch.registry.projects", p.getProjectId(), projects.encode(p));
            }
            AvroCodec<org.paywatch.contract.Alert> codec = AvroCodec.of(org.paywatch.contract.Alert.class);
            for (String line : Files.readAllLines(alerts)) {
                var a = codec.decode(codec.encodeGeneric(ContractJson.read(codec.schema(), line)));
                producer.send("paywatch.alerts", a.getProjectId(), codec.encode(a));
            }
            Path state = dir.resolve("live");
            Process live = kafkaDispatch(kafka.bootstrapServers(), state, "live-1");
            KafkaClient.await(
                    "the urgent messages from Kafka",
                    () -> gateway.deliveredKeys().containsAll(urgent));
            Thread.sleep(5_000); // the digests of what is held, a group window later
            live.destroy(); // SIGTERM, as Ctrl-C: the consumer's offsets are committed
            assertThat(live.waitFor(60, TimeUnit.SECONDS)).isTrue();
            int delivered = gateway.requests().size();

            Process again = kafkaDispatch(kafka.bootstrapServers(), state, "live-2");
            Thread.sleep(8_000);
            again.destroy();
            assertThat(again.waitFor(60, TimeUnit.SECONDS)).isTrue();

            assertThat(gateway.keysDeliveredMoreThanOnce()).isEmpty();
            assertThat(gateway.requests())
                    .as("a restart reads from the committed offsets and sends nothing again")
                    .hasSize(delivered);
            assertThat(read("live-1.out")).contains("paywatch dispatch: reading paywatch.alerts");
        }
    }

    // ---- helpers ----

    /** The keys of the notices sent at once (RED raised or escalated): the same whatever the input's timing. */
    private Set<String> urgentKeys(Path state) {
        Set<String> keys = new TreeSet<>();
        try (Ledger ledger = Ledger.open(state)) {
            for (Notice n : ledger.inStatus(NoticeStatus.DELIVERED)) {
                if (!n.isDigest()
                        && n.level().equals("RED")
                        && (n.transition().equals("RAISED") || n.transition().equals("ESCALATED"))) {
                    keys.add(n.key());
                }
            }
        }
        assertThat(keys).as("the county has red alerts").isNotEmpty();
        return keys;
    }

    private Process kafkaDispatch(String bootstrap, Path state, String name) throws Exception {
        return new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        Paywatch.class.getName(),
                        "dispatch",
                        "--config",
                        config.toString(),
                        "--state",
                        state.toString(),
                        "--kafka",
                        bootstrap,
                        "--influx",
                        ""))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .start();
    }

    private Process dispatchProcess(Path state, String name) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Paywatch.class.getName()));
        command.addAll(List.of(args(state)));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".out").toFile())
                .start();
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
