package org.paywatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/** The demo for real: in-process Kafka and Flink, a real influxd, the simulated county, a short run. */
class DemoCommandTest {
    private static final Pattern LAST_LINE =
            Pattern.compile("demo: events=(\\d+) alerts=(\\d+) blue=(\\d+) yellow=(\\d+) red=(\\d+) messages=(\\d+)");

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void aShortDemoEndsWithBlueYellowAndRedAlertsOpenAndLeavesNothingRunning() throws IOException {
        List<Path> tempDirsBefore = demoTempDirs();
        List<Long> influxdBefore =
                influxds(); // another test's shared influxd may be running: only the demo's must be gone
        StringWriter out = new StringWriter();
        CommandLine cl = Paywatch.commandLine();
        cl.setOut(new PrintWriter(out, true));
        long began = System.nanoTime();

        int exit = cl.execute("demo", "--duration", "75s");

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(110));
        assertThat(exit).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).isNotEmpty();
        assertThat(lines.get(0)).as("the board's URL on the first line").matches("县级驾驶舱: http://127\\.0\\.0\\.1:\\d+/");
        Matcher last = LAST_LINE.matcher(lines.get(lines.size() - 1));
        assertThat(last.matches())
                .as("last line: %s", lines.get(lines.size() - 1))
                .isTrue();
        assertThat(Long.parseLong(last.group(1))).as("events").isGreaterThan(100_000);
        assertThat(Long.parseLong(last.group(2))).as("alert transitions").isPositive();
        assertThat(Long.parseLong(last.group(3))).as("open blue").isPositive();
        assertThat(Long.parseLong(last.group(4))).as("open yellow").isPositive();
        assertThat(Long.parseLong(last.group(5))).as("open red").isPositive();
        assertThat(Long.parseLong(last.group(6)))
                .as("messages delivered to the stand-in gateway")
                .isPositive();

        assertThat(influxds()).as("influxd processes left behind").isSubsetOf(influxdBefore);
        assertThat(demoTempDirs()).as("temporary directories left behind").isEqualTo(tempDirsBefore);
    }

    private static List<Long> influxds() {
        return ProcessHandle.current()
                .descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("influxd")).orElse(false))
                .map(ProcessHandle::pid)
                .toList();
    }

    private static List<Path> demoTempDirs() throws IOException {
        try (Stream<Path> dirs = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return dirs.filter(p -> p.getFileName().toString().startsWith("paywatch-demo-"))
                    .sorted()
                    .toList();
        }
    }
}
