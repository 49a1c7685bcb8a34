package org.paywatch.cli;

import java.io.PrintWriter;
import java.util.function.LongSupplier;
import org.paywatch.domain.Progress;

/**
 * The progress of a long command on one terminal line, redrawn at most four times a second: the stage, a bar,
 * records done, their rate and the time left, e.g.
 * {@code replay: sorting   [#########...........]  1,234,567 records  98,765 rec/s  ETA 0:42}.
 * A stage ends on its own line with its time. Not on a terminal (a pipe, a file, a test) it says nothing,
 * so that the output there is the summary line alone.
 */
final class ProgressBar implements Progress, AutoCloseable {
    private static final long REDRAW_NANOS = 250_000_000L;
    private static final int WIDTH = 20;

    private final String command;
    private final PrintWriter out;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private String stage;
    private long stageStart;
    private long lastDrawn;
    private int lastLength;
    private String shown;

    ProgressBar(String command, PrintWriter out, boolean terminal, LongSupplier nanoTime) {
        this.command = command;
        this.out = out;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
    }

    /** A bar on standard output when that is a terminal, else one that says nothing. */
    static ProgressBar onTerminal(String command, PrintWriter out) {
        return new ProgressBar(command, out, System.console() != null, System::nanoTime);
    }

    @Override
    public synchronized void advanced(String stage, long records, double fraction) {
        if (!terminal) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (!stage.equals(this.stage)) {
            endLine();
            this.stage = stage;
            stageStart = now;
        } else if (now - lastDrawn < REDRAW_NANOS && fraction < 1) {
            return;
        }
        lastDrawn = now;
        double seconds = (now - stageStart) / 1e9;
        long rate = seconds > 0 ? Math.round(records / seconds) : 0;
        String time = fraction >= 1
                ? "took " + clock(seconds)
                : fraction > 0 && seconds > 0 ? "ETA " + clock(seconds * (1 - fraction) / fraction) : "ETA ?";
        draw(String.format(
                "%s: %-9s [%s] %,d records  %,d rec/s  %s", command, stage, bar(fraction), records, rate, time));
    }

    /** Ends the bar's line, so that what is printed next starts on a line of its own. */
    @Override
    public synchronized void close() {
        endLine();
    }

    private void draw(String line) {
        // spaces over the rest of a longer line drawn before
        out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
        out.flush();
        lastLength = line.length();
        shown = line;
    }

    private void endLine() {
        if (shown != null) {
            out.println();
            out.flush();
            shown = null;
            lastLength = 0;
        }
    }

    private static String bar(double fraction) {
        int full = fraction < 0 ? 0 : (int) Math.min(WIDTH, Math.floor(fraction * WIDTH));
        return "#".repeat(full) + ".".repeat(WIDTH - full);
    }

    /** 42 seconds as 0:42, an hour and a bit as 1:02:03. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600
                ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
