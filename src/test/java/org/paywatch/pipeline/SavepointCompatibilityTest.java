package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.domain.AlertEvent;
import org.paywatch.domain.Received;
import org.paywatch.domain.Rejection;
import org.paywatch.io.ContractJson;
import org.paywatch.io.ContractMapping;
import org.paywatch.io.FeedDecoder;
import org.paywatch.io.ReplayFolder;
import org.paywatch.local.LocalFlink;
import org.paywatch.testing.KafkaClient;

/**
 * This release's state survives a savepoint: the real topology replays the first half of replay-basic, is stopped
 * with a savepoint, and a fresh job restored from it replays the rest. Together the two give exactly the alerts of
 * an uninterrupted replay: the txnId memory, the registry waits, the books, the open alerts and the timers all
 * came across. A state-layout change that breaks this needs its migration or a new uid (CHANGELOG.md).
 */
class SavepointCompatibilityTest {
    private static final Path SAMPLE = Path.of("../shared/samples/replay-basic");
    private static final byte[] KEY = "savepoint-test-pseudonym-key".getBytes(StandardCharsets.UTF_8);

    /** The records of the sample, and the alerts the running job wrote: shared with the MiniCluster in this JVM. */
    private static volatile List<Received> records;

    private static final Queue<String> written = new ConcurrentLinkedQueue<>();
    /** How many records the source has handed out, so that the savepoint is taken after exactly the first part. */
    private static final AtomicLong handedOut = new AtomicLong();

    @TempDir
    static Path dir;

    static JobConfig config;
    static long asOf;
    static int cut;
    static List<String> beforeTheSavepoint;
    static List<String> afterTheRestore;
    static List<String> uninterrupted;

    @BeforeAll
    static void replayUninterruptedAndAcrossASavepoint() throws Exception {
        config = JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"));
        asOf = OffsetDateTime.parse("2025-06-20T12:00:00+08:00").toInstant().toEpochMilli();
        records = ReplayFolder.read(SAMPLE.resolve("input"), asOf, FeedDecoder.configured(config))
                .records();

        Replay.run(
                LocalFlink.environment(),
                SAMPLE.resolve("input"),
                asOf,
                dir.resolve("uninterrupted.jsonl"),
                config,
                KEY);
        uninterrupted = Files.readAllLines(dir.resolve("uninterrupted.jsonl"));
        cut = firstRecordAfter(uninterrupted.get(uninterrupted.size() / 2));

        // The first part: the source lets `cut` records through, then waits for a checkpoint; the savepoint is it.
        JobClient first = build(LocalFlink.environment(), RateLimiterStrategy.perCheckpoint(cut))
                .executeAsync("before the savepoint");
        KafkaClient.await("the first " + cut + " records to be handed out", () -> handedOut.get() == cut);
        String savepoint = stopWithSavepoint(first);
        beforeTheSavepoint = drain();

        Configuration restore = LocalFlink.loopback();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        build(LocalFlink.environment(restore), RateLimiterStrategy.noOp()).execute("after the restore");
        afterTheRestore = drain();
    }

    @Test
    void shouldContinueFromTheSavepointToTheAlertsOfAnUninterruptedReplay() {
        List<String> acrossTheSavepoint = new ArrayList<>(beforeTheSavepoint);
        acrossTheSavepoint.addAll(afterTheRestore);

        assertThat(acrossTheSavepoint).containsExactlyInAnyOrderElementsOf(uninterrupted);
    }

    @Test
    void shouldHaveCutTheReplayWhereBothJobsHaveAlertsToWrite() {
        assertThat(uninterrupted).isNotEmpty();
        assertThat(beforeTheSavepoint).as("alerts before the savepoint").isNotEmpty();
        assertThat(afterTheRestore).as("alerts after the restore").isNotEmpty();
    }

    /** The index of the first record after the alert's time (the file is in time order): half the alerts lie before. */
    private static int firstRecordAfter(String alertLine) throws Exception {
        long at = OffsetDateTime.parse(
                        new ObjectMapper().readTree(alertLine).get("eventTime").asText())
                .toInstant()
                .toEpochMilli();
        int i = 0;
        while (i < records.size() && records.get(i).timestamp <= at) {
            i++;
        }
        return i;
    }

    /** The replay's topology over a source that can stop at a savepoint; the source's uid is the replay's. */
    private static StreamExecutionEnvironment build(StreamExecutionEnvironment env, RateLimiterStrategy pace) {
        env.setParallelism(1);
        GeneratorFunction<Long, Received> record = index -> {
            handedOut.accumulateAndGet(index + 1, Math::max);
            return records.get(index.intValue());
        };
        DataGeneratorSource<Received> source =
                new DataGeneratorSource<>(record, records.size(), pace, TypeInformation.of(Received.class));
        var received = env.fromSource(
                        source,
                        WatermarkStrategy.<Received>forGenerator(c -> new Replay.BeforeEveryRecord())
                                .withTimestampAssigner((r, ts) -> r.timestamp),
                        "replay-basic")
                .uid("replay-records");
        RiskMonitorJob.build(
                received, new JobSinks(new Collected<>(), new Collected<Rejection>(), null), config, KEY, asOf);
        return env;
    }

    private static String stopWithSavepoint(JobClient job) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                // Retried until every task runs: a savepoint cannot be triggered before.
                return job.stopWithSavepoint(
                                false, dir.resolve("savepoints").toUri().toString(), SavepointFormatType.CANONICAL)
                        .get(60, TimeUnit.SECONDS);
            } catch (Exception notYet) {
                if (System.nanoTime() > deadline
                        || job.getJobStatus().get() != JobStatus.RUNNING
                                && job.getJobStatus().get() != JobStatus.CREATED
                                && job.getJobStatus().get() != JobStatus.INITIALIZING) {
                    throw notYet;
                }
                Thread.sleep(Duration.ofMillis(200).toMillis());
            }
        }
    }

    private static List<String> drain() {
        List<String> lines = new ArrayList<>();
        for (String line; (line = written.poll()) != null; ) {
            lines.add(line);
        }
        return lines;
    }

    /** Alerts as the replay writes them, in the order the job wrote them; dead letters are dropped. */
    private static final class Collected<T> implements Sink<T> {
        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context ctx) {
                    if (element instanceof AlertEvent alert) {
                        written.add(ContractJson.write(ContractMapping.alert(alert)));
                    }
                }

                @Override
                public void flush(boolean endOfInput) {}

                @Override
                public void close() {}
            };
        }
    }
}
