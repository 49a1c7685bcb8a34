package org.paywatch.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.config.JobConfigFile;
import org.paywatch.domain.Feed;
import org.paywatch.domain.Progress;
import org.paywatch.domain.Received;

/**
 * Sorting a replay folder on disk gives the records of the in-memory sort, in the same order, ties included:
 * the replay's determinism rests on it. Runs of some fifty lines force far more runs than one merge takes.
 */
class ReplayFolderSortTest {
    private static final Path SCENARIOS = Path.of("src/test/resources/scenarios");
    private static final long AS_OF =
            OffsetDateTime.parse("2025-06-20T12:00:00+08:00").toInstant().toEpochMilli();

    @TempDir
    static Path dir;

    static Path folder;
    static FeedDecoder decoder;

    /**
     * Every scenario's feeds in one folder, shuffled: the scenarios share days and hours, so many records have
     * the same time within a feed and across feeds; with lines that are not records at all.
     */
    @BeforeAll
    static void untidyFolderOfManyScenarios() throws Exception {
        decoder = FeedDecoder.configured(JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")));
        folder = Files.createDirectories(dir.resolve("input"));
        Random shuffle = new Random(13);
        for (Feed feed : Feed.values()) {
            List<String> lines = new ArrayList<>();
            try (Stream<Path> scenarios = Files.list(SCENARIOS)) {
                for (Path input : scenarios
                        .map(s -> s.resolve("input").resolve(feed.replayFile))
                        .sorted()
                        .toList()) {
                    if (Files.exists(input)) {
                        lines.addAll(Files.readAllLines(input, StandardCharsets.UTF_8));
                    }
                }
            }
            if (lines.isEmpty()) {
                continue;
            }
            lines.addAll(List.of("not json", "{\"projectId\": 12}", ""));
            Collections.shuffle(lines, shuffle);
            Files.write(folder.resolve(feed.replayFile), lines, StandardCharsets.UTF_8);
        }
    }

    @Test
    void shouldGiveTheInMemoryOrderFromHundredsOfTinyRunsMergedInPasses() throws Exception {
        ReplayFolder.Contents inMemory = ReplayFolder.read(folder, AS_OF, decoder);
        Path work = Files.createDirectories(dir.resolve("runs"));

        ReplayFolder.Sorted onDisk = ReplayFolder.sortOnDisk(folder, AS_OF, decoder, work, 12_000, Progress.NONE);
        long spilled;
        try (Stream<Path> runs = Files.list(work)) {
            spilled = runs.count();
        }

        assertThat(inMemory.records().size()).as("records of the folder").isGreaterThan(10 * SortedRuns.FAN_IN);
        assertThat(onDisk.runs())
                .as("runs left after the merge passes")
                .hasSizeLessThanOrEqualTo(SortedRuns.FAN_IN)
                .hasSize((int) spilled);
        assertThat(onDisk.runs().stream()
                        .mapToInt(
                                r -> Integer.parseInt(r.getFileName().toString().replaceAll("\\D", "")))
                        .max()
                        .orElse(0))
                .as("runs written, merge passes included")
                .isGreaterThan(4 * SortedRuns.FAN_IN);
        assertThat(onDisk.records()).isEqualTo(inMemory.records().size());
        assertThat(onDisk.afterAsOf())
                .as("lines after the as-of instant")
                .isPositive()
                .isEqualTo(inMemory.afterAsOf());
        assertThat(inMemory.records())
                .as("replay order: time, then feed, then line")
                .isSortedAccordingTo(Comparator.<Received>comparingLong(r -> r.timestamp)
                        .thenComparing(r -> r.feed)
                        .thenComparingLong(r -> r.origin.offset));
        assertThat(described(merged(onDisk))).containsExactlyElementsOf(described(inMemory.records()));
    }

    @Test
    void shouldHaveRecordsOfEqualTimeInTheFolderSoThatTiesAreTested() {
        List<Received> records = ReplayFolder.read(folder, AS_OF, decoder).records();
        long sameTimeOtherFeed = 0;
        long sameTimeSameFeed = 0;
        for (int i = 1; i < records.size(); i++) {
            Received a = records.get(i - 1);
            Received b = records.get(i);
            if (a.timestamp == b.timestamp) {
                if (a.feed == b.feed) {
                    sameTimeSameFeed++;
                } else {
                    sameTimeOtherFeed++;
                }
            }
        }
        assertThat(sameTimeSameFeed).isPositive();
        assertThat(sameTimeOtherFeed).isPositive();
    }

    private static List<Received> merged(ReplayFolder.Sorted sorted) {
        List<Received> all = new ArrayList<>();
        ((ReplayFolderSource) sorted.source()).records().forEachRemaining(all::add);
        return all;
    }

    /** What the job sees of a record, enough to tell any two lines apart. */
    private static List<String> described(List<Received> records) {
        return records.stream()
                .map(r -> r.feed + ":" + r.origin.topic + ":" + r.origin.offset + "@" + r.timestamp + " "
                        + r.cause + " " + r.error + " "
                        + (r.event == null ? "-" : r.event.projectId + "/" + r.event.eventTime())
                        + " " + Arrays.hashCode(r.payload))
                .toList();
    }
}
