package org.paywatch.demo;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.paywatch.board.BoardInflux;
import org.paywatch.board.BoardServer;
import org.paywatch.board.CountyViews;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
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
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.io.KafkaTopics;
import org.paywatch.io.PseudonymKey;
import org.paywatch.io.influx.InfluxHttp;
import org.paywatch.local.EmbeddedKafka;
import org.paywatch.local.FileTree;
import org.paywatch.local.InfluxServer;
import org.paywatch.local.LocalFlink;
import org.paywatch.local.MonitorProgress;
import org.paywatch.local.StandInGateway;
import org.paywatch.pipeline.KafkaRiskMonitor;
import org.paywatch.sim.CountyStreamer;
import org.paywatch.sim.SyntheticCounty;

/**
 * What the demo runs on this machine, started in order — a temporary folder, influxd, the county board, Kafka and its
 * topics, the live job, the screen's alert reader, alert dispatch, the simulated county — and stopped newest first,
 * each whatever became of the others. Close it after a failed start too: it stops what had started.
 */
final class DemoStack implements AutoCloseable {
    // About two weeks of the county's records: a few checkpoints' worth for the monitor on an idle machine.
    private static final long MAX_UNREAD = 25_000;
    private static final Path DISPATCH_CONFIG = Path.of("jobs/alert-dispatch.demo.yaml");

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final Path tmp;
    private final PrintWriter err;
    private InfluxServer influx;
    private BoardServer board;
    private EmbeddedKafka kafka;
    private KafkaConsumer<byte[], byte[]> alerts;
    private CountyStreamer streamer;

    private DemoStack(Path tmp, PrintWriter err) {
        this.tmp = tmp;
        this.err = err;
        running.push(() -> FileTree.delete(tmp));
    }

    /** The temporary folder and influxd in it: first, so that if influxd is missing, nothing else has started. */
    static DemoStack withInflux(PrintWriter err) throws IOException {
        DemoStack stack = new DemoStack(Files.createTempDirectory("paywatch-demo-"), err);
        try {
            stack.influx = InfluxServer.start(stack.tmp.resolve("influx"));
        } catch (RuntimeException e) { // InfluxNotInstalledException among them
            stack.close();
            throw e;
        }
        stack.running.push(stack.influx);
        return stack;
    }

    /**
     * Everything after influxd, in order; the board's address is told as soon as it listens.
     *
     * @param job the job file, pointed at the demo's servers here
     */
    void start(
            JobConfig job,
            SyntheticCounty county,
            Duration dayLength,
            int boardPort,
            DispatchBoard messages,
            PrintWriter out)
            throws Exception {
        board = startBoard(job, boardPort);
        running.push(board);
        out.println("县级驾驶舱: " + board.url());
        out.flush();

        kafka = EmbeddedKafka.start(tmp.resolve("kafka"));
        running.push(kafka);
        JobConfig.Topics t = job.kafka.topics;
        kafka.createTopics(2, t.projects, t.workers, t.progress, t.bank, t.clockins, t.tax, t.alerts, t.deadletter);

        configureForTheDemo(job, kafka.bootstrapServers(), influx.url());
        StreamExecutionEnvironment env = LocalFlink.environment();
        KafkaRiskMonitor.define(env, job, PseudonymKey.random(), null);
        JobClient flinkJob = env.executeAsync(job.job.name);
        running.push(() -> cancel(flinkJob));

        alerts = alertReader(kafka.bootstrapServers(), t.alerts);
        running.push(alerts);
        startDispatch(job, messages);

        MonitorProgress progress = new MonitorProgress(kafka.bootstrapServers(), job.kafka.groupId, t);
        running.push(progress);
        streamer =
                new CountyStreamer(county, kafka.bootstrapServers(), t, dayLength, progress::recordsRead, MAX_UNREAD);
        running.push(streamer);
        inBackground(streamer, "paywatch-demo-county", Thread::interrupt, Duration.ofSeconds(5));
    }

    String boardUrl() {
        return board.url();
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    String influxUrl() {
        return influx.url();
    }

    /** The screen's read_committed reader of the alerts topic, from its first alert. */
    KafkaConsumer<byte[], byte[]> alerts() {
        return alerts;
    }

    CountyStreamer streamer() {
        return streamer;
    }

    /** Records the county has sent so far; 0 if it never started. */
    long eventsSent() {
        return streamer == null ? 0 : streamer.sent();
    }

    /** Stops what runs, newest first; one failing step does not keep the others from running. */
    @Override
    public void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                err.println("paywatch demo: while stopping: " + e);
            }
        }
    }

    /** The county board over the demo's InfluxDB, on --board-port or, if another board has that, any free port. */
    private BoardServer startBoard(JobConfig job, int boardPort) {
        CountyViews views = new CountyViews(new BoardInflux(influx.url(), job.influx.database), job);
        try {
            return BoardServer.start(views, InetAddress.getLoopbackAddress(), boardPort, null);
        } catch (ConfigurationProblem portTaken) {
            return BoardServer.start(views, InetAddress.getLoopbackAddress(), 0, null);
        }
    }

    /**
     * Alert dispatch as the county would run it, reading the alerts topic, with the fictional directory of
     * jobs/alert-dispatch.demo.yaml and a stand-in SMS gateway; its windows shortened to the demo's pace.
     */
    private void startDispatch(JobConfig job, DispatchBoard messages) {
        StandInGateway gateway = StandInGateway.start();
        running.push(gateway);
        DispatchConfig demo = DispatchDemo.pointedAt(
                DispatchConfigFile.load(DISPATCH_CONFIG),
                gateway,
                kafka.bootstrapServers(),
                influx.url(),
                job.kafka.topics);
        Ledger ledger = Ledger.open(tmp.resolve("dispatch"));
        running.push(ledger);
        GatewaySettings settings = demo.gateway().settings();
        Dispatcher dispatcher = new Dispatcher(
                        demo,
                        ledger,
                        Delivery.byChannel(
                                new SmsGateway(settings, demo.sms().signature()),
                                new WebhookSender(settings.retryPolicy())))
                .listen(messages)
                .listen(new NotificationPoints(
                        new InfluxHttp(influx.url()), demo.influx().database()));
        KafkaDispatch live = new KafkaDispatch(dispatcher, kafka.bootstrapServers(), demo.kafka(), problem -> {});
        inBackground(live, "paywatch-demo-dispatch", thread -> live.stop(), Duration.ofSeconds(10));
    }

    /** Runs the task on a daemon thread of its own; stopping it is {@code stop}, then waiting a while for the thread to end. */
    private void inBackground(Runnable task, String name, Consumer<Thread> stop, Duration wait) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        running.push(() -> {
            stop.accept(thread);
            thread.join(wait.toMillis());
        });
    }

    /** The job file, pointed at the local servers, with its clock run by the simulated data. */
    private static void configureForTheDemo(JobConfig job, String bootstrapServers, String influxUrl) {
        job.kafka.bootstrapServers = bootstrapServers;
        job.kafka.startFrom = "earliest";
        job.influx.url = influxUrl;
        job.job.checkpointInterval =
                Duration.ofSeconds(2); // alerts reach the screen one checkpoint after they are raised
        job.job.parallelism = 2;
        // The simulated clock runs months ahead of the wall clock: event time must follow the data alone.
        job.time.followWallClock = false;
        job.time.maxOutOfOrderness = Duration.ofSeconds(1);
        job.time.idleness = Duration.ofSeconds(3);
        // The county's last day is today: its records run to this evening, hours ahead of the wall clock.
        job.time.maxClockSkew = Duration.ofDays(2);
        JobConfigFile.validate(job);
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

    private static KafkaConsumer<byte[], byte[]> alertReader(String bootstrapServers, String topic) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed", // only alerts of completed checkpoints
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "paywatch-demo-screen"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        KafkaTopics.readFromTheStart(consumer, topic);
        return consumer;
    }
}
