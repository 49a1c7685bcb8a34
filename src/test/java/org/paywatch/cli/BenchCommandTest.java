package org.paywatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `paywatch bench`: its last line, which scripts and docs/performance.md read, and its options, each wrong one in a sentence. */
class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Paywatch.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void shouldSumUpOnOneLineWithTheRatioOfJobToRawToTwoDecimals() {
        BenchLine line = new BenchLine(2_000_000, 41_234.6, 160_000.2, 1_800, 2_950, 212);

        assertThat(line.toString())
                .isEqualTo(
                        "bench: events=2000000 job_eps=41235 raw_eps=160000 ratio=0.26 p50_ms=1800 p99_ms=2950 state_bytes_per_worker=212");
    }

    @Test
    void shouldRefuseAStateBackendFlinkWouldNotBeAskedFor() {
        assertThat(run("bench", "--events", "20000", "--state-backend", "hashmap"))
                .isEqualTo(2);
        assertThat(err.toString().strip()).endsWith("--state-backend hashmap is not allowed: use heap or rocksdb");
    }

    @Test
    void shouldRefuseTooFewEventsToMeasureAnything() {
        assertThat(run("bench", "--events", "500")).isEqualTo(2);
        assertThat(err.toString().strip()).endsWith("--events 500 is out of range: pre-load 10000 to 50000000 records");
    }

    @Test
    void shouldRefuseACheckpointIntervalWithoutAUnit() {
        assertThat(run("bench", "--checkpoint-interval", "2")).isEqualTo(2);
        assertThat(err.toString().strip())
                .endsWith(
                        "--checkpoint-interval = 2 is not a duration: write a number and a unit, e.g. 30s, 10m, 24h or 400d");
    }

    @Test
    void shouldTakeTheStateBackendFromTheCommandLineOverTheJobFile() {
        BenchCommand bench = new BenchCommand();
        new CommandLine(bench).parseArgs("--events", "20000", "--state-backend", "rocksdb");

        assertThat(bench.configured().job.stateBackend).isEqualTo("rocksdb");
        assertThat(bench.configured().time.followWallClock)
                .as("the pre-loaded county lies months back")
                .isFalse();
    }
}
