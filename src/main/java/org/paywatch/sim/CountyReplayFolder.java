package org.paywatch.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.paywatch.domain.Feed;
import org.paywatch.domain.Progress;
import org.paywatch.io.ContractJson;

/**
 * A simulated county written as a replay folder (CONTRACTS.md "Replay folder"): one JSON-lines file
 * per feed it produces, the registry first, then the days in event-time order, so that `paywatch
 * replay` can audit it like recorded feeds.
 */
public final class CountyReplayFolder {
    /** What was written: records per feed, and the instant to replay to (the end of the last simulated day). */
    public record Written(Map<Feed, Long> records, OffsetDateTime asOf) {
        public long total() {
            return records.values().stream().mapToLong(Long::longValue).sum();
        }

        public long of(Feed feed) {
            return records.getOrDefault(feed, 0L);
        }
    }

    private CountyReplayFolder() {}

    /** Runs the whole simulation (the county must not have been stepped yet) into {@code dir}, creating it if needed. */
    public static Written write(SyntheticCounty county, Path dir) throws IOException {
        return write(county, dir, Progress.NONE);
    }

    /**
     * As above, telling {@code progress} the records written after each simulated day ("writing"). Only one day's
     * records are in memory at a time: a county of any size and length is written in the same memory.
     */
    public static Written write(SyntheticCounty county, Path dir, Progress progress) throws IOException {
        Files.createDirectories(dir);
        Map<Feed, BufferedWriter> files = new EnumMap<>(Feed.class);
        Map<Feed, Long> counts = new EnumMap<>(Feed.class);
        try {
            // every feed the county produces gets its file, even one
            // it left empty, so the folder says what was simulated
            for (Feed feed : new Feed[] {Feed.PROJECTS, Feed.WORKERS, Feed.PROGRESS, Feed.BANK, Feed.CLOCKINS}) {
                files.put(feed, Files.newBufferedWriter(dir.resolve(feed.replayFile), StandardCharsets.UTF_8));
                counts.put(feed, 0L);
            }
            List<CountyRecord> registry = county.registry();
            for (CountyRecord r : registry) {
                line(files, counts, r);
            }
            long written = registry.size();
            int day = 0;
            while (county.hasNextDay()) {
                List<CountyRecord> records = county.nextDay().records();
                for (CountyRecord r : records) {
                    line(files, counts, r);
                }
                written += records.size();
                progress.advanced("writing", written, (double) ++day / county.days());
            }
        } finally {
            for (BufferedWriter w : files.values()) {
                w.close();
            }
        }
        OffsetDateTime asOf =
                county.lastDay().plusDays(1).atTime(LocalTime.MIDNIGHT).atOffset(ZoneOffset.ofHours(8));
        return new Written(counts, asOf);
    }

    private static void line(Map<Feed, BufferedWriter> files, Map<Feed, Long> counts, CountyRecord r)
            throws IOException {
        BufferedWriter out = files.get(r.feed());
        out.write(ContractJson.write((IndexedRecord) r.record()));
        out.write('\n');
        counts.merge(r.feed(), 1L, Long::sum);
    }
}
