package org.paywatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What a user watching a long replay or simulation sees on a terminal, and that a pipe gets nothing of it. */
class ProgressBarTest {
    private final AtomicLong nanos = new AtomicLong();
    private final StringWriter screen = new StringWriter();

    private ProgressBar bar(boolean terminal) {
        return new ProgressBar("replay", new PrintWriter(screen), terminal, nanos::get);
    }

    private void after(double seconds) {
        nanos.addAndGet((long) (seconds * 1e9));
    }

    @Test
    void shouldShowRecordsRateAndTimeLeftThenTheStageTimeOnItsOwnLine() {
        try (ProgressBar bar = bar(true)) {
            bar.advanced("sorting", 0, 0);
            after(10);
            bar.advanced("sorting", 500_000, 0.25);
            String line = screen.toString().substring(screen.toString().lastIndexOf('\r') + 1);
            assertThat(line)
                    .startsWith("replay: sorting   [#####...............] 500,000 records  50,000 rec/s  ETA 0:30");
            after(30);
            bar.advanced("sorting", 2_000_000, 1);
            after(1);
            bar.advanced("replaying", 100_000, 0.05);
        }
        assertThat(screen.toString().split("\n")).hasSize(2);
        assertThat(screen.toString().split("\n")[0]).endsWith("2,000,000 records  50,000 rec/s  took 0:40");
        assertThat(screen.toString()).endsWith("\n");
    }

    @Test
    void shouldRedrawAtMostFourTimesASecond() {
        ProgressBar bar = bar(true);
        bar.advanced("writing", 1, 0.1);
        after(0.1);
        bar.advanced("writing", 2, 0.2);
        after(0.2);
        bar.advanced("writing", 3, 0.3);
        assertThat(screen.toString().chars().filter(c -> c == '\r')).hasSize(2);
    }

    @Test
    void shouldSayNothingWhenNotOnATerminal() {
        try (ProgressBar bar = bar(false)) {
            bar.advanced("sorting", 10, 0.5);
            after(1);
            bar.advanced("sorting", 20, 1);
        }
        assertThat(screen.toString()).isEmpty();
    }

    @Test
    void shouldWriteHoursMinutesAndSeconds() {
        assertThat(ProgressBar.clock(42)).isEqualTo("0:42");
        assertThat(ProgressBar.clock(3723)).isEqualTo("1:02:03");
    }
}
