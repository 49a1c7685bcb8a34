package org.paywatch.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import org.paywatch.config.JobConfig;
import org.paywatch.domain.AlertEvent;
import org.paywatch.domain.Progress;
import org.paywatch.domain.Received;
import org.paywatch.domain.Rejection;
import org.paywatch.io.ContractJson;
import org.paywatch.io.ContractMapping;
import org.paywatch.io.FeedDecoder;
import org.paywatch.io.LineFileSink;
import org.paywatch.io.ReplayFolder;
import org.paywatch.io.influx.InfluxPoint;

/**
 * A replay: the live topology, bounded, over a replay folder, with time ending at the as-of instant.
 * It runs at parallelism 1 and moves the watermark before every record, so timers and records
 * interleave the same way every time: the same input gives byte-identical alerts.
 */
public final class Replay {
    private Replay() {}

    /** Counters of a finished replay; in = applied + duplicates + deadLettered. */
    public record Summary(long in, long applied, long deadLettered, long duplicates, long afterAsOf) {}

    public static Summary run(
            StreamExecutionEnvironment env, Path input, long asOf, Path out, JobConfig config, byte[] pseudonymKey)
            throws Exception {
        return run(env, input, asOf, out, config, pseudonymKey, null, Progress.NONE);
    }

    /** As above, also writing the dashboards' InfluxDB points to {@code influx} when it is not null. */
    public static Summary run(
            StreamExecutionEnvironment env,
            Path input,
            long asOf,
            Path out,
            JobConfig config,
            byte[] pseudonymKey,
            Sink<InfluxPoint> influx)
            throws Exception {
        return run(env, input, asOf, out, config, pseudonymKey, influx, Progress.NONE);
    }

    /**
     * As above, telling {@code progress} how far sorting the folder ("sorting") and running the job ("replaying")
     * have come. The folder is sorted into runs in a folder beside {@code out}, deleted when the replay ends.
     */
    public static Summary run(
            StreamExecutionEnvironment env,
            Path input,
            long asOf,
            Path out,
            JobConfig config,
            byte[] pseudonymKey,
            Sink<InfluxPoint> influx,
            Progress progress)
            throws Exception {
        ReplayFolder.check(input); // not a replay folder: its sentence, before a cluster starts
        Path work = Files.createTempDirectory(out.toAbsolutePath().getParent(), out.getFileName() + ".sorting-");
        ExecutorService sorter = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "replay: sort the folder");
            t.setDaemon(true);
            return t;
        });
        try {
            FeedDecoder decoder = FeedDecoder.configured(config);
            ReplayFolder.TimeCheck clock = ReplayFolder.TimeCheck.of(asOf);
            // Sorting the folder and starting the job take seconds each: they overlap, the job's reader waiting for
            // the sorted runs (docs/performance.md, "Replay").
            Future<ReplayFolder.Sorted> sorting = sorter.submit(() -> ReplayFolder.sortOnDisk(
                    input,
                    asOf,
                    decoder,
                    clock,
                    work,
                    runBytes(Runtime.getRuntime().maxMemory()),
                    progress));
            env.setParallelism(1);
            Path rejectedFile = Path.of(out + ".rejected");
            DataStream<Received> received = env.fromSource(
                            ReplayFolder.Sorted.toCome(work, decoder, clock),
                            WatermarkStrategy.noWatermarks(),
                            "replay folder",
                            TypeInformation.of(Received.class))
                    .assignTimestampsAndWatermarks(
                            WatermarkStrategy.<Received>forGenerator(c -> new BeforeEveryRecord())
                                    .withTimestampAssigner((r, ts) -> r.timestamp))
                    .uid("replay-records")
                    .name("replay: " + input.getFileName());
            JobSinks sinks = new JobSinks(
                    new LineFileSink<AlertEvent>(
                            out,
                            e -> ContractJson.write(ContractMapping.alert(e)),
                            (a, b) -> a.eventTime != b.eventTime
                                    ? Long.compare(a.eventTime, b.eventTime)
                                    : a.projectId.compareTo(b.projectId)),
                    new LineFileSink<Rejection>(
                            rejectedFile,
                            r -> r.origin.topic + ":" + r.origin.offset + ": " + r.reason,
                            (a, b) -> a.origin.topic.equals(b.origin.topic)
                                    ? Long.compare(a.origin.offset, b.origin.offset)
                                    : a.origin.topic.compareTo(b.origin.topic)),
                    influx);
            RiskMonitorJob.build(received, sinks, config, pseudonymKey, asOf);
            JobClient job;
            try {
                job = env.executeAsync("paywatch replay " + input.getFileName());
            } catch (Exception | Error e) {
                sorting.cancel(true);
                throw e;
            }
            ReplayFolder.Sorted sorted = sorted(sorting, work, job);
            JobExecutionResult result = awaitResult(job, sorted.records(), progress);
            return new Summary(
                    count(result, Outcome.IN),
                    count(result, Outcome.APPLIED),
                    count(result, Outcome.DEAD_LETTERED),
                    count(result, Outcome.DUPLICATE),
                    sorted.afterAsOf());
        } finally {
            sorter.shutdownNow();
            awaitQuietly(sorter);
            deleteTree(work);
        }
    }

    /** The sort's result, announced to the job's reader; if the sort failed, the job is cancelled and why is thrown. */
    private static ReplayFolder.Sorted sorted(Future<ReplayFolder.Sorted> sorting, Path work, JobClient job)
            throws Exception {
        try {
            ReplayFolder.Sorted sorted = sorting.get();
            sorted.announce(work);
            return sorted;
        } catch (ExecutionException e) {
            Throwable why = e.getCause();
            try {
                ReplayFolder.Sorted.failed(work, why.getMessage());
            } catch (IOException markerNotWritten) {
                // a full disk fails the sort and this too: the cancel below still stops the waiting reader
                why.addSuppressed(markerNotWritten);
            }
            try {
                job.cancel().get(30, TimeUnit.SECONDS);
            } catch (Exception alreadyOver) {
                // it failed on its own, from the same cause
            }
            ExceptionUtils.rethrowException(why);
            throw e; // not reached
        }
    }

    private static void awaitQuietly(ExecutorService sorter) {
        try {
            sorter.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Heap given to one sorted run: a sixteenth of the heap, between 4 and 64 MB, which leaves the rest to
     * the job. Larger runs save little: the merge reads every run once however many there are.
     */
    static long runBytes(long maxHeap) {
        return Math.max(4L << 20, Math.min(64L << 20, maxHeap / 16));
    }

    /** Waits for the job's end as {@code env.execute} does, reporting the records it has taken in meanwhile. */
    private static JobExecutionResult awaitResult(JobClient job, long records, Progress progress) throws Exception {
        CompletableFuture<JobExecutionResult> result = job.getJobExecutionResult();
        try {
            while (!result.isDone()) {
                try {
                    result.get(500, TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillRunning) {
                    showRecordsIn(job, records, progress);
                }
            }
            JobExecutionResult done = result.get();
            progress.advanced("replaying", count(done, Outcome.IN), 1);
            return done;
        } catch (ExecutionException e) {
            ExceptionUtils.rethrowException(ExceptionUtils.stripExecutionException(e));
            throw e; // not reached
        }
    }

    private static void showRecordsIn(JobClient job, long records, Progress progress) throws InterruptedException {
        Object in;
        try {
            in = job.getAccumulators().get(5, TimeUnit.SECONDS).get(Outcome.IN.counterName);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception notNow) {
            // the job may have ended since (its cluster gone) or be slow to answer: the result or the next round tells
            return;
        }
        if (in instanceof Long n) {
            // all records in is not the end: the last deadlines up to the as-of instant are still to fire
            progress.advanced("replaying", n, records == 0 ? 0.999 : Math.min(0.999, (double) n / records));
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static long count(JobExecutionResult result, Outcome outcome) {
        Long n = result.getAccumulatorResult(outcome.counterName);
        return n == null ? 0 : n;
    }

    /**
     * Moves the watermark to just before each record: every deadline up to it fires first. Package-visible for
     * SavepointCompatibilityTest, which replays through a source it can stop with a savepoint.
     */
    static final class BeforeEveryRecord implements WatermarkGenerator<Received> {
        private long emitted = Long.MIN_VALUE;

        @Override
        public void onEvent(Received r, long timestamp, WatermarkOutput output) {
            if (timestamp > Long.MIN_VALUE && timestamp - 1 > emitted) {
                emitted = timestamp - 1;
                output.emitWatermark(new Watermark(emitted));
            }
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            // all watermarks are emitted per record
        }
    }
}
