package org.paywatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.paywatch.config.JobConfigFile;
import org.paywatch.domain.Feed;
import org.paywatch.domain.Origin;
import org.paywatch.domain.Received;
import org.paywatch.io.FeedDecoder;
import org.paywatch.io.ReplayFolder;

/** Records as the entry operator receives them, made by the real readers: a Kafka payload, or a replay line. */
public final class ReceivedRecords {
    private static final long LOG_TIME = 1_750_000_000_000L;
    // Slow to build (it reads the schema history) and not thread-safe: one a thread.
    private static final ThreadLocal<FeedDecoder> DECODER = ThreadLocal.withInitial(
            () -> FeedDecoder.configured(JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"))));

    private ReceivedRecords() {}

    /** A Kafka record's value, through the Kafka source's decoder. */
    public static Received fromKafka(Feed feed, byte[] value) {
        return DECODER.get()
                .decode(
                        feed,
                        new Origin(feed.defaultTopic, 0, 41),
                        value,
                        LOG_TIME,
                        System.currentTimeMillis(),
                        "the wall clock");
    }

    /** One line of a replay file, through the replay folder reader; {@code scratch} is a folder for the file. */
    public static Received fromReplayLine(Path scratch, Feed feed, String line) {
        List<Received> read = fromReplayLines(scratch, feed, List.of(line));
        assertThat(read).hasSize(1);
        return read.get(0);
    }

    /** Lines of one replay file, in replay order (lines that do not decode first, in line order). */
    public static List<Received> fromReplayLines(Path scratch, Feed feed, List<String> lines) {
        try {
            Path folder = Files.createTempDirectory(scratch, "replay");
            Files.write(folder.resolve(feed.replayFile), lines, StandardCharsets.UTF_8);
            return ReplayFolder.read(folder, Long.MAX_VALUE, DECODER.get()).records();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
