package org.paywatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** `paywatch bench` on a small county, end to end: its own Kafka and influxd, the job, the probes; the last line sums it up. */
class BenchRunTest {
    private static final Pattern LAST_LINE =
            Pattern.compile("bench: events=(\\d+) job_eps=(\\d+) raw_eps=(\\d+) ratio=(\\d+\\.\\d\\d) "
                    + "p50_ms=(-?\\d+) p99_ms=(-?\\d+) state_bytes_per_worker=(\\d+)");

    @Test
    void shouldMeasureTheJobAgainstTheRawConsumerAndEveryProbesAlert() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Paywatch.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));

        int exit = cl.execute("bench", "--events", "20000");

        assertThat(exit).as(out + "\n" + err).isZero();
        List<String> lines = out.toString().lines().toList();
        Matcher m = LAST_LINE.matcher(lines.get(lines.size() - 1));
        assertThat(m.matches()).as(out.toString()).isTrue();
        assertThat(Long.parseLong(m.group(1))).isEqualTo(20_000);
        double jobEps = Double.parseDouble(m.group(2));
        double rawEps = Double.parseDouble(m.group(3));
        assertThat(jobEps).isPositive();
        assertThat(rawEps).isPositive();
        // Two decimals: a small county's ratio can print as 0.00 (its job is mostly start-up and the final wait).
        assertThat(Double.parseDouble(m.group(4)))
                .as(out.toString())
                .isCloseTo(jobEps / rawEps, org.assertj.core.data.Offset.offset(0.006));
        long p50 = Long.parseLong(m.group(5));
        long p99 = Long.parseLong(m.group(6));
        assertThat(p50).as("an alert comes after its record").isPositive();
        assertThat(p99).isGreaterThanOrEqualTo(p50);
        assertThat(Long.parseLong(m.group(7))).isPositive();
        assertThat(out.toString()).containsPattern("bench: latency: (\\d+) of \\1 PW10 probes");
    }
}
