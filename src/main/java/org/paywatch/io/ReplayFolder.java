package org.paywatch.io;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.flink.api.connector.source.Source;
import org.paywatch.config.TextFileLines;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.domain.Feed;
import org.paywatch.domain.Progress;
import org.paywatch.domain.Received;

/**
 * A replay folder (CONTRACTS.md "Replay folder"): whichever of the six JSON-lines files exist. Each
 * line goes the way a Kafka record goes — to Avro bytes, then through the same decoder — so a replay
 * tests the live path. Records are put in business-time order (registry first at equal times, then
 * file line order), which makes the replay deterministic. Records after the as-of instant have not
 * happened yet at that instant and are left out, unless their time cannot be true: more than the
 * job file's clock skew ahead of both the as-of instant and the wall clock (a folder is recorded
 * in the past, but a replay may end later than now). Such a record is dead-lettered; either way it
 * never reaches the alerts, which stay byte-identical.
 *
 * <p>A folder of any size is sorted on disk ({@link #sortOnDisk}) and streamed into the job; {@link #read}
 * holds it in memory, for small folders and tests. Both give the same records in the same order.
 */
public final class ReplayFolder {
    /** Lines between two reports to a {@link Progress}. */
    private static final int REPORT_EVERY = 8192;

    private ReplayFolder() {}

    /** What was read: the records in replay order, and how many lines lay after the as-of instant. */
    public record Contents(List<Received> records, long afterAsOf) {}

    /**
     * A folder sorted into runs on disk: {@link #source()} streams its records in replay order into a job.
     * The runs live in the work folder given to {@link #sortOnDisk}, which the caller deletes after the job.
     */
    public record Sorted(List<Path> runs, long records, long afterAsOf, FeedDecoder decoder, TimeCheck clock) {
        private static final String RUNS = "runs.announced";
        private static final String FAILED = "sort.failed";

        public Source<Received, ?, ?> source() {
            return new ReplayFolderSource(runs, records, decoder, clock);
        }

        /**
         * The records that a sort into {@code workDir} with {@code decoder} and {@code clock} will give, as a source
         * a job can start with before the sort ends: its reader waits for {@link #announce} or {@link #failed}.
         */
        public static Source<Received, ?, ?> toCome(Path workDir, FeedDecoder decoder, TimeCheck clock) {
            return ReplayFolderSource.toCome(workDir, decoder, clock);
        }

        /** Tells a source {@link #toCome} in {@code workDir} where the runs are. */
        public void announce(Path workDir) throws IOException {
            List<String> lines = new ArrayList<>();
            runs.forEach(r -> lines.add(r.toAbsolutePath().toString()));
            write(workDir, RUNS, String.join("\n", lines));
        }

        /** Tells a source {@link #toCome} in {@code workDir} that no runs will come, and why. */
        public static void failed(Path workDir, String why) throws IOException {
            write(workDir, FAILED, why == null ? "the sort failed" : why);
        }

        private static void write(Path workDir, String name, String text) throws IOException {
            Path tmp = workDir.resolve(name + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, workDir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
        }

        /** The runs announced in {@code workDir}, waiting for them (the reader of a job started before the sort ended). */
        static List<String> awaitRuns(Path workDir) {
            try {
                while (true) {
                    if (Files.exists(workDir.resolve(RUNS))) {
                        String text = Files.readString(workDir.resolve(RUNS), StandardCharsets.UTF_8);
                        return text.isEmpty() ? List.of() : List.of(text.split("\n"));
                    }
                    if (Files.exists(workDir.resolve(FAILED))) {
                        throw new IllegalStateException("the replay folder was not sorted: "
                                + Files.readString(workDir.resolve(FAILED), StandardCharsets.UTF_8));
                    }
                    Thread.sleep(10);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the sorted runs' list in " + workDir, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("cancelled while waiting for the replay folder's sort", e);
            }
        }
    }

    /**
     * The folder's records in replay order, in memory.
     *
     * @param decoder the job's decoder: the record limits of its job file, with the time check against {@code asOf}
     */
    public static Contents read(Path dir, long asOf, FeedDecoder decoder) {
        List<Decoded> decoded = new ArrayList<>();
        long after = scan(
                dir, asOf, decoder, TimeCheck.of(asOf), (line, r) -> decoded.add(new Decoded(line, r)), Progress.NONE);
        decoded.sort((a, b) -> ReplayLine.ORDER.compare(a.line, b.line));
        List<Received> records = new ArrayList<>(decoded.size());
        decoded.forEach(d -> records.add(d.received));
        return new Contents(records, after);
    }

    /**
     * The folder's records sorted on disk in {@code workDir}, holding at most about {@code runBytes} of lines
     * in memory at a time; the same records in the same order as {@link #read}.
     */
    public static Sorted sortOnDisk(
            Path dir, long asOf, FeedDecoder decoder, Path workDir, long runBytes, Progress progress) {
        return sortOnDisk(dir, asOf, decoder, TimeCheck.of(asOf), workDir, runBytes, progress);
    }

    /** As above, checking times against {@code clock} (taken before, for a source {@link Sorted#toCome}). */
    public static Sorted sortOnDisk(
            Path dir, long asOf, FeedDecoder decoder, TimeCheck clock, Path workDir, long runBytes, Progress progress) {
        SortedRuns runs = new SortedRuns(workDir, runBytes);
        long[] records = {0};
        try {
            long after = scan(
                    dir,
                    asOf,
                    decoder,
                    clock,
                    (line, r) -> {
                        try {
                            runs.add(line);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        records[0]++;
                    },
                    progress);
            return new Sorted(runs.finish(), records[0], after, decoder, clock);
        } catch (IOException | UncheckedIOException e) {
            throw new ConfigurationProblem("cannot write the sorted runs of the replay to " + workDir + " ("
                    + e.getMessage() + "): free some disk space there or replay to an --out on another disk");
        }
    }

    private record Decoded(ReplayLine line, Received received) {}

    /** Whoever takes the lines to replay, each with the record it decodes to. */
    private interface LineSink {
        void accept(ReplayLine line, Received received);
    }

    /** Decodes every line of the folder; the lines up to the as-of instant go to {@code sink}; returns those after. */
    private static long scan(
            Path dir, long asOf, FeedDecoder decoder, TimeCheck clock, LineSink sink, Progress progress) {
        List<Feed> present = check(dir);
        long totalBytes = 0;
        for (Feed feed : present) {
            totalBytes += sizeOf(dir.resolve(feed.replayFile));
        }
        long after = 0;
        long lines = 0;
        long bytesRead = 0;
        for (Feed feed : present) {
            Path file = dir.resolve(feed.replayFile);
            // one codec per feed: building one reads and parses the schema history
            AvroCodec<?> codec = AvroCodec.of(FeedDecoder.contractClass(feed));
            Schema schema = codec.schema();
            try (TextFileLines in = TextFileLines.open(file)) {
                for (TextFileLines.Line line = in.next(); line != null; line = in.next()) {
                    bytesRead += line.bytes().length + 1;
                    if (++lines % REPORT_EVERY == 0) {
                        progress.advanced(
                                "sorting",
                                lines,
                                totalBytes == 0 ? -1 : Math.min(1.0, (double) bytesRead / totalBytes));
                    }
                    if (line.isText() && line.text().isBlank()) {
                        continue;
                    }
                    ReplayLine replayLine = replayLine(feed, codec, schema, line);
                    Received r = replayLine.received(decoder, clock.now, clock.name);
                    if (r.event != null && r.timestamp > asOf) {
                        after++;
                        continue;
                    }
                    replayLine.timestamp = r.timestamp;
                    sink.accept(replayLine, r);
                }
            } catch (IOException e) {
                throw new ConfigurationProblem("cannot read " + file + ": " + e.getMessage());
            }
        }
        progress.advanced("sorting", lines, 1);
        return after;
    }

    /** The feeds whose files the folder holds; a sentence saying what is wrong if it is not a replay folder. */
    public static List<Feed> check(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationProblem(
                    "the input folder " + dir + " does not exist: pass --input with a folder holding "
                            + "projects.jsonl, workers.jsonl, progress.jsonl, bank.jsonl, clockins.jsonl or tax.jsonl");
        }
        List<Feed> present = new ArrayList<>();
        for (Feed feed : Feed.values()) {
            if (Files.exists(dir.resolve(feed.replayFile))) {
                present.add(feed);
            }
        }
        if (present.isEmpty()) {
            throw new ConfigurationProblem("the input folder " + dir + " holds none of projects.jsonl, workers.jsonl, "
                    + "progress.jsonl, bank.jsonl, clockins.jsonl, tax.jsonl: point --input at a replay folder");
        }
        return present;
    }

    /** The line as a Kafka record of its feed would carry it, or why it cannot be one. */
    private static ReplayLine replayLine(Feed feed, AvroCodec<?> codec, Schema schema, TextFileLines.Line line) {
        try {
            if (!line.isText()) {
                throw new ContractViolation("line " + line.problem());
            }
            byte[] avro = codec.encodeGeneric(ContractJson.read(schema, line.text()));
            return new ReplayLine(feed, line.number(), line.bytes(), avro, null);
        } catch (ContractViolation e) {
            return new ReplayLine(feed, line.number(), line.bytes(), null, e.getMessage());
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0; // only the progress shown suffers; reading it says what is wrong
        }
    }

    /** What the time check measures "ahead" from: the later of --as-of and the wall clock, taken once per replay. */
    public record TimeCheck(long now, String name) implements Serializable {
        public static TimeCheck of(long asOf) {
            long wallClock = System.currentTimeMillis();
            return asOf >= wallClock ? new TimeCheck(asOf, "--as-of") : new TimeCheck(wallClock, "the wall clock");
        }
    }
}
