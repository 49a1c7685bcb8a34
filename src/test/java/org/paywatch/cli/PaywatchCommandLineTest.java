package org.paywatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A bad command line or config gets one sentence and exit code 2, never a stack trace. */
class PaywatchCommandLineTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Paywatch.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    private void assertOneSentence() {
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void shouldListTheSubCommandsInItsHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("replay", "run", "rules", "simulate", "demo");
    }

    @Test
    void shouldRefuseAMissingReplayFolderInOneSentence() {
        assertThat(run("replay", "--input", dir.resolve("nope").toString(), "--as-of", "2025-06-20T12:00:00+08:00",
                "--out", dir.resolve("a.jsonl").toString())).isEqualTo(2);
        assertOneSentence();
        assertThat(err.toString()).contains("does not exist");
    }

    @Test
    void shouldRefuseAnAsOfWithoutOffsetInOneSentence() {
        assertThat(run("replay", "--input", dir.toString(), "--as-of", "2025-06-20T12:00", "--out", dir.resolve("a.jsonl").toString()))
                .isEqualTo(2);
        assertOneSentence();
        assertThat(err.toString()).contains("--as-of", "2025-06-20T12:00:00+08:00");
    }

    @Test
    void shouldRefuseAnEmptyReplayFolderInOneSentence() {
        assertThat(run("replay", "--input", dir.toString(), "--as-of", "2025-06-20T12:00:00+08:00",
                "--out", dir.resolve("a.jsonl").toString())).isEqualTo(2);
        assertOneSentence();
        assertThat(err.toString()).contains("holds none of");
    }

    @Test
    void shouldRefuseABadConfigInOneSentence() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(Path.of("jobs/risk-monitor.yaml")).replace("redAfterDays: 62", "redAfterDays: -1"));
        assertThat(run("rules", "--config", bad.toString())).isEqualTo(2);
        assertOneSentence();
        assertThat(err.toString()).contains("rules.PW02.thresholds.redAfterDays = -1 is out of range");
    }

    @Test
    void shouldRefuseToRunAgainstAKafkaThatDoesNotAnswerInOneSentence() throws Exception {
        Path key = dir.resolve("hmac.key");
        Files.writeString(key, "a-secret-of-sixteen-bytes-or-more");
        Path job = dir.resolve("job.yaml");
        Files.writeString(job, Files.readString(Path.of("jobs/risk-monitor.yaml"))
                .replace("pseudonymKeyFile: /etc/paywatch/hmac.key", "pseudonymKeyFile: " + key));
        try (java.net.ServerSocket closed = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = closed.getLocalPort();
            closed.close(); // nothing listens there now
            assertThat(run("run", "--config", job.toString(), "--kafka", "127.0.0.1:" + port)).isEqualTo(2);
        }
        assertOneSentence();
        assertThat(err.toString()).contains("Kafka does not answer at 127.0.0.1:", "--kafka");
    }

    @Test
    void shouldPrintTheWholeCatalogInChinese() {
        assertThat(run("rules")).isZero();
        String text = out.toString();
        for (String id : new String[] {"PW01", "PW02", "PW03", "PW04", "PW05", "PW06", "PW07", "PW08", "PW09", "PW10",
                "PW11", "PW12", "PW13", "PW14", "PW15", "PW16", "PW90", "PW91"}) {
            assertThat(text).contains(id + "  ");
        }
        assertThat(text).contains("工资未按月发放", "红色：逾期超过（天）；逾期即为黄色：30", "依据：", "500,000.00元", "春节");
    }
}
