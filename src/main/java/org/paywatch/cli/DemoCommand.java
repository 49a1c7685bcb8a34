package org.paywatch.cli;

import org.paywatch.config.DurationText;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.paywatch.contract.Alert;
import org.paywatch.contract.AlertLevel;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.ContractViolation;
import org.paywatch.config.JobConfigFile;
import org.paywatch.io.PseudonymKey;
import org.paywatch.local.EmbeddedKafka;
import org.paywatch.local.InfluxNotInstalledException;
import org.paywatch.local.InfluxServer;
import org.paywatch.board.BoardInflux;
import org.paywatch.board.BoardServer;
import org.paywatch.board.CountyViews;
import org.paywatch.dispatch.Delivery;
import org.paywatch.dispatch.DispatchConfig;
import org.paywatch.dispatch.DispatchConfigFile;
import org.paywatch.dispatch.Dispatcher;
import org.paywatch.dispatch.GatewaySettings;
import org.paywatch.dispatch.KafkaDispatch;
import org.paywatch.dispatch.Ledger;
import org.paywatch.dispatch.NotificationPoints;
import org.paywatch.dispatch.SmsGateway;
import org.paywatch.dispatch.WebhookSender;
import org.paywatch.io.influx.InfluxHttp;
import org.paywatch.local.FileTree;
import org.paywatch.local.StandInGateway;
import org.paywatch.local.LocalFlink;
import org.paywatch.local.MonitorProgress;
import org.paywatch.config.JobConfig;
import org.paywatch.pipeline.KafkaRiskMonitor;
import org.paywatch.policy.BusinessCalendar;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.sim.CountyStreamer;
import org.paywatch.sim.SyntheticCounty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `paywatch demo`: everything on this machine, nothing to configure. An in-process Kafka, a real
 * influxd and the live job on an in-process Flink watch a simulated Gaotai County whose months pass
 * in seconds; the screen shows the alerts as the county's officers would receive them.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run the risk monitor on a simulated county (60 projects, ~2000 workers, four months in about "
                + "40 seconds) with an in-process Kafka, a local influxd and an in-process Flink, and show the alerts live.")
public final class DemoCommand implements Callable<Integer> {
    private static final int MONTHS = 4;
    private static final Duration LONGEST_DAY = Duration.ofMillis(300);
    private static final Duration SHORTEST_DAY = Duration.ofMillis(100);
    // Starting Kafka, influxd and Flink, and letting the job catch up after the last day, take about this long.
    private static final Duration OVERHEAD = Duration.ofSeconds(35);
    // About two weeks of the county's records: a few checkpoints' worth for the monitor on an idle machine.
    private static final long MAX_UNREAD = 25_000;
    private static final Path DISPATCH_CONFIG = Path.of("jobs/alert-dispatch.demo.yaml");

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "90s",
            description = "how long the demo runs before it stops and cleans up (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--keep-running",
            description = "do not stop after --duration: let the simulation finish and leave the job and InfluxDB up "
                    + "(for dashboards) until Ctrl-C")
    boolean keepRunning;

    @Option(names = "--seed", defaultValue = "7", description = "seed of the simulated county (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "jobs/risk-monitor.yaml",
            description = "the job file whose topics and policy the demo runs (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(names = "--board-port", paramLabel = "N", defaultValue = "8090",
            description = "port of the county board (县级驾驶舱) on 127.0.0.1; a free one if it is taken (default: ${DEFAULT-VALUE})")
    int boardPort;

    @Spec
    CommandSpec spec;

    private final Deque<AutoCloseable> running = new ArrayDeque<>();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Duration runFor = DurationText.parse("--duration", duration);
        long deadline = System.nanoTime() + runFor.toNanos();
        JobConfig job = JobConfigFile.load(config);
        LocalDate today = LocalDate.now(BusinessCalendar.ZONE);
        SyntheticCounty county = SyntheticCounty.monthsEndingOn(seed, MONTHS, today, job.policy());

        Path tmp = Files.createTempDirectory("paywatch-demo-");
        InfluxServer influx;
        try {
            // influxd first: if it is missing, say so before anything else has started
            influx = InfluxServer.start(tmp.resolve("influx"));
        } catch (InfluxNotInstalledException e) {
            spec.commandLine().getErr().println(e.getMessage());
            FileTree.delete(tmp);
            return 2;
        }
        running.push(() -> FileTree.delete(tmp));
        running.push(influx);

        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            stopRequested.countDown();
            awaitQuietly(stopped, Duration.ofSeconds(60)); // the JVM exits only once everything is cleaned up
        }, "paywatch-demo-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);

        AlertBoard board = new AlertBoard();
        DispatchBoard messages = new DispatchBoard();
        CountyStreamer streamer = null;
        try {
            BoardServer countyBoard = startBoard(job, influx.url());
            running.push(countyBoard);
            out.println("县级驾驶舱: " + countyBoard.url());
            out.flush();

            EmbeddedKafka kafka = EmbeddedKafka.start(tmp.resolve("kafka"));
            running.push(kafka);
            JobConfig.Topics t = job.kafka.topics;
            kafka.createTopics(2, t.projects, t.workers, t.progress, t.bank, t.clockins, t.tax, t.alerts, t.deadletter);

            configureForTheDemo(job, kafka.bootstrapServers(), influx.url());
            StreamExecutionEnvironment env = LocalFlink.environment();
            KafkaRiskMonitor.define(env, job, PseudonymKey.random(), null);
            JobClient flinkJob = env.executeAsync(job.job.name);
            running.push(() -> cancel(flinkJob));

            KafkaConsumer<byte[], byte[]> alerts = alertConsumer(kafka.bootstrapServers(), t.alerts);
            running.push(alerts);
            startDispatch(kafka.bootstrapServers(), influx.url(), job, tmp.resolve("dispatch"), messages);

            MonitorProgress progress = new MonitorProgress(kafka.bootstrapServers(), job.kafka.groupId, t);
            running.push(progress);
            streamer = new CountyStreamer(county, kafka.bootstrapServers(), t, dayLength(runFor, county.days()),
                    progress::recordsRead, MAX_UNREAD);
            running.push(streamer);
            Thread streaming = new Thread(streamer, "paywatch-demo-county");
            streaming.setDaemon(true);
            streaming.start();
            running.push(() -> {
                streaming.interrupt();
                streaming.join(5_000);
            });

            DemoScreen screen = new DemoScreen(out, System.console() != null, county, seed, countyBoard.url());
            AvroCodec<Alert> codec = AvroCodec.of(Alert.class);
            boolean announced = false;
            while (stopRequested.getCount() > 0) {
                boolean timeUp = System.nanoTime() >= deadline;
                if (timeUp && !keepRunning) {
                    break;
                }
                if (timeUp && !announced) {
                    // the county goes on to its last day; then the job and InfluxDB stay up for dashboards
                    screen.keepRunning(kafka.bootstrapServers(), influx.url(), job.influx.database);
                    announced = true;
                }
                for (ConsumerRecord<byte[], byte[]> r : alerts.poll(Duration.ofMillis(200))) {
                    try {
                        board.apply(codec.decode(r.value()));
                    } catch (ContractViolation e) {
                        // not an alert of ours: nothing to show
                    }
                }
                screen.refresh(streamer, board, messages);
            }
            return 0;
        } finally {
            stopAll();
            Map<AlertLevel, Long> open = board.openByLevel();
            out.printf("demo: events=%d alerts=%d blue=%d yellow=%d red=%d messages=%d%n", streamer == null ? 0 : streamer.sent(),
                    board.transitions(), open.get(AlertLevel.BLUE), open.get(AlertLevel.YELLOW), open.get(AlertLevel.RED),
                    messages.delivered());
            out.flush();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is what is waiting for us
            }
        }
    }

    /**
     * Alert dispatch as the county would run it, reading the alerts topic, with the fictional directory of
     * jobs/alert-dispatch.demo.yaml and a stand-in SMS gateway; its windows shortened to the demo's pace.
     */
    private void startDispatch(String bootstrapServers, String influxUrl, JobConfig job, Path state, DispatchBoard messages) {
        StandInGateway gateway = StandInGateway.start();
        running.push(gateway);
        DispatchConfig demo = DispatchDemo.pointedAt(DispatchConfigFile.load(DISPATCH_CONFIG), gateway, bootstrapServers, influxUrl,
                job.kafka.topics);
        Ledger ledger = Ledger.open(state);
        running.push(ledger);
        GatewaySettings settings = demo.gateway().settings();
        Dispatcher dispatcher = new Dispatcher(demo, ledger, Delivery.byChannel(new SmsGateway(settings, demo.sms().signature()),
                new WebhookSender(settings.retryPolicy()))).listen(messages)
                .listen(new NotificationPoints(new InfluxHttp(influxUrl), demo.influx().database()));
        KafkaDispatch live = new KafkaDispatch(dispatcher, bootstrapServers, demo.kafka(), problem -> { });
        Thread thread = new Thread(live, "paywatch-demo-dispatch");
        thread.setDaemon(true);
        thread.start();
        running.push(() -> {
            live.stop();
            thread.join(10_000);
        });
    }

    /** The county board over the demo's InfluxDB, on --board-port or, if another board has that, any free port. */
    private BoardServer startBoard(JobConfig job, String influxUrl) {
        CountyViews views = new CountyViews(new BoardInflux(influxUrl, job.influx.database), job);
        try {
            return BoardServer.start(views, InetAddress.getLoopbackAddress(), boardPort, null);
        } catch (ConfigurationProblem portTaken) {
            return BoardServer.start(views, InetAddress.getLoopbackAddress(), 0, null);
        }
    }

    /** The job file, pointed at the local servers, with its clock run by the simulated data. */
    private static void configureForTheDemo(JobConfig job, String bootstrapServers, String influxUrl) {
        job.kafka.bootstrapServers = bootstrapServers;
        job.kafka.startFrom = "earliest";
        job.influx.url = influxUrl;
        job.job.checkpointInterval = Duration.ofSeconds(2); // alerts reach the screen one checkpoint after they are raised
        job.job.parallelism = 2;
        // The simulated clock runs months ahead of the wall clock: event time must follow the data alone.
        job.time.followWallClock = false;
        job.time.maxOutOfOrderness = Duration.ofSeconds(1);
        job.time.idleness = Duration.ofSeconds(3);
        // The county's last day is today: its records run to this evening, hours ahead of the wall clock.
        job.time.maxClockSkew = Duration.ofDays(2);
        JobConfigFile.validate(job);
    }

    /** As slow as lets the whole simulation, and the job catching up with it, fit in the run. */
    static Duration dayLength(Duration runFor, int days) {
        Duration available = runFor.minus(OVERHEAD);
        Duration day = available.isNegative() ? SHORTEST_DAY : available.dividedBy(days);
        return day.compareTo(LONGEST_DAY) > 0 ? LONGEST_DAY : day.compareTo(SHORTEST_DAY) < 0 ? SHORTEST_DAY : day;
    }

    /** Cancels the job and waits until it has ended, so that nothing of it still talks to Kafka when Kafka stops. */
    private static void cancel(JobClient job) throws Exception {
        job.cancel().get(30, TimeUnit.SECONDS);
        try {
            job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException cancelled) {
            // how a cancelled job's result ends
        }
    }

    private static KafkaConsumer<byte[], byte[]> alertConsumer(String bootstrapServers, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", // only alerts of completed checkpoints
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "paywatch-demo-screen"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return consumer;
    }

    /** Stops what runs, newest first; one failing step does not keep the others from running. */
    private void stopAll() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                spec.commandLine().getErr().println("paywatch demo: while stopping: " + e);
            }
        }
    }


    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
