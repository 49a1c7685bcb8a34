package org.paywatch.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.apache.avro.Schema;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.contract.Alert;
import org.paywatch.contract.DeadLetter;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.ContractFingerprints;
import org.paywatch.local.EmbeddedKafka;
import org.paywatch.local.LocalFlink;
import org.paywatch.pipeline.KafkaRiskMonitor;
import org.paywatch.testing.KafkaClient;

/**
 * The banks' example producers (examples/python with Debian's python3-confluent-kafka and python3-avro,
 * examples/java with the plain Avro and Kafka clients) each run as their own process against a real broker
 * and the live job: the cash withdrawal they send comes back as PW10 RED on the alerts topic, and the
 * amount they send as text is dead-lettered with the reason the README documents. Both run on the topics'
 * default names, so a renamed topic in jobs/risk-monitor.yaml fails here until the examples follow.
 */
class ExampleProducersTest {
    /** Debian installs its python3-* packages for its own interpreter, which a pyenv or venv python3 on PATH does not see. */
    private static final String PYTHON =
            Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";

    private static final String AMOUNT_AS_TEXT = "field amountFen: a string was sent where the contract has a long "
            + "(an amount in fen): write the value itself in Avro binary, not as text";

    @TempDir
    static Path dir;

    static EmbeddedKafka kafka;
    static JobConfig config;
    static JobClient job;

    @BeforeAll
    static void startTheBrokerAndTheLiveJob() throws Exception {
        requirePythonPackages();
        kafka = EmbeddedKafka.start(dir.resolve("kafka"));
        config = JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"));
        config.kafka.bootstrapServers = kafka.bootstrapServers();
        config.kafka.startFrom = "earliest";
        config.influx.url = null; // the examples read Kafka only
        config.job.parallelism = 1;
        config.job.checkpointInterval =
                Duration.ofSeconds(1); // alerts reach read_committed consumers one checkpoint later
        config.time.maxOutOfOrderness = Duration.ofSeconds(1);
        config.time.idleness = Duration.ofSeconds(2);
        config.time.heartbeat = Duration.ofSeconds(1);
        JobConfig.Topics t = config.kafka.topics;
        kafka.createTopics(1, t.projects, t.workers, t.progress, t.bank, t.clockins, t.tax, t.alerts, t.deadletter);
        StreamExecutionEnvironment env = LocalFlink.environment();
        KafkaRiskMonitor.define(env, config, "examples-test-pseudonym-key".getBytes(StandardCharsets.UTF_8), null);
        job = env.executeAsync("paywatch examples");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (job != null) {
            job.cancel().get();
        }
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void shouldGetPw10RedForTheCashWithdrawalAndTheDocumentedDeadLetterFromThePythonExample() throws Exception {
        String out = run(
                "python",
                List.of(
                        PYTHON,
                        "examples/python/producer.py",
                        "--bootstrap",
                        kafka.bootstrapServers(),
                        "--project",
                        "PY-EX-1",
                        "--account",
                        "6222020200100000101"));

        assertPw10RedAndDeadLetter("PY-EX-1", out);
    }

    @Test
    void shouldGetPw10RedForTheCashWithdrawalAndTheDocumentedDeadLetterFromTheJavaExample() throws Exception {
        Path classes = compileJavaExample();
        String classpath = Stream.concat(Stream.of(classes), javaExampleDependencies().stream())
                .map(Path::toString)
                .collect(Collectors.joining(File.pathSeparator));
        String out = run(
                "java",
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        classpath,
                        "bank.example.BankProducer",
                        "--bootstrap",
                        kafka.bootstrapServers(),
                        "--project",
                        "JAVA-EX-1",
                        "--account",
                        "6222020200100000202",
                        "--schemas",
                        "schemas"));

        assertPw10RedAndDeadLetter("JAVA-EX-1", out);
    }

    @Test
    void shouldComputeThePublishedFingerprintsInPythonWherePython3AvroGetsThemWrong() throws Exception {
        String out = run("python-fingerprints", List.of(PYTHON, "examples/python/producer.py", "--fingerprints"));

        List<String> expected = new ArrayList<>();
        for (String name : List.of("Project", "Worker", "BankTransaction", "ClockIn", "Alert", "DeadLetter")) {
            ContractFingerprints.Version current = ContractFingerprints.versions(name).stream()
                    .filter(ContractFingerprints.Version::current)
                    .findFirst()
                    .orElseThrow();
            expected.add(name + " " + current.fingerprintHex() + " " + current.header());
        }
        assertThat(out.lines().toList()).containsExactlyElementsOf(expected);
    }

    @Test
    void shouldPinTheJavaExampleToTheAvroAndKafkaClientVersionsItIsTestedWith() throws Exception {
        String build = Files.readString(Path.of("pom.xml"));
        String example = Files.readString(Path.of("examples/java/pom.xml"));

        assertThat(dependencyVersion(example, "avro")).isEqualTo(property(build, "avro.version"));
        assertThat(dependencyVersion(example, "kafka-clients")).isEqualTo(property(build, "kafka.version"));
    }

    private static String property(String pom, String name) {
        Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(pom);
        assertThat(m.find()).as("property %s in pom.xml", name).isTrue();
        return m.group(1);
    }

    private static String dependencyVersion(String pom, String artifactId) {
        Matcher m = Pattern.compile("<artifactId>" + Pattern.quote(artifactId) + "</artifactId>\\s*<version>([^<]+)</")
                .matcher(pom);
        assertThat(m.find())
                .as("%s with its version in examples/java/pom.xml", artifactId)
                .isTrue();
        return m.group(1);
    }

    // ---- what both examples must show ----

    private static void assertPw10RedAndDeadLetter(String projectId, String out) throws Exception {
        assertThat(out).contains("alert: PW10 RAISED RED for " + projectId).contains(AMOUNT_AS_TEXT);
        String badTxn = "ZYRCB-" + projectId + "-BAD-1";
        try (KafkaClient reader = new KafkaClient(kafka.bootstrapServers())) {
            List<Alert> alerts =
                    reader.readCommitted(config.kafka.topics.alerts, AvroCodec.of(Alert.class), Duration.ofSeconds(3));
            assertThat(alerts)
                    .filteredOn(a -> a.getProjectId().equals(projectId))
                    .extracting(a -> a.getRuleId() + " " + a.getTransition() + " " + a.getLevel())
                    .contains("PW10 RAISED RED");
            List<DeadLetter> deadLetters = reader.readCommitted(
                    config.kafka.topics.deadletter, AvroCodec.of(DeadLetter.class), Duration.ofSeconds(3));
            assertThat(deadLetters)
                    .filteredOn(d -> StandardCharsets.ISO_8859_1
                            .decode(d.getPayload().duplicate())
                            .toString()
                            .contains(badTxn))
                    .singleElement()
                    .satisfies(d -> {
                        assertThat(d.getTopic()).isEqualTo(config.kafka.topics.bank);
                        assertThat(d.getReason()).startsWith(AMOUNT_AS_TEXT);
                    });
        }
    }

    // ---- running the examples ----

    /** Runs an example to its end (it waits for its own alert and dead letter) and returns what it printed. */
    private static String run(String name, List<String> command) throws Exception {
        Path out = dir.resolve(name + ".out");
        Path err = dir.resolve(name + ".err");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(name + " example did not finish within 150 s; it printed:\n"
                    + Files.readString(out) + Files.readString(err));
        }
        String printed = Files.readString(out);
        System.out.print(printed); // what a bank engineer would see, in the test log
        assertThat(p.exitValue())
                .as("%s example's exit code; it printed:%n%s%s", name, printed, Files.readString(err))
                .isZero();
        return printed;
    }

    private static void requirePythonPackages() throws Exception {
        String problem;
        try {
            Process p = new ProcessBuilder(PYTHON, "-c", "import confluent_kafka, avro")
                    .redirectErrorStream(true)
                    .start();
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            problem = p.waitFor() == 0 ? null : said;
        } catch (java.io.IOException e) {
            problem = e.getMessage();
        }
        if (problem != null) {
            throw new AssertionError(
                    "the python example needs python3 with Debian's python3-confluent-kafka and python3-avro (" + PYTHON
                            + " says: " + problem + "): run scripts/install-prerequisites");
        }
    }

    /**
     * The Java example compiled with javax.tools against the Avro and Kafka client jars of this build, which
     * examples/java/pom.xml pins to the same versions: no Maven inside Maven (no second JVM resolving plugins
     * that a fresh machine might lack offline), and no paywatch class on its classpath, so using one fails here.
     */
    private static Path compileJavaExample() throws Exception {
        Path classes = Files.createDirectories(dir.resolve("java-example-classes"));
        List<String> args = new ArrayList<>(List.of(
                "--release",
                "17",
                "-encoding",
                "UTF-8",
                "-d",
                classes.toString(),
                "-cp",
                javaExampleDependencies().stream()
                        .map(Path::toString)
                        .collect(Collectors.joining(File.pathSeparator))));
        try (Stream<Path> sources = Files.walk(Path.of("examples/java/src/main/java"))) {
            sources.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        var errors = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, null, errors, args.toArray(String[]::new));
        assertThat(rc)
                .as("compiling examples/java: %s", errors.toString(StandardCharsets.UTF_8))
                .isZero();
        return classes;
    }

    /** org.apache.avro:avro and org.apache.kafka:kafka-clients, and what they need at run time without compression. */
    private static List<Path> javaExampleDependencies() {
        return Stream.of(
                        Schema.class,
                        KafkaProducer.class,
                        ObjectMapper.class,
                        JsonParser.class,
                        JsonIgnore.class,
                        org.slf4j.LoggerFactory.class)
                .map(ExampleProducersTest::jarOf)
                .distinct()
                .toList();
    }

    private static Path jarOf(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
