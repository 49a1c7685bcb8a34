package org.paywatch.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.client.deployment.StandaloneClusterId;
import org.apache.flink.client.program.rest.RestClusterClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ConfigurationUtils;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.client.JobStatusMessage;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.runtime.util.bash.BashJavaUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Flink session cluster on 127.0.0.1: one JobManager and any number of TaskManagers, each a
 * child JVM started from the Maven jars on this JVM's class path, as flink-dist's scripts would start
 * them (memory arguments from {@code BashJavaUtils}, the Java 17 module flags of Flink's default
 * {@code env.java.opts.all}). For fault drills: TaskManagers can be killed with {@code kill -9} and
 * replaced while a job runs. The user classes are on the cluster's class path, so a job is submitted
 * as a {@link JobGraph} without uploading a jar.
 *
 * <p>Everything lives in the caller's directory: {@code conf/config.yaml} and {@code conf/log4j.properties},
 * {@code log/<process>.log} (Flink's log) and {@code log/<process>.out} (the JVM's own output),
 * {@code checkpoints/}, {@code savepoints/} and {@code tmp/}. Not thread-safe: drive it from one thread.
 */
public final class FlinkCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkCluster.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final String BASH_JAVA_UTILS_RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";

    /**
     * flink-dist's default {@code env.java.opts.all}: on Java 17 Flink's serializers, Pekko and
     * Netty reach into these JDK packages, and fail at run time without them. To add JVM options,
     * pass {@code env.java.opts.all} = this + " -X..." in the extra configuration.
     */
    public static final String JAVA_17_MODULE_OPTIONS = String.join(
            " ",
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    // Our own, not flink-dist's: INFO of every process to its own file, named by -Dlog.file.
    private static final String LOG4J_PROPERTIES = String.join(
            "\n",
            "# Written by paywatch's FlinkCluster: each Flink process logs to the file named by -Dlog.file.",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.file.ref = file",
            "appender.file.name = file",
            "appender.file.type = File",
            "appender.file.fileName = ${sys:log.file}",
            "appender.file.append = true",
            "appender.file.layout.type = PatternLayout",
            "appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%t] %c - %m%n",
            "# As in flink-dist's log4j.properties: this one only ever warns of nothing.",
            "logger.netty.name = org.jboss.netty.channel.DefaultChannelPipeline",
            "logger.netty.level = OFF",
            "");

    /** One child JVM: the JobManager or a TaskManager, named as its log files and its resource id. */
    private record FlinkProcess(String name, Process process, Path log, Path out) {}

    /** The latest completed and the latest restored checkpoint of a job; 0 when there is none. */
    public record Checkpoints(long latestCompleted, long latestRestored) {}

    private final Path dir;
    private final Path confDir;
    private final Path logDir;
    private final String restUrl;
    private final List<String> javaOptions;
    private final List<List<String>> taskManagerParams;
    private final FlinkProcess jobManager;
    private final List<FlinkProcess> taskManagers = new ArrayList<>();
    private final RestClusterClient<StandaloneClusterId> client;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private boolean closed;

    private FlinkCluster(
            Path dir,
            Map<String, String> settings,
            List<String> javaOptions,
            FlinkProcess jobManager,
            List<List<String>> taskManagerParams)
            throws Exception {
        this.dir = dir;
        this.confDir = dir.resolve("conf");
        this.logDir = dir.resolve("log");
        this.restUrl = "http://" + settings.get("rest.address") + ":" + settings.get("rest.port");
        this.javaOptions = javaOptions;
        this.taskManagerParams = taskManagerParams;
        this.jobManager = jobManager;
        this.client = new RestClusterClient<>(Configuration.fromMap(settings), StandaloneClusterId.getInstance());
    }

    /**
     * Writes {@code dir/conf/config.yaml}, starts the JobManager and {@code taskManagers}
     * TaskManagers of {@code slotsPerTaskManager} slots each, and waits until the REST API lists
     * every TaskManager. {@code extraConfig} overrides any setting, memory sizes and the
     * checkpoint and savepoint directories included.
     */
    public static FlinkCluster start(
            Path dir, int taskManagers, int slotsPerTaskManager, Map<String, String> extraConfig) {
        long started = System.nanoTime();
        Path home = dir.toAbsolutePath();
        Map<String, String> settings = configFor(home, slotsPerTaskManager, extraConfig);
        List<String> javaOptions = splitOnSpaces(settings.getOrDefault("env.java.opts.all", ""));
        Path conf = home.resolve("conf");
        try {
            Files.createDirectories(conf);
            Files.createDirectories(home.resolve("log"));
            Files.createDirectories(home.resolve("tmp"));
            List<String> yaml = ConfigurationUtils.convertConfigToWritableLines(Configuration.fromMap(settings), true);
            Files.write(conf.resolve("config.yaml"), yaml, StandardCharsets.UTF_8);
            Files.writeString(conf.resolve("log4j.properties"), LOG4J_PROPERTIES, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the Flink configuration into " + conf, e);
        }

        // Both sizings at once: each is a JVM start of a second or more.
        Process jmSizing = startResourceParams("GET_JM_RESOURCE_PARAMS", conf);
        Process tmSizing = startResourceParams("GET_TM_RESOURCE_PARAMS", conf);
        List<List<String>> jmParams;
        List<List<String>> tmParams;
        try {
            jmParams = resourceParams(jmSizing, "JobManager", conf);
            tmParams = resourceParams(tmSizing, "TaskManager", conf);
        } finally {
            jmSizing.destroyForcibly();
            tmSizing.destroyForcibly();
        }

        List<String> jmArgs = new ArrayList<>(jmParams.get(1));
        jmArgs.addAll(List.of("--configDir", conf.toString()));
        FlinkProcess jm = launch(
                home,
                javaOptions,
                FlinkChildEntrypoint.JOB_MANAGER,
                FlinkChildEntrypoint.JOB_MANAGER,
                jmParams.get(0),
                jmArgs);
        FlinkCluster cluster;
        try {
            cluster = new FlinkCluster(home, settings, javaOptions, jm, tmParams);
        } catch (Exception e) {
            jm.process().destroyForcibly();
            throw new IllegalStateException(
                    "could not create a REST client for the Flink cluster in " + home + ": " + e, e);
        }
        try {
            for (int i = 0; i < taskManagers; i++) {
                cluster.launchTaskManager();
            }
            cluster.awaitTaskManagers(cluster.taskManagerNames());
        } catch (RuntimeException e) {
            cluster.stopProcesses();
            cluster.client.close();
            throw e;
        }
        LOG.info(
                "Flink cluster up in {} ms: JobManager and {} TaskManagers of {} slots, web UI {}, logs in {}",
                Duration.ofNanos(System.nanoTime() - started).toMillis(),
                taskManagers,
                slotsPerTaskManager,
                cluster.restUrl,
                cluster.logDir);
        return cluster;
    }

    /** The REST API and web UI, {@code http://127.0.0.1:<port>}. */
    public String restUrl() {
        return restUrl;
    }

    /** Flink's own REST client of this cluster, for what the methods here do not cover. */
    public RestClusterClient<StandaloneClusterId> client() {
        return client;
    }

    /** Where {@code <process>.log} (Flink's log) and {@code <process>.out} (the JVM's output) are. */
    public Path logDir() {
        return logDir;
    }

    /**
     * Submits a job built by the caller, e.g. {@code env.getStreamGraph().getJobGraph()}. Its
     * classes must be on this JVM's class path, which the cluster shares.
     */
    public JobID submit(JobGraph graph) {
        JobID id = await(client.submitJob(graph), "submit job '" + graph.getName() + "'");
        LOG.info("submitted job '{}' as {}", graph.getName(), id);
        return id;
    }

    public JobStatus status(JobID job) {
        return await(client.getJobStatus(job), "read the status of job " + job);
    }

    /** Waits until the job and every one of its tasks is RUNNING; fails at once if the job ended. */
    public void awaitRunning(JobID job, Duration timeout) {
        poll(
                timeout,
                "every task of job " + job + " running",
                () -> {
                    JsonNode details = get("/jobs/" + job);
                    String state = details.path("state").asText();
                    failIfEnded(job, state);
                    boolean allRunning = "RUNNING".equals(state)
                            && StreamSupport.stream(details.path("vertices").spliterator(), false)
                                    .allMatch(vertex -> "RUNNING"
                                            .equals(vertex.path("status").asText()));
                    return allRunning ? Optional.of(true) : Optional.empty();
                },
                () -> describeTasks(job));
    }

    /** How often the job has restarted since it was submitted (Flink's {@code numRestarts} metric). */
    public int numRestarts(JobID job) {
        for (JsonNode metric : get("/jobs/" + job + "/metrics?get=numRestarts")) {
            if ("numRestarts".equals(metric.path("id").asText())) {
                return metric.path("value").asInt();
            }
        }
        return 0; // not reported yet: the job has just started
    }

    /** Waits until the job has restarted at least {@code atLeast} times; returns the count. */
    public int awaitRestarts(JobID job, int atLeast, Duration timeout) {
        return poll(
                timeout,
                atLeast + " restart(s) of job " + job,
                () -> {
                    int restarts = numRestarts(job);
                    return restarts >= atLeast ? Optional.of(restarts) : Optional.empty();
                },
                () -> "it is " + status(job) + " after " + numRestarts(job) + " restart(s)");
    }

    public Checkpoints checkpoints(JobID job) {
        JsonNode latest = get("/jobs/" + job + "/checkpoints").path("latest");
        return new Checkpoints(
                latest.path("completed").path("id").asLong(0),
                latest.path("restored").path("id").asLong(0));
    }

    /** Waits for a completed checkpoint with an id above {@code checkpointId}; returns its id. */
    public long awaitCheckpointAfter(JobID job, long checkpointId, Duration timeout) {
        return awaitCheckpoints(job, c -> c.latestCompleted() > checkpointId, timeout)
                .latestCompleted();
    }

    /**
     * Waits until the job's checkpoints satisfy {@code condition}, e.g. a completed checkpoint after
     * the one it restored from; fails at once if the job ended.
     */
    public Checkpoints awaitCheckpoints(JobID job, Predicate<Checkpoints> condition, Duration timeout) {
        return poll(
                timeout,
                "checkpoints of job " + job + " as awaited",
                () -> {
                    Checkpoints now = checkpoints(job);
                    if (condition.test(now)) {
                        return Optional.of(now);
                    }
                    failIfEnded(job, status(job).name());
                    return Optional.empty();
                },
                () -> "the job is " + status(job) + ", its checkpoints " + checkpoints(job));
    }

    /** Slots of a TaskManager that hold tasks now, as the JobManager sees it. */
    public int busySlots(int taskManager) {
        String name = taskManagerName(taskManager);
        for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
            if (name.equals(tm.path("id").asText())) {
                return tm.path("slotsNumber").asInt() - tm.path("freeSlots").asInt();
            }
        }
        throw new IllegalStateException(name + " is not registered with the JobManager");
    }

    /** {@code kill -9} of TaskManager {@code taskManager} (numbered from 0 in start order). */
    public void killTaskManager(int taskManager) {
        FlinkProcess tm = taskManagers.get(checkIndex(taskManager));
        if (!tm.process().isAlive()) {
            throw new IllegalStateException(
                    tm.name() + " is not running (exit code " + tm.process().exitValue() + ")");
        }
        tm.process().destroyForcibly();
        try {
            tm.process().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing " + tm.name(), e);
        }
        LOG.info("killed {} (pid {}) with SIGKILL", tm.name(), tm.process().pid());
    }

    /**
     * Starts one more TaskManager, as Kubernetes would replace a lost pod, and waits until it has
     * registered; returns its number for {@link #killTaskManager(int)}.
     */
    public int startTaskManager() {
        FlinkProcess tm = launchTaskManager();
        awaitTaskManagers(List.of(tm.name()));
        return taskManagers.size() - 1;
    }

    /**
     * Takes a savepoint into the configured savepoint directory and returns its path; with
     * {@code stop} the job then stops (FINISHED), as before an upgrade.
     */
    public String triggerSavepoint(JobID job, boolean stop) {
        CompletableFuture<String> savepoint = stop
                ? client.stopWithSavepoint(job, false, null, SavepointFormatType.CANONICAL)
                : client.triggerSavepoint(job, null, SavepointFormatType.CANONICAL);
        String path = await(savepoint, (stop ? "stop job " : "take a savepoint of job ") + job);
        LOG.info("savepoint of job {} at {}{}", job, path, stop ? ", job stopped" : "");
        return path;
    }

    /** Cancels the jobs still running, then stops the TaskManagers and the JobManager. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (jobManager.process().isAlive()) {
            try {
                cancelJobs();
            } catch (RuntimeException e) {
                LOG.warn("could not cancel the jobs of the Flink cluster in {}: {}", dir, e.toString());
            }
        }
        stopProcesses();
        client.close();
    }

    static Map<String, String> configFor(Path home, int slotsPerTaskManager, Map<String, String> extraConfig) {
        Map<String, String> c = new LinkedHashMap<>();
        // Loopback only: every listening socket and every advertised address.
        c.put("jobmanager.bind-host", "127.0.0.1");
        c.put("jobmanager.rpc.address", "127.0.0.1");
        c.put("jobmanager.rpc.port", String.valueOf(FreePort.onLoopback()));
        c.put("rest.bind-address", "127.0.0.1");
        c.put("rest.address", "127.0.0.1");
        c.put("rest.port", String.valueOf(FreePort.onLoopback()));
        c.put("blob.server.port", String.valueOf(FreePort.onLoopback()));
        c.put("taskmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.host", "127.0.0.1");
        c.put("taskmanager.numberOfTaskSlots", String.valueOf(slotsPerTaskManager));
        // Small enough for a 2-core, 24 GB machine that runs Kafka and influxd beside the cluster.
        c.put("jobmanager.memory.process.size", "1g");
        c.put("taskmanager.memory.process.size", "1536m");
        c.put("execution.checkpointing.dir", home.resolve("checkpoints").toUri().toString());
        c.put(
                "execution.checkpointing.savepoint-dir",
                home.resolve("savepoints").toUri().toString());
        c.put("io.tmp.dirs", home.resolve("tmp").toString());
        c.put("web.tmpdir", home.resolve("tmp").toString());
        // A job's slots spread over the TaskManagers, so that killing any one of them hits the job.
        c.put("taskmanager.load-balance.mode", "SLOTS");
        // A killed TaskManager is declared lost after two failed heartbeats: 2 s instead of 20 s.
        c.put("heartbeat.interval", "1s");
        // The REST API answers from caches this old (3 s and 10 s by default): job and task states,
        // checkpoint statistics, metrics such as numRestarts.
        c.put("web.refresh-interval", "1s");
        c.put("metrics.fetcher.update-interval", "1s");
        c.put("env.java.opts.all", JAVA_17_MODULE_OPTIONS);
        c.putAll(extraConfig);
        return c;
    }

    private FlinkProcess launchTaskManager() {
        String name = taskManagerName(taskManagers.size());
        List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
        args.addAll(taskManagerParams.get(1));
        // One config file for all TaskManagers: what differs per process comes as dynamic properties.
        args.addAll(List.of(
                "-D", "taskmanager.resource-id=" + name,
                "-D", "taskmanager.rpc.port=" + FreePort.onLoopback(),
                "-D", "taskmanager.data.port=" + FreePort.onLoopback()));
        FlinkProcess tm =
                launch(dir, javaOptions, name, FlinkChildEntrypoint.TASK_MANAGER, taskManagerParams.get(0), args);
        taskManagers.add(tm);
        return tm;
    }

    private static FlinkProcess launch(
            Path home,
            List<String> javaOptions,
            String name,
            String role,
            List<String> memoryOptions,
            List<String> flinkArgs) {
        Path log = home.resolve("log").resolve(name + ".log");
        Path out = home.resolve("log").resolve(name + ".out");
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(memoryOptions);
        command.addAll(javaOptions);
        command.add("-Dlog.file=" + log);
        command.add("-Dlog4j.configurationFile=" + home.resolve("conf").resolve("log4j.properties"));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FlinkChildEntrypoint.class.getName());
        command.add(role);
        command.addAll(flinkArgs);
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
                    .start();
            LOG.info("started Flink {} (pid {}), log {}", name, process.pid(), log);
            return new FlinkProcess(name, process, log, out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the Flink " + name + " in " + home, e);
        }
    }

    private static Process startResourceParams(String command, Path conf) {
        try {
            return new ProcessBuilder(
                            javaBinary(),
                            "-Xmx128m",
                            "-cp",
                            System.getProperty("java.class.path"),
                            BashJavaUtils.class.getName(),
                            command,
                            "--configDir",
                            conf.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run Flink's BashJavaUtils " + command, e);
        }
    }

    /** The JVM options (first) and the dynamic properties (second) that Flink computed from the memory settings. */
    private static List<List<String>> resourceParams(Process sizing, String role, Path conf) {
        try {
            String output = new String(sizing.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = sizing.waitFor();
            List<List<String>> results = output.lines()
                    .filter(line -> line.startsWith(BASH_JAVA_UTILS_RESULT))
                    .map(line -> splitOnSpaces(line.substring(BASH_JAVA_UTILS_RESULT.length())))
                    .toList();
            if (exit != 0 || results.size() != 2) {
                throw new IllegalStateException("Flink could not size the " + role + " from the memory settings in "
                        + conf.resolve("config.yaml") + ": " + problemIn(output));
            }
            return results;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read Flink's BashJavaUtils output", e);
        } catch (InterruptedException e) {
            sizing.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sizing the Flink " + role, e);
        }
    }

    // Flink's own sentence, without the "Exception in thread "main" ...ConfigurationException: " before it.
    private static String problemIn(String output) {
        return output.lines()
                .filter(line -> line.contains("Exception: "))
                .map(line -> line.substring(line.indexOf("Exception: ") + "Exception: ".length()))
                .findFirst()
                .orElse(output.strip());
    }

    private void awaitTaskManagers(List<String> names) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            failIfAnyExited(names);
            Optional<Set<String>> registered = registeredTaskManagers();
            if (registered.isPresent() && registered.get().containsAll(names)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Flink cluster in " + dir + " did not register " + names
                        + " within " + READY_TIMEOUT + " (registered: " + registered.orElse(Set.of()) + "); see "
                        + jobManager.log() + " and the TaskManager logs in " + logDir);
            }
            sleep(POLL);
        }
    }

    /** The TaskManagers the JobManager lists; empty while its REST API does not answer yet. */
    private Optional<Set<String>> registeredTaskManagers() {
        try {
            HttpResponse<String> response = http.send(request("/taskmanagers"), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty(); // the REST endpoint is up, the leader election not yet done
            }
            return Optional.of(StreamSupport.stream(
                            json.readTree(response.body()).path("taskmanagers").spliterator(), false)
                    .map(tm -> tm.path("id").asText())
                    .collect(Collectors.toSet()));
        } catch (IOException notListeningYet) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Flink cluster in " + dir, e);
        }
    }

    private void failIfAnyExited(List<String> taskManagerNames) {
        List<FlinkProcess> watched = new ArrayList<>(List.of(jobManager));
        taskManagers.stream().filter(tm -> taskManagerNames.contains(tm.name())).forEach(watched::add);
        for (FlinkProcess p : watched) {
            if (!p.process().isAlive()) {
                throw new IllegalStateException("the Flink " + p.name() + " exited with code "
                        + p.process().exitValue() + " before the cluster came up; see " + p.log() + " (and " + p.out()
                        + "): " + tail(p));
            }
        }
    }

    private void failIfEnded(JobID job, String state) {
        if (Set.of("FAILED", "CANCELED", "FINISHED").contains(state)) {
            throw new IllegalStateException(
                    "job " + job + " is " + state + firstFailure(job) + "; see " + jobManager.log());
        }
    }

    private String describeTasks(JobID job) {
        JsonNode details = get("/jobs/" + job);
        return "the job is " + details.path("state").asText() + ", its tasks "
                + StreamSupport.stream(details.path("vertices").spliterator(), false)
                        .map(vertex -> vertex.path("name").asText() + " " + vertex.path("tasks"))
                        .collect(Collectors.joining(", "));
    }

    private String firstFailure(JobID job) {
        try {
            JsonNode entries =
                    get("/jobs/" + job + "/exceptions").path("exceptionHistory").path("entries");
            if (entries.isEmpty()) {
                return "";
            }
            return ": "
                    + entries.get(0)
                            .path("stacktrace")
                            .asText()
                            .lines()
                            .findFirst()
                            .orElse("");
        } catch (RuntimeException e) {
            return "";
        }
    }

    private void cancelJobs() {
        for (JobStatusMessage job : await(client.listJobs(), "list the jobs")) {
            if (!job.getJobState().isGloballyTerminalState()) {
                await(client.cancel(job.getJobId()), "cancel job " + job.getJobId());
            }
        }
    }

    // TaskManagers first, all at once, so that the JobManager is there while they deregister.
    private void stopProcesses() {
        List<FlinkProcess> tms = List.copyOf(taskManagers);
        tms.forEach(FlinkCluster::askToStop);
        tms.forEach(FlinkCluster::awaitStop);
        askToStop(jobManager);
        awaitStop(jobManager);
    }

    // FlinkChildEntrypoint exits through Flink's shutdown hooks when its stdin closes.
    private static void askToStop(FlinkProcess p) {
        try {
            p.process().getOutputStream().close();
        } catch (IOException alreadyGone) {
            // the process has exited
        }
    }

    private static void awaitStop(FlinkProcess p) {
        try {
            if (!p.process().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("Flink {} did not stop within {}: killing it", p.name(), STOP_TIMEOUT);
                p.process().destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            p.process().destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "GET " + restUrl + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "GET " + restUrl + path + " failed; is the JobManager up? see " + jobManager.log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + path, e);
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(restUrl + path))
                .timeout(Duration.ofSeconds(10))
                .GET()
                .build();
    }

    private <T> T poll(Duration timeout, String what, Supplier<Optional<T>> probe, Supplier<String> lastSeen) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> result = probe.get();
            if (result.isPresent()) {
                return result.get();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "no " + what + " within " + timeout + " (" + lastSeen.get() + "); see " + jobManager.log());
            }
            sleep(POLL);
        }
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(
                    "could not " + what + ": " + e.getCause() + "; see " + jobManager.log(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(
                    "could not " + what + " within " + REQUEST_TIMEOUT + "; see " + jobManager.log(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while trying to " + what, e);
        }
    }

    private List<String> taskManagerNames() {
        return taskManagers.stream().map(FlinkProcess::name).toList();
    }

    private int checkIndex(int taskManager) {
        if (taskManager < 0 || taskManager >= taskManagers.size()) {
            throw new IllegalArgumentException("no TaskManager " + taskManager + ": this cluster started "
                    + taskManagers.size() + " (numbered from 0)");
        }
        return taskManager;
    }

    private static String taskManagerName(int index) {
        return "taskmanager-" + index;
    }

    private static String tail(FlinkProcess p) {
        for (Path file : List.of(p.out(), p.log())) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (!lines.isEmpty()) {
                    return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
                }
            } catch (IOException e) {
                // try the next file
            }
        }
        return "(both are empty)";
    }

    private static List<String> splitOnSpaces(String options) {
        String trimmed = options.strip();
        return trimmed.isEmpty() ? List.of() : List.of(trimmed.split("\\s+"));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the Flink cluster", e);
        }
    }
}
