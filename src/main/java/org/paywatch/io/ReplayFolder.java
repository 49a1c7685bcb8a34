package org.paywatch.io;

import org.paywatch.config.TextFileLines;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.Schema;
import org.paywatch.domain.Feed;
import org.paywatch.domain.Origin;
import org.paywatch.domain.Received;
import org.paywatch.domain.RejectionCause;
import org.paywatch.domain.ConfigurationProblem;

/**
 * A replay folder (CONTRACTS.md "Replay folder"): whichever of the six JSON-lines files exist. Each
 * line goes the way a Kafka record goes — to Avro bytes, then through the same decoder — so a replay
 * tests the live path. Records are put in business-time order (registry first at equal times, then
 * file line order), which makes the replay deterministic. Records after the as-of instant have not
 * happened yet at that instant and are left out, unless their time cannot be true: more than the
 * job file's clock skew ahead of both the as-of instant and the wall clock (a folder is recorded
 * in the past, but a replay may end later than now). Such a record is dead-lettered; either way it
 * never reaches the alerts, which stay byte-identical.
 */
public final class ReplayFolder {
    private ReplayFolder() {}

    /** What was read: the records in replay order, and how many lines lay after the as-of instant. */
    public record Contents(List<Received> records, long afterAsOf) {}

    /**
     * @param decoder the job's decoder: the record limits of its job file, with the time check against {@code asOf}
     */
    public static Contents read(Path dir, long asOf, FeedDecoder decoder) {
        if (!Files.isDirectory(dir)) {
            throw new ConfigurationProblem("the input folder " + dir + " does not exist: pass --input with a folder holding "
                    + "projects.jsonl, workers.jsonl, progress.jsonl, bank.jsonl, clockins.jsonl or tax.jsonl");
        }
        TimeCheck clock = TimeCheck.of(asOf);
        List<Received> records = new ArrayList<>();
        long after = 0;
        boolean any = false;
        for (Feed feed : Feed.values()) {
            Path file = dir.resolve(feed.replayFile);
            if (!Files.exists(file)) {
                continue;
            }
            any = true;
            Schema schema = AvroCodec.of(FeedDecoder.contractClass(feed)).schema();
            try (TextFileLines in = TextFileLines.open(file)) {
                for (TextFileLines.Line line = in.next(); line != null; line = in.next()) {
                    if (line.isText() && line.text().isBlank()) {
                        continue;
                    }
                    Origin origin = new Origin(feed.replayFile, 0, line.number());
                    byte[] raw = line.bytes();
                    Received r;
                    try {
                        if (!line.isText()) {
                            throw new ContractViolation("line " + line.problem());
                        }
                        byte[] avro = AvroCodec.of(FeedDecoder.contractClass(feed)).encodeGeneric(ContractJson.read(schema, line.text()));
                        r = decoder.decode(feed, origin, avro, 0, clock.now, clock.name);
                        r.payload = raw; // a rejection shows the line as written, masked
                    } catch (ContractViolation e) {
                        r = Received.failed(origin, feed, raw, RejectionCause.UNDECODABLE, e.getMessage(), Long.MIN_VALUE);
                    }
                    if (r.event != null && r.timestamp > asOf) {
                        after++;
                        continue;
                    }
                    records.add(r);
                }
            } catch (IOException e) {
                throw new ConfigurationProblem("cannot read " + file + ": " + e.getMessage());
            }
        }
        if (!any) {
            throw new ConfigurationProblem("the input folder " + dir + " holds none of projects.jsonl, workers.jsonl, "
                    + "progress.jsonl, bank.jsonl, clockins.jsonl, tax.jsonl: point --input at a replay folder");
        }
        records.sort(Comparator.<Received>comparingLong(r -> r.timestamp)
                .thenComparing(r -> r.feed)
                .thenComparingLong(r -> r.origin.offset));
        return new Contents(records, after);
    }

    /** What the time check measures "ahead" from: the later of --as-of and the wall clock. */
    private record TimeCheck(long now, String name) {
        static TimeCheck of(long asOf) {
            long wallClock = System.currentTimeMillis();
            return asOf >= wallClock ? new TimeCheck(asOf, "--as-of") : new TimeCheck(wallClock, "the wall clock");
        }
    }
}
