package org.paywatch.drill;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.PseudonymKey;
import org.paywatch.local.FlinkCluster;
import org.paywatch.local.FreePort;
import org.paywatch.local.InfluxServer;
import org.paywatch.local.KafkaProcess;
import org.paywatch.local.MonitorProgress;
import org.paywatch.policy.BusinessCalendar;
import org.paywatch.sim.CountyPlan;
import org.paywatch.sim.CountyStreamer;
import org.paywatch.sim.SyntheticCounty;

/**
 * A fault drill: a simulated county is loaded into a real Kafka broker (its own process), and the live
 * job reads it twice into InfluxDB (a real influxd) — once without a fault, once with one injected
 * mid-stream after alerts have been committed — on a real multi-process Flink cluster, or as
 * `paywatch run` when the process itself is killed. The alerts a read_committed consumer sees in the
 * two runs must be the same, each exactly once, and the counters must reconcile.
 *
 * <p>The two runs read the same records with the same pseudonym key, so the same alerts, ids included,
 * are due. Every partition ends with a record the job must dead-letter, stamped with the time of
 * loading: it closes the county's event time at the same instant in both runs, whichever partition
 * happens to be read last.
 */
public final class Drill implements AutoCloseable {
    private static final int PARTITIONS = 2;
    private static final double FAULT_AFTER_SHARE_READ = 0.3;
    /**
     * A partition silent this long stops holding the watermark back. Longer than the job file's 1 s: on
     * a machine as loaded as two cores running a broker, influxd and three Flink JVMs, a partition with a
     * backlog can be starved that long, and marked idle it would let the watermark run past its records
     * (applied late, they raise alerts a fault-free run does not): that is load, not the fault under test.
     */
    private static final Duration IDLENESS = Duration.ofSeconds(40);
    /**
     * How long nothing may change before a run counts as finished: longer than the idleness (and the wait for a
     * first record, set to it), after which a partition that has been read to its end (it sends nothing more after a
     * restart) stops holding the watermark back.
     */
    private static final Duration QUIET = IDLENESS.plusSeconds(5);

    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration INFLUX_OUTAGE = Duration.ofSeconds(30);
    private static final Duration BROKER_DOWN = Duration.ofSeconds(10);
    private static final int POISON_BYTES = 1024 * 1024;

    private final Path dir;
    private final JobConfig base;
    private final PrintWriter log;
    private final KafkaProcess kafka;
    private final Path influxDir;
    private final int influxPort;
    private InfluxServer influx;
    private FlinkCluster cluster;
    private final byte[] key;
    private long loaded;
    private long markerTime;
    /** When the fault was over (the kill done, the service back), as System.nanoTime(); 0 before. */
    private volatile long faultEnded;

    /** What one run left behind. */
    record Run(
            Map<String, Integer> alerts,
            Map<String, Long> counters,
            int failures,
            long recoveredMillis,
            long expectedIn,
            long oversizedDeadLetters) {
        long alertCount() {
            return alerts.values().stream().mapToLong(Integer::longValue).sum();
        }
    }

    /** The drill's verdict: the last line of `paywatch drill`. */
    public record Verdict(
            DrillFault fault,
            long alertsClean,
            long alertsFault,
            long lost,
            long duplicated,
            long spurious,
            long recoveredSeconds,
            String counters,
            boolean reconciled,
            String problems) {
        public boolean passed() {
            return lost == 0 && duplicated == 0 && spurious == 0 && reconciled && problems.isEmpty();
        }

        public String line() {
            return String.format(
                    "drill: fault=%s alerts_clean=%d alerts_fault=%d lost=%d duplicated=%d spurious=%d recovered_s=%d",
                    fault.label, alertsClean, alertsFault, lost, duplicated, spurious, recoveredSeconds);
        }
    }

    private Drill(Path dir, JobConfig base, PrintWriter log) {
        this.dir = dir;
        this.base = base;
        this.log = log;
        this.kafka = KafkaProcess.start(dir.resolve("kafka"));
        this.influxDir = dir.resolve("influx");
        this.influxPort = FreePort.onLoopback();
        this.influx = InfluxServer.start(influxDir, influxPort);
        this.key = PseudonymKey.random();
    }

    /** Starts Kafka and influxd in {@code dir} and loads the county into the input topics. */
    public static Drill prepare(Path dir, JobConfig base, CountyPlan plan, PrintWriter log) {
        Drill drill = new Drill(dir, base, log);
        try {
            drill.load(new SyntheticCounty(plan, base.policy()));
            return drill;
        } catch (RuntimeException e) {
            drill.close();
            throw e;
        }
    }

    /**
     * The last day a drill's county simulates: yesterday, so that its records are all in the past and the
     * closing records (stamped now) end its event time after its last day.
     */
    public static LocalDate lastDay() {
        return LocalDate.now(BusinessCalendar.ZONE).minusDays(1);
    }

    private void load(SyntheticCounty county) {
        JobConfig.Topics t = base.kafka.topics;
        List<String> inputs = new ArrayList<>(t.inputs().keySet());
        kafka.createTopics(
                PARTITIONS, inputs.stream().filter(s -> !s.equals(t.bank)).toArray(String[]::new));
        // The bank's topic takes records of up to 4 MiB: a county's
        // broker may well, and the poison-record drill needs it.
        kafka.createTopics(PARTITIONS, Map.of("max.message.bytes", String.valueOf(4 * 1024 * 1024)), t.bank);
        try (CountyStreamer streamer =
                new CountyStreamer(county, kafka.bootstrapServers(), t, Duration.ZERO, () -> 0, Long.MAX_VALUE)) {
            streamer.run();
            if (streamer.failure() != null) {
                throw new IllegalStateException(
                        "could not load the county into Kafka: " + streamer.failure(), streamer.failure());
            }
            loaded = streamer.sent();
        }
        markerTime = System.currentTimeMillis();
        try (KafkaProducer<byte[], byte[]> producer = producer(0)) {
            for (String topic : inputs) {
                for (int p = 0; p < PARTITIONS; p++) {
                    producer.send(new ProducerRecord<>(
                            topic,
                            p,
                            markerTime,
                            null,
                            "paywatch drill: the end of the simulated county".getBytes(StandardCharsets.UTF_8)));
                    loaded++;
                }
            }
        }
        log.printf(
                "drill: %d projects, %s to %s: %d records in %d partitions per feed, each partition closed by a record to dead-letter%n",
                county.projectCount(), county.firstDay(), county.lastDay(), loaded, PARTITIONS);
        log.flush();
    }

    /** The clean run, then the run with the fault, compared. */
    public Verdict run(DrillFault fault) throws Exception {
        if (fault.onCluster) {
            cluster = FlinkCluster.start(dir.resolve("flink"), 2, 2, Map.of());
            log.println("drill: Flink cluster up, a JobManager and two TaskManagers, each its own JVM; web UI "
                    + cluster.restUrl());
        }
        Run clean = execute("clean", fault, false);
        log.printf("drill: clean run: %d alerts, counters %s%n", clean.alertCount(), clean.counters());
        Run faulty = execute("fault", fault, true);
        log.printf(
                "drill: run with %s: %d alerts, counters %s, %d failures and restarts%n",
                fault.label, faulty.alertCount(), faulty.counters(), faulty.failures());
        log.flush();
        return compare(fault, clean, faulty);
    }

    private Run execute(String name, DrillFault fault, boolean inject) throws Exception {
        JobConfig config = variant(name);
        kafka.createTopics(PARTITIONS, config.kafka.topics.alerts, config.kafka.topics.deadletter);
        long expectedIn = loaded;
        try (LiveRun run = fault.onCluster ? new ClusterRun(cluster, config, key) : runProcess(name, config);
                MonitorProgress progress =
                        new MonitorProgress(kafka.bootstrapServers(), config.kafka.groupId, config.kafka.topics);
                AlertCopies alerts = new AlertCopies(kafka.bootstrapServers(), config.kafka.topics.alerts)) {
            run.start();
            long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
            long faultAt = 0;
            long readAtFaultEnd = -1;
            long recovered = 0;
            Thread faultThread = null;
            long lastChange = System.nanoTime();
            String lastSeen = "";
            while (true) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "the " + name + " run did not finish within " + RUN_TIMEOUT.toMinutes() + " minutes: read "
                                    + progress.recordsRead() + " of " + expectedIn + " records; see " + dir);
                }
                alerts.poll(Duration.ofMillis(500));
                long read = progress.recordsRead();
                if (inject && faultAt == 0 && alerts.total() > 0 && read >= loaded * FAULT_AFTER_SHARE_READ) {
                    log.printf(
                            "drill: %s at %d of %d records read, %d alerts committed%n",
                            fault.label, read, expectedIn, alerts.total());
                    log.flush();
                    faultAt = System.nanoTime();
                    faultEnded = 0;
                    faultThread = inject(fault, run);
                    expectedIn += fault == DrillFault.POISON_RECORD ? 1 : 0;
                }
                if (faultEnded != 0 && readAtFaultEnd < 0) {
                    readAtFaultEnd = read;
                }
                if (readAtFaultEnd >= 0 && recovered == 0 && read > readAtFaultEnd) {
                    recovered = System.nanoTime() - faultEnded;
                }
                Map<String, Long> counters = countersNow(run);
                String seen = alerts.total() + " " + counters;
                if (!seen.equals(lastSeen)) {
                    lastSeen = seen;
                    lastChange = System.nanoTime();
                }
                boolean faultDone = faultThread == null || !faultThread.isAlive();
                if (read >= expectedIn
                        && counters.getOrDefault("recordsIn", 0L) >= expectedIn
                        && (!inject || faultAt != 0)
                        && faultDone
                        && System.nanoTime() - lastChange > QUIET.toNanos()) {
                    break;
                }
            }
            Map<String, Long> counters = run.counters();
            long oversized = fault == DrillFault.POISON_RECORD && inject
                    ? DeadLetters.count(kafka.bootstrapServers(), config.kafka.topics.deadletter, "oversized")
                    : 0;
            return new Run(
                    new HashMap<>(alerts.copies()),
                    counters,
                    run.failures(),
                    recovered / 1_000_000,
                    expectedIn,
                    oversized);
        }
    }

    /** The job's counters as its REST API has them now (they arrive with heartbeats); empty while it is down. */
    private static Map<String, Long> countersNow(LiveRun run) {
        try {
            return run.counters();
        } catch (Exception restarting) {
            return Map.of();
        }
    }

    private LiveRun runProcess(String name, JobConfig config) throws IOException {
        Path runDir = dir.resolve(name);
        Files.createDirectories(runDir);
        Path jobFile = runDir.resolve("risk-monitor.yaml");
        JobConfigFile.write(config, jobFile);
        return new RunProcess(runDir, jobFile, config.monitoring.webUiPort);
    }

    /** Starts the fault; what takes time (an outage) goes on in a thread of its own while the drill watches. */
    private Thread inject(DrillFault fault, LiveRun run) throws Exception {
        Thread t = new Thread(
                () -> {
                    try {
                        switch (fault) {
                            case PROCESS_KILL -> {
                                RunProcess process = (RunProcess) run;
                                process.kill();
                                faultEnded = System.nanoTime();
                                log.println(
                                        "drill: paywatch run killed (kill -9); started again with the same command");
                                log.flush();
                                process.start();
                            }
                            case TASKMANAGER_KILL -> {
                                int busy = cluster.busySlots(0) > 0 ? 0 : 1; // one that runs some of the job's tasks
                                cluster.killTaskManager(busy);
                                faultEnded = System.nanoTime();
                                log.println("drill: TaskManager " + busy + " killed (kill -9); a replacement starts");
                                log.flush();
                                cluster.startTaskManager();
                            }
                            case INFLUX_OUTAGE -> {
                                influx.close();
                                Thread.sleep(INFLUX_OUTAGE.toMillis());
                                influx = InfluxServer.start(influxDir, influxPort);
                                faultEnded = System.nanoTime();
                                log.println("drill: influxd back after " + INFLUX_OUTAGE.toSeconds() + " s");
                                log.flush();
                            }
                            case BROKER_RESTART -> {
                                kafka.restart(BROKER_DOWN);
                                faultEnded = System.nanoTime();
                                log.println("drill: Kafka broker back after " + BROKER_DOWN.toSeconds() + " s down");
                                log.flush();
                            }
                            case POISON_RECORD -> {
                                sendPoison();
                                faultEnded = System.nanoTime();
                            }
                        }
                    } catch (Exception e) {
                        log.println("drill: injecting " + fault.label + " failed: " + e);
                        log.flush();
                    }
                },
                "paywatch-drill-fault");
        t.start();
        return t;
    }

    /** A bank record of about 1 MB with a negative amount: too large for the entry, and a dead letter that must be cut. */
    private void sendPoison() {
        BankTransaction poison = BankTransaction.newBuilder()
                .setTxnId("DRILL-POISON")
                .setBankCode("ZYRCB")
                .setAccountNo("6222020200112233445")
                .setType(BankTransactionType.OTHER_CREDIT)
                .setAmountFen(-1L)
                .setCounterpartyName("某".repeat(POISON_BYTES / 3))
                .setEventTime(java.time.Instant.ofEpochMilli(markerTime))
                .build();
        try (KafkaProducer<byte[], byte[]> producer = producer(4 * 1024 * 1024 + 1024)) {
            // Stamped like the closing records, so that it moves no partition's time beyond theirs.
            producer.send(new ProducerRecord<>(
                    base.kafka.topics.bank,
                    0,
                    markerTime,
                    "6222020200112233445".getBytes(StandardCharsets.UTF_8),
                    AvroCodec.of(BankTransaction.class).encode(poison)));
        }
        log.println("drill: a " + POISON_BYTES / 1024 + " KiB bank record with a negative amount sent");
        log.flush();
    }

    private KafkaProducer<byte[], byte[]> producer(int maxRequestBytes) {
        Map<String, Object> settings = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                kafka.bootstrapServers(),
                ProducerConfig.CLIENT_ID_CONFIG,
                "paywatch-drill"));
        if (maxRequestBytes > 0) {
            settings.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRequestBytes);
        }
        return new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The county's job file, with what makes a run of its own: its name, group, output topics, database and state. */
    private JobConfig variant(String name) throws IOException {
        Path file = dir.resolve("base.yaml");
        JobConfigFile.write(base, file);
        JobConfig c = JobConfigFile.load(file);
        c.job.name = "paywatch-drill-" + name;
        c.job.checkpointInterval = Duration.ofSeconds(2);
        c.job.stateDir = dir.resolve(name).resolve("state").toString();
        c.job.restarts.delay = Duration.ofSeconds(5);
        c.kafka.bootstrapServers = kafka.bootstrapServers();
        c.kafka.groupId = "paywatch-drill-" + name;
        c.kafka.startFrom = "earliest";
        c.kafka.topics.alerts = "paywatch.alerts." + name;
        c.kafka.topics.deadletter = "paywatch.deadletter." + name;
        c.influx.url = influx.url();
        c.influx.database = "paywatch_drill_" + name;
        c.monitoring.webUiPort = FreePort.onLoopback();
        c.monitoring.prometheusPort = FreePort.onLoopback();
        c.monitoring.statusInterval = Duration.ofSeconds(10);
        // Event time follows the county's records alone, as in the demo: the same records give the same alerts.
        c.time.followWallClock = false;
        c.time.idleness = IDLENESS;
        // No longer than the idleness, so that QUIET covers a partition that waits for a first record that never comes.
        c.time.firstRecordWait = IDLENESS;
        Path keyFile = dir.resolve("hmac.key");
        if (!Files.exists(keyFile)) {
            Files.write(keyFile, key);
        }
        c.entry.pseudonymKeyFile = keyFile.toString();
        JobConfigFile.validate(c);
        return c;
    }

    private Verdict compare(DrillFault fault, Run clean, Run faulty) {
        long lost = 0;
        long duplicated = 0;
        long spurious = 0;
        for (Map.Entry<String, Integer> e : clean.alerts().entrySet()) {
            int seen = faulty.alerts().getOrDefault(e.getKey(), 0);
            lost += Math.max(0, e.getValue() - seen);
            duplicated += Math.max(0, seen - e.getValue());
        }
        for (Map.Entry<String, Integer> e : faulty.alerts().entrySet()) {
            if (!clean.alerts().containsKey(e.getKey())) {
                spurious += e.getValue();
            }
        }
        List<String> problems = new ArrayList<>();
        boolean reconciled = reconciles(clean, "clean", problems) & reconciles(faulty, "fault", problems);
        if (clean.alerts().values().stream().anyMatch(n -> n > 1)) {
            problems.add("the clean run itself published an alert transition twice");
        }
        if (fault == DrillFault.TASKMANAGER_KILL && faulty.failures() == 0) {
            problems.add("the job did not restart: the killed TaskManager ran none of its tasks");
        }
        if (fault == DrillFault.POISON_RECORD) {
            if (faulty.oversizedDeadLetters() != 1) {
                problems.add(
                        "the poison record was dead-lettered " + faulty.oversizedDeadLetters() + " times, not once");
            }
            if (faulty.failures() != 0) {
                problems.add("the job restarted " + faulty.failures() + " times on the poison record");
            }
        }
        String counters = "clean " + clean.counters() + ", fault " + faulty.counters();
        return new Verdict(
                fault,
                clean.alertCount(),
                faulty.alertCount(),
                lost,
                duplicated,
                spurious,
                Math.round(faulty.recoveredMillis() / 1000.0),
                counters,
                reconciled,
                String.join("; ", problems));
    }

    /** in = applied + duplicates + deadLettered + waiting, and every record loaded counted in once. */
    private static boolean reconciles(Run run, String name, List<String> problems) {
        Map<String, Long> c = run.counters();
        long in = c.getOrDefault("recordsIn", 0L);
        long out = c.getOrDefault("recordsApplied", 0L)
                + c.getOrDefault("recordsDuplicate", 0L)
                + c.getOrDefault("recordsDeadLettered", 0L)
                + c.getOrDefault("recordsWaiting", 0L);
        boolean ok = true;
        if (in != run.expectedIn()) {
            problems.add("the " + name + " run counted " + in + " records in, not the " + run.expectedIn() + " sent");
            ok = false;
        }
        if (in != out) {
            problems.add("the " + name + " run's counters do not reconcile: in=" + in
                    + " but applied+duplicates+deadLettered+waiting=" + out);
            ok = false;
        }
        return ok;
    }

    public Path folder() {
        return dir;
    }

    @Override
    public void close() {
        Optional.ofNullable(cluster).ifPresent(FlinkCluster::close);
        Optional.ofNullable(influx).ifPresent(InfluxServer::close);
        kafka.close();
    }
}
