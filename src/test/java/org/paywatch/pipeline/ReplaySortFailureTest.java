package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.config.JobConfigFile;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.local.LocalFlink;

/**
 * A replay starts its job while the folder is still being sorted; when the sort fails after that, the replay must
 * end with the sort's one sentence (not hang on a reader waiting for runs, nor report the job's failure instead),
 * and leave no sorting folder behind.
 */
class ReplaySortFailureTest {
    private static final Path SCENARIO =
            Path.of("src/test/resources/scenarios/pw05-unpaid-month-escalates-then-clears/input");

    @TempDir
    Path dir;

    @Test
    void shouldEndWithTheSortsSentenceWhenAFeedFileCannotBeReadAfterTheJobHasStarted() throws Exception {
        Path input = Files.createDirectories(dir.resolve("input"));
        for (String name : new String[] {"projects.jsonl", "workers.jsonl", "bank.jsonl"}) {
            Files.copy(SCENARIO.resolve(name), input.resolve(name));
        }
        // a folder where the clock-ins file should be: the folder passes the check, reading it fails mid-sort
        Files.createDirectories(input.resolve("clockins.jsonl"));
        Path out = dir.resolve("alerts.jsonl");
        long asOf =
                OffsetDateTime.parse("2025-07-01T00:00:00+08:00").toInstant().toEpochMilli();

        assertThatThrownBy(() -> Replay.run(
                        LocalFlink.environment(),
                        input,
                        asOf,
                        out,
                        JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")),
                        "replay-sort-failure-test-key".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageStartingWith("cannot read " + input.resolve("clockins.jsonl"));
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".sorting-"));
        }
    }
}
