package org.paywatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.paywatch.config.DurationText;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.contract.Alert;
import org.paywatch.contract.AlertTransition;
import org.paywatch.contract.ClockIn;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.domain.Feed;
import org.paywatch.domain.Origin;
import org.paywatch.domain.PersonalNumbers;
import org.paywatch.domain.Received;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.ContractViolation;
import org.paywatch.io.FeedDecoder;
import org.paywatch.io.PseudonymKey;
import org.paywatch.local.EmbeddedKafka;
import org.paywatch.local.FileTree;
import org.paywatch.local.FlinkRest;
import org.paywatch.local.FreePort;
import org.paywatch.local.InfluxNotInstalledException;
import org.paywatch.local.InfluxServer;
import org.paywatch.local.LocalFlink;
import org.paywatch.local.MonitorProgress;
import org.paywatch.pipeline.KafkaRiskMonitor;
import org.paywatch.pipeline.Outcome;
import org.paywatch.policy.BusinessCalendar;
import org.paywatch.policy.rules.AccountMisuse;
import org.paywatch.sim.CountyPlan;
import org.paywatch.sim.CountyProducer;
import org.paywatch.sim.CountyRecord;
import org.paywatch.sim.LatencyProbes;
import org.paywatch.sim.RecordPace;
import org.paywatch.sim.SyntheticCounty;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * `paywatch bench`: how fast the live job is on this machine, against what Kafka itself allows. Starts its own
 * Kafka and influxd (as the demo does), pre-loads the input topics with a simulated county, then measures, one
 * after the other: a plain consumer reading and decoding the topics (the raw limit); the whole job on an
 * in-process Flink with its real sinks, from its first record to the checkpoint that commits the last; the
 * checkpointed state; and, with the job caught up, how long an alert takes from the record that causes it to a
 * read_committed consumer.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description =
                "Benchmark the risk monitor on this machine: pre-load an in-process Kafka with a simulated county of about "
                        + "--events records, then measure a plain Kafka consumer (raw_eps), the whole job with its sinks (job_eps), "
                        + "alert latency (p50, p99) and checkpointed state per active worker. The last line sums it up.")
public final class BenchCommand implements Callable<Integer> {
    static final long MIN_EVENTS = 10_000;
    static final long MAX_EVENTS = 50_000_000;
    /** Records a simulated project makes in a month, about (a crew of 15 to 52 clocking in, its payroll and deposits). */
    private static final int RECORDS_PER_PROJECT_MONTH = 850;

    private static final int MONTHS = 4;
    /** The latency phase: a moderate live load, one record in PROBE_EVERY a probe, probes sent for PROBING. */
    private static final int LIVE_RATE = 1_000;

    private static final int PROBE_EVERY = 100;
    private static final Duration PROBING = Duration.ofSeconds(20);
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Option(
            names = "--events",
            paramLabel = "N",
            defaultValue = "2000000",
            description = "records to pre-load, " + MIN_EVENTS + " to " + MAX_EVENTS + " (default: ${DEFAULT-VALUE})")
    long events;

    @Option(
            names = "--state-backend",
            paramLabel = "heap|rocksdb",
            description = "the job's state backend (default: job.stateBackend of the job file)")
    String stateBackend;

    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "jobs/risk-monitor.yaml",
            description =
                    "the job file whose policy, parallelism and time settings the job runs (default: ${DEFAULT-VALUE})")
    Path config;

    @Option(
            names = "--checkpoint-interval",
            paramLabel = "DURATION",
            defaultValue = "2s",
            description = "the job's checkpoint interval; alerts reach read_committed consumers one checkpoint later "
                    + "(default: ${DEFAULT-VALUE}, as in the demo)")
    String checkpointInterval;

    @Option(
            names = "--seed",
            defaultValue = "7",
            description = "seed of the simulated county (default: ${DEFAULT-VALUE})")
    long seed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        JobConfig job = configured();
        PrintWriter out = spec.commandLine().getOut();
        Path tmp = Files.createTempDirectory("paywatch-bench-");
        try (Running running = new Running(tmp)) {
            InfluxServer influx;
            try {
                influx = running.add(InfluxServer.start(tmp.resolve("influx")));
            } catch (InfluxNotInstalledException e) {
                spec.commandLine().getErr().println(e.getMessage());
                return 2;
            }
            EmbeddedKafka kafka = running.add(EmbeddedKafka.start(tmp.resolve("kafka")));
            JobConfig.Topics t = job.kafka.topics;
            kafka.createTopics(2, t.projects, t.workers, t.progress, t.bank, t.clockins, t.tax, t.alerts, t.deadletter);
            job.kafka.bootstrapServers = kafka.bootstrapServers();
            job.influx.url = influx.url();

            SyntheticCounty county = county(job);
            Preloaded preloaded = preload(county, job, out);
            double rawEps = rawEventsPerSecond(job, preloaded.events);
            out.printf(
                    "bench: raw: one KafkaConsumer read and Avro-decoded %d records: %.0f records/s%n",
                    preloaded.events, rawEps);
            out.flush();

            byte[] key = PseudonymKey.random();
            int restPort = FreePort.onLoopback();
            Configuration flink = LocalFlink.loopback();
            flink.set(RestOptions.BIND_PORT, String.valueOf(restPort));
            flink.set(RestOptions.PORT, restPort);
            // On files, as `run` keeps them: Flink's default keeps checkpoints in the JobManager's memory, at most
            // 5 MB a state handle, and a county of a few hundred projects outgrows that.
            flink.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
            flink.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    tmp.resolve("checkpoints").toUri().toString());
            StreamExecutionEnvironment env = LocalFlink.environment(flink);
            KafkaRiskMonitor.define(env, job, key, null);
            JobClient client = env.executeAsync(job.job.name);
            running.add((AutoCloseable) () -> cancel(client));
            String jobUrl = "http://127.0.0.1:" + restPort + "/jobs/"
                    + client.getJobID().toHexString();

            MonitorProgress progress = running.add(new MonitorProgress(kafka.bootstrapServers(), job.kafka.groupId, t));
            double jobEps = jobEventsPerSecond(
                    client,
                    jobUrl,
                    progress,
                    preloaded.events,
                    spec.commandLine().getErr());
            // The last records are applied once their partitions fall idle; then two checkpoints hold the state
            // they leave.
            Thread.sleep(job.time
                    .idleness
                    .plus(job.job.checkpointInterval.multipliedBy(2))
                    .toMillis());
            long stateBytes = lastCheckpointBytes(jobUrl);
            out.printf(
                    "bench: job (%s backend, parallelism %d, checkpoints every %s): %d records, first read to last committed: "
                            + "%.0f records/s%n",
                    job.job.stateBackend, job.job.parallelism, job.job.checkpointInterval, preloaded.events, jobEps);
            out.printf(
                    "bench: state: last completed checkpoint %d bytes: %d per active worker (%d), %d per project (%d)%n",
                    stateBytes,
                    stateBytes / Math.max(1, preloaded.activeWorkers),
                    preloaded.activeWorkers,
                    stateBytes / Math.max(1, county.projectCount()),
                    county.projectCount());
            out.printf("bench: state by task: %s%n", stateByTask(jobUrl));
            out.printf(
                    "bench: records read behind the watermark, applied on arrival rather than in event-time order: %d%n",
                    new FlinkRest("http://127.0.0.1:" + restPort)
                            .accumulators(client.getJobID().toHexString())
                            .getOrDefault(Outcome.LATE.counterName, 0L));
            out.flush();

            Latencies latencies = alertLatencies(county, job, key);
            out.printf(
                    "bench: latency: %d of %d PW10 probes at %d records/s raised alerts visible to read_committed; p50 %d ms, "
                            + "p99 %d ms, max %d ms (time.maxOutOfOrderness %s holds each record back before it is applied)%n",
                    latencies.seen(),
                    latencies.sent,
                    LIVE_RATE,
                    latencies.percentile(50),
                    latencies.percentile(99),
                    latencies.percentile(100),
                    job.time.maxOutOfOrderness);
            out.printf("bench: checkpoints during the latency phase: %s%n", recentCheckpoints(jobUrl));
            spec.commandLine()
                    .getErr()
                    .printf(
                            "bench: latency by decile (ms): %s%n",
                            java.util.stream.IntStream.rangeClosed(1, 10)
                                    .mapToObj(d -> String.valueOf(latencies.percentile(d * 10)))
                                    .collect(java.util.stream.Collectors.joining(" ")));
            BenchLine line = new BenchLine(
                    preloaded.events,
                    jobEps,
                    rawEps,
                    latencies.percentile(50),
                    latencies.percentile(99),
                    stateBytes / Math.max(1, preloaded.activeWorkers));
            out.println(line);
            out.flush();
            return latencies.seen() > 0 ? 0 : 1;
        }
    }

    /** The job file with the bench's settings; every option checked in one sentence. */
    JobConfig configured() {
        if (events < MIN_EVENTS || events > MAX_EVENTS) {
            throw new ConfigurationProblem("--events " + events + " is out of range: pre-load " + MIN_EVENTS + " to "
                    + MAX_EVENTS + " records");
        }
        if (stateBackend != null && !Set.of("heap", "rocksdb").contains(stateBackend)) {
            throw new ConfigurationProblem("--state-backend " + stateBackend + " is not allowed: use heap or rocksdb");
        }
        Duration every = DurationText.parse("--checkpoint-interval", checkpointInterval);
        JobConfig job = JobConfigFile.load(config);
        if (stateBackend != null) {
            job.job.stateBackend = stateBackend;
        }
        job.job.checkpointInterval = every;
        job.kafka.startFrom = "earliest";
        // The pre-loaded county lies months back: event time follows the data alone, or the wall clock would
        // overtake the backlog while it is read (the demo does the same).
        job.time.followWallClock = false;
        JobConfigFile.validate(job);
        return job;
    }

    /** A county of about --events records (a little more: the pre-load stops at --events), ending yesterday. */
    private SyntheticCounty county(JobConfig job) {
        long wanted = events + events / 8;
        int projects = (int) Math.max(
                1, Math.min(CountyPlan.MAX_PROJECTS, wanted / ((long) RECORDS_PER_PROJECT_MONTH * MONTHS) + 1));
        LocalDate yesterday = LocalDate.now(BusinessCalendar.ZONE).minusDays(1);
        return new SyntheticCounty(
                CountyPlan.monthsEndingOn(seed, MONTHS, yesterday).withProjects(projects), job.policy());
    }

    private record Preloaded(long events, int activeWorkers) {}

    /** The registry, then day after day, until --events records are on the broker. */
    private Preloaded preload(SyntheticCounty county, JobConfig job, PrintWriter out) {
        long began = System.nanoTime();
        List<CountyRecord> registry = county.registry();
        Set<String> active = new HashSet<>();
        long clockIns = 0;
        try (CountyProducer producer =
                new CountyProducer(job.kafka.bootstrapServers, job.kafka.topics, "paywatch-bench")) {
            for (CountyRecord r : registry) {
                producer.send(r);
            }
            while (producer.sent() < events && county.hasNextDay()) {
                for (CountyRecord r : county.nextDay().records()) {
                    if (producer.sent() >= events) {
                        break;
                    }
                    producer.send(r);
                    if (r.record() instanceof ClockIn c) {
                        clockIns++;
                        active.add(c.getWorkerId());
                    }
                }
            }
            producer.flush();
            out.printf(
                    "bench: pre-loaded %d records (%.1f%% clock-ins) of a county of %d projects and %d workers (%d active), "
                            + "%s to %s, in %.1f s%n",
                    producer.sent(),
                    100.0 * clockIns / producer.sent(),
                    county.projectCount(),
                    county.workerCount(),
                    active.size(),
                    county.firstDay(),
                    county.lastDay(),
                    (System.nanoTime() - began) / 1e9);
            out.flush();
            return new Preloaded(producer.sent(), active.size());
        }
    }

    /** One consumer, every input partition, each record decoded as the job's source decodes it, and nothing else. */
    static double rawEventsPerSecond(JobConfig job, long events) {
        FeedDecoder decoder = FeedDecoder.configured(job);
        Map<String, Feed> feeds = job.kafka.topics.inputs();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        job.kafka.bootstrapServers,
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "paywatch-bench-raw"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : feeds.keySet()) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long read = 0;
            long decoded = 0;
            long began = System.nanoTime();
            long giveUp = began + Duration.ofMinutes(30).toNanos();
            while (read < events && System.nanoTime() < giveUp) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    Received received = decoder.decode(
                            feeds.get(r.topic()),
                            new Origin(r.topic(), r.partition(), r.offset()),
                            r.value(),
                            r.timestamp(),
                            System.currentTimeMillis(),
                            "the wall clock");
                    decoded += received.event != null ? 1 : 0;
                    read++;
                }
            }
            if (decoded < read) {
                throw new IllegalStateException((read - decoded) + " of the pre-loaded records did not decode");
            }
            return read / ((System.nanoTime() - began) / 1e9);
        }
    }

    /**
     * From the moment every task of the job runs (it reads from then on) to the completed checkpoint whose committed
     * offsets cover every pre-loaded record: by then each alert and point of them is in Kafka and InfluxDB.
     */
    private static double jobEventsPerSecond(
            JobClient client, String jobUrl, MonitorProgress progress, long events, PrintWriter err) throws Exception {
        long giveUp = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (!allTasksRunning(jobUrl)) {
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("the job's tasks did not start within 5 minutes");
            }
            failIfEnded(client);
            Thread.sleep(20);
        }
        long began = System.nanoTime();
        giveUp = began + Duration.ofHours(2).toNanos();
        long nextReport = began + Duration.ofSeconds(10).toNanos();
        while (progress.recordsRead() < events) {
            if (System.nanoTime() > nextReport) {
                err.printf(
                        "bench: the job has committed %d of %d records after %.0f s%n",
                        progress.recordsRead(), events, (System.nanoTime() - began) / 1e9);
                err.flush();
                nextReport += Duration.ofSeconds(10).toNanos();
            }
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException(
                        "the job read " + progress.recordsRead() + " of " + events + " records in 2 hours");
            }
            failIfEnded(client);
            Thread.sleep(50);
        }
        return events / ((System.nanoTime() - began) / 1e9);
    }

    private static boolean allTasksRunning(String jobUrl) throws InterruptedException {
        try {
            JsonNode vertices = get(jobUrl).path("vertices");
            if (vertices.isEmpty()) {
                return false;
            }
            for (JsonNode v : vertices) {
                if (!v.path("status").asText().equals("RUNNING")) {
                    return false;
                }
            }
            return true;
        } catch (IOException notYet) {
            return false; // the job is still being submitted
        }
    }

    /** A job that has ended before the bench is done with it has failed: with its cause. */
    private static void failIfEnded(JobClient client) throws Exception {
        if (client.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState()) {
            try {
                client.getJobExecutionResult().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException("the job failed: " + JobHealth.rootCause(e), e);
            }
            throw new IllegalStateException("the job ended before it had read the pre-loaded records");
        }
    }

    /** The full size of the job's last completed checkpoint. */
    private static long lastCheckpointBytes(String jobUrl) throws IOException, InterruptedException {
        JsonNode completed = get(jobUrl + "/checkpoints").path("latest").path("completed");
        return completed
                .path("state_size")
                .asLong(completed.path("checkpointed_size").asLong());
    }

    /**
     * The last completed checkpoint's bytes per task (chained operators together), largest first: where the state per
     * worker goes.
     */
    private static String stateByTask(String jobUrl) throws IOException, InterruptedException {
        long id = get(jobUrl + "/checkpoints")
                .path("latest")
                .path("completed")
                .path("id")
                .asLong(-1);
        if (id < 0) {
            return "no completed checkpoint";
        }
        Map<String, String> names = new HashMap<>();
        for (JsonNode v : get(jobUrl).path("vertices")) {
            names.put(v.path("id").asText(), v.path("name").asText());
        }
        List<Map.Entry<String, Long>> sizes = new ArrayList<>();
        get(jobUrl + "/checkpoints/details/" + id).path("tasks").fields().forEachRemaining(task -> {
            JsonNode t = task.getValue();
            long bytes = t.path("state_size").asLong(t.path("checkpointed_size").asLong());
            sizes.add(Map.entry(names.getOrDefault(task.getKey(), task.getKey()), bytes));
        });
        sizes.sort(Map.Entry.<String, Long>comparingByValue().reversed());
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> e : sizes) {
            parts.add(e.getKey() + " " + e.getValue());
        }
        return String.join("; ", parts);
    }

    /**
     * How long the last checkpoints took from trigger to completion: an alert reaches read_committed consumers when the
     * checkpoint after it completes, so this is the part of the latency that the checkpoint interval does not explain.
     */
    private static String recentCheckpoints(String jobUrl) throws IOException, InterruptedException {
        List<Long> durations = new ArrayList<>();
        for (JsonNode c : get(jobUrl + "/checkpoints").path("history")) {
            if ("COMPLETED".equals(c.path("status").asText())) {
                durations.add(c.path("end_to_end_duration").asLong());
            }
        }
        if (durations.isEmpty()) {
            return "none completed";
        }
        Collections.sort(durations);
        return String.format(
                "%d completed, trigger to completion p50 %d ms, max %d ms",
                durations.size(), durations.get(durations.size() / 2), durations.get(durations.size() - 1));
    }

    /** Probe latencies in milliseconds, from a probe's sending to its alert read by a read_committed consumer. */
    private record Latencies(int sent, List<Long> millis) {
        int seen() {
            return millis.size();
        }

        /** Nearest rank; -1 if no probe raised its alert. */
        long percentile(int p) {
            if (millis.isEmpty()) {
                return -1;
            }
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, rank - 1));
        }
    }

    /**
     * The job caught up, the county goes on live at a moderate rate, its records stamped with the wall clock: clock-ins
     * and, one record in {@link #PROBE_EVERY}, a probe that must raise a PW10 alert of its own. The live feed goes on
     * after the last probe for as long as the watermark needs to pass it (out-of-orderness, idleness) and two checkpoints.
     */
    private static Latencies alertLatencies(SyntheticCounty county, JobConfig job, byte[] key) throws Exception {
        PersonalNumbers pseudonyms = new PersonalNumbers(key);
        Map<String, Long> sentAt = new ConcurrentHashMap<>(); // project + "/" + payee pseudonym -> nanoTime sent
        Duration tail = job.time
                .maxOutOfOrderness
                .plus(job.time.idleness)
                .plus(job.job.checkpointInterval.multipliedBy(2))
                .plusSeconds(5);
        List<Long> latencies = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> alerts = alertConsumer(job);
                CountyProducer producer =
                        new CountyProducer(job.kafka.bootstrapServers, job.kafka.topics, "paywatch-bench-live")) {
            LatencyProbes probes =
                    new LatencyProbes(county.registry(), county.plan().seed());
            Thread live = new Thread(
                    () -> {
                        RecordPace pace = new RecordPace(LIVE_RATE);
                        long probingEnds = System.nanoTime() + PROBING.toNanos();
                        long ends = probingEnds + tail.toNanos();
                        try {
                            for (long n = 0; System.nanoTime() < ends; n++) {
                                pace.awaitTurnOf(n);
                                Instant now = Instant.now();
                                if (n % PROBE_EVERY == PROBE_EVERY - 1 && System.nanoTime() < probingEnds) {
                                    LatencyProbes.Probe p = probes.payoutToStranger(now);
                                    producer.send(p.record());
                                    producer.flush(); // the probe is on the broker now: its latency starts here
                                    sentAt.put(
                                            p.projectId() + "/" + pseudonyms.worker(p.payeeIdCard()),
                                            System.nanoTime());
                                } else {
                                    producer.send(probes.clockIn(now));
                                }
                            }
                            producer.flush();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    },
                    "paywatch-bench-live");
            live.setDaemon(true);
            live.start();
            AvroCodec<Alert> codec = AvroCodec.of(Alert.class);
            Set<String> seen = new HashSet<>();
            long giveUp = System.nanoTime() + PROBING.plus(tail).plusSeconds(30).toNanos();
            while (System.nanoTime() < giveUp && (live.isAlive() || seen.size() < sentAt.size())) {
                for (ConsumerRecord<byte[], byte[]> r : alerts.poll(Duration.ofMillis(20))) {
                    long readAt = System.nanoTime();
                    try {
                        Alert a = codec.decode(r.value());
                        String probe = a.getProjectId() + "/" + a.getScope();
                        Long sent = sentAt.get(probe);
                        if (sent != null
                                && a.getRuleId().equals(AccountMisuse.ID)
                                && a.getTransition() == AlertTransition.RAISED
                                && seen.add(probe)) {
                            latencies.add((readAt - sent) / 1_000_000);
                        }
                    } catch (ContractViolation notAnAlert) {
                        // nothing of ours
                    }
                }
            }
            live.interrupt();
            live.join(5_000);
        }
        return new Latencies(sentAt.size(), latencies);
    }

    private static KafkaConsumer<byte[], byte[]> alertConsumer(JobConfig job) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        job.kafka.bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                        "read_committed",
                        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                        false,
                        ConsumerConfig.CLIENT_ID_CONFIG,
                        "paywatch-bench-alerts"),
                new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        String topic = job.kafka.topics.alerts;
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // fixes the start now: only alerts of the probes' time count
        return consumer;
    }

    private static JsonNode get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + " answered " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }

    private static void cancel(JobClient job) throws Exception {
        job.cancel().get(60, TimeUnit.SECONDS);
        try {
            job.getJobExecutionResult().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException cancelled) {
            // how a cancelled job's result ends
        }
    }

    /** What the bench started, stopped newest first; its temporary folder deleted last. */
    private static final class Running implements AutoCloseable {
        private final List<AutoCloseable> started = new ArrayList<>();

        Running(Path tmp) {
            started.add(() -> FileTree.delete(tmp)); // last
        }

        <T extends AutoCloseable> T add(T resource) {
            started.add(resource);
            return resource;
        }

        @Override
        public void close() {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    if (e instanceof InterruptedException) {
                        Thread.currentThread().interrupt();
                    }
                    System.err.println("paywatch bench: while stopping: " + e);
                }
            }
        }
    }
}
