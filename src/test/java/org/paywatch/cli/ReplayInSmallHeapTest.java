package org.paywatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.io.PseudonymKey;
import org.paywatch.local.LocalFlink;
import org.paywatch.pipeline.Replay;
import org.paywatch.sim.CountyReplayFolder;
import org.paywatch.sim.SyntheticCounty;

/**
 * `paywatch replay` streams its folder through the job instead of holding it: a simulated county of four
 * months (some 214,000 records) replays in a JVM of 128 MB, with the alerts, byte for byte, of a replay in
 * this JVM. Holding that folder does not fit in 128 MB: the replay that sorted it in memory died there with
 * OutOfMemoryError (measured by hand on 2026-12-02 before the change).
 */
class ReplayInSmallHeapTest {
    private static final String HEAP = "-Xmx128m";
    private static final String KEY = "replay-in-small-heap-test-key";

    @TempDir
    Path dir;

    @Test
    void shouldReplayACountyInA128MegabyteHeapWithTheAlertsOfAReplayInProcess() throws Exception {
        JobConfig job = JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"));
        SyntheticCounty county =
                new SyntheticCounty(CountySize.plan(7, 4, 60, LocalDate.of(2025, 6, 30)), job.policy());
        Path input = dir.resolve("county");
        CountyReplayFolder.Written written = CountyReplayFolder.write(county, input);
        long asOf = written.asOf().toInstant().toEpochMilli();
        assertThat(written.total()).as("records of the county").isGreaterThan(200_000);

        Path inProcess = dir.resolve("in-process.jsonl");
        Replay.run(LocalFlink.environment(), input, asOf, inProcess, job, KEY.getBytes(StandardCharsets.UTF_8));

        Path child = dir.resolve("child.jsonl");
        ProcessBuilder replay = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        HEAP,
                        "-XX:+ExitOnOutOfMemoryError",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Paywatch.class.getName(),
                        "replay",
                        "--input",
                        input.toString(),
                        "--as-of",
                        written.asOf().toString(),
                        "--out",
                        child.toString()))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("child.out").toFile());
        replay.environment().put(PseudonymKey.ENV, KEY);
        Process p = replay.start();
        boolean ended = p.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        String said = Files.readString(dir.resolve("child.out"));
        assertThat(ended && p.exitValue() == 0)
                .as("the replay in " + HEAP + " ended well; it said:%n%s", said)
                .isTrue();
        assertThat(said).contains("replay: in=" + written.total() + " ");

        List<String> alerts = Files.readAllLines(inProcess);
        assertThat(alerts).as("alerts of the in-process replay").hasSizeGreaterThan(10);
        assertThat(Files.readAllLines(child))
                .as("alerts of the replay in " + HEAP)
                .containsExactlyElementsOf(alerts);
        assertThat(Files.mismatch(Path.of(child + ".rejected"), Path.of(inProcess + ".rejected")))
                .isEqualTo(-1L);
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(f -> f.getFileName().toString()))
                    .as("sorted runs deleted after the replays")
                    .noneMatch(name -> name.contains(".sorting-"));
        }
    }
}
