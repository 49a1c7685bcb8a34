package org.paywatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.runtime.jobgraph.JobGraph;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.util.Collector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

class FlinkClusterTest {

    // A failed drill keeps the processes' logs for the reader of the failure message.
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void shouldRestoreTheJobFromItsCheckpointWhenATaskManagerIsKilled() {
        long starting = System.nanoTime();
        try (FlinkCluster cluster = FlinkCluster.start(dir, 2, 2, Map.of())) {
            System.out.printf(
                    "FlinkClusterTest: JobManager + 2 TaskManagers up in %d ms at %s%n",
                    Duration.ofNanos(System.nanoTime() - starting).toMillis(), cluster.restUrl());

            JobID job = cluster.submit(countingJob());
            cluster.awaitRunning(job, Duration.ofSeconds(30));
            long beforeKill = cluster.awaitCheckpointAfter(job, 0, Duration.ofSeconds(30));
            assertThat(cluster.busySlots(0))
                    .as("slots of taskmanager-0 running the job")
                    .isPositive();

            long killed = System.nanoTime();
            cluster.killTaskManager(0);

            int restarts = cluster.awaitRestarts(job, 1, Duration.ofSeconds(30));
            cluster.awaitRunning(job, Duration.ofSeconds(30));
            FlinkCluster.Checkpoints recovered = cluster.awaitCheckpoints(
                    job,
                    c -> c.latestRestored() > 0 && c.latestCompleted() > c.latestRestored(),
                    Duration.ofSeconds(30));
            System.out.printf(
                    "FlinkClusterTest: %d restart(s); restored checkpoint %d, completed %d,"
                            + " %d ms after the kill%n",
                    restarts,
                    recovered.latestRestored(),
                    recovered.latestCompleted(),
                    Duration.ofNanos(System.nanoTime() - killed).toMillis());

            assertThat(cluster.status(job)).isEqualTo(JobStatus.RUNNING);
            assertThat(cluster.numRestarts(job)).isGreaterThanOrEqualTo(1);
            assertThat(recovered.latestRestored())
                    .as("checkpoint the job restored from")
                    .isGreaterThanOrEqualTo(beforeKill);

            int replacement = cluster.startTaskManager();
            assertThat(replacement).isEqualTo(2);
            assertThat(cluster.busySlots(replacement))
                    .as("slots of the replacement, registered and idle")
                    .isZero();
        }
    }

    @Test
    void shouldNameTheJobManagerLogWhenTheJobManagerCannotStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> restPortInUse = Map.of("rest.port", String.valueOf(taken.getLocalPort()));

            assertThatThrownBy(() -> FlinkCluster.start(dir, 0, 1, restPortInUse))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("the Flink jobmanager exited")
                    .hasMessageContaining(
                            dir.resolve("log").resolve("jobmanager.log").toString());
        }
        assertThat(flinkProcessesOf(ProcessHandle.current()))
                .as("Flink JVMs left running")
                .isEmpty();
    }

    @Test
    void shouldSayWhichMemorySettingsDoNotAddUp() {
        Map<String, String> tooSmall = Map.of("taskmanager.memory.process.size", "64m");

        assertThatThrownBy(() -> FlinkCluster.start(dir, 1, 1, tooSmall))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("Flink could not size the TaskManager from the memory settings in "
                        + dir.resolve("conf").resolve("config.yaml") + ": TaskManager memory configuration failed: "
                        + "Sum of configured JVM Metaspace");
    }

    @Test
    void shouldStopTheClusterWhenTheJvmThatStartedItIsKilled() throws Exception {
        Process jvm = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        RunUntilKilled.class.getName(),
                        dir.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.lines().filter(line -> line.startsWith("up at ")).findFirst())
                    .isPresent();
            List<ProcessHandle> flink = flinkProcessesOf(jvm.toHandle());
            assertThat(flink).as("the JobManager's JVM").hasSize(1);

            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs

            assertThat(flink.get(0).onExit().get(30, TimeUnit.SECONDS).isAlive())
                    .isFalse();
        } finally {
            jvm.destroyForcibly();
        }
    }

    /** Main of the child JVM in {@link #shouldStopTheClusterWhenTheJvmThatStartedItIsKilled}. */
    static final class RunUntilKilled {
        public static void main(String[] args) throws InterruptedException {
            FlinkCluster cluster = FlinkCluster.start(Path.of(args[0]), 0, 1, Map.of());
            System.out.println("up at " + cluster.restUrl());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static List<ProcessHandle> flinkProcessesOf(ProcessHandle parent) {
        return parent.children()
                .filter(child -> commandLine(child).contains(" " + FlinkChildEntrypoint.class.getName() + " "))
                .toList();
    }

    // ProcessHandle.Info leaves out the arguments of a command line as long as this class path.
    private static String commandLine(ProcessHandle process) {
        try {
            byte[] cmdline = Files.readAllBytes(Path.of("/proc", String.valueOf(process.pid()), "cmdline"));
            return new String(cmdline, StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException exitedMeanwhile) {
            return "";
        }
    }

    /** Counts per key from an endless generator, checkpointed every second: a job with state to lose. */
    private static JobGraph countingJob() {
        Configuration config = new Configuration();
        config.setString("execution.checkpointing.interval", "1s");
        config.setString("restart-strategy.type", "fixed-delay");
        config.setString("restart-strategy.fixed-delay.attempts", "20");
        config.setString("restart-strategy.fixed-delay.delay", "1s");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(config);
        env.setParallelism(2);
        DataGeneratorSource<Long> numbers =
                new DataGeneratorSource<>(n -> n, Long.MAX_VALUE, RateLimiterStrategy.perSecond(200), Types.LONG);
        env.fromSource(numbers, WatermarkStrategy.noWatermarks(), "numbers")
                .keyBy(n -> n % 16)
                .process(new CountPerKey())
                .sinkTo(new DiscardingSink<>());
        return env.getStreamGraph().getJobGraph();
    }

    static final class CountPerKey extends KeyedProcessFunction<Long, Long, Long> {
        private transient ValueState<Long> count;

        @Override
        public void open(OpenContext context) {
            count = getRuntimeContext().getState(new ValueStateDescriptor<>("count", Types.LONG));
        }

        @Override
        public void processElement(Long n, Context context, Collector<Long> out) throws Exception {
            long next = count.value() == null ? 1 : count.value() + 1;
            count.update(next);
            out.collect(next);
        }
    }
}
