package org.paywatch.demo;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Map;
import org.paywatch.contract.AlertLevel;
import org.paywatch.sim.CountyStreamer;
import org.paywatch.sim.SyntheticCounty;

/**
 * The demo's one screen, redrawn about once a second on a terminal; without one (a pipe, a test),
 * a compact line every few seconds instead.
 */
final class DemoScreen {
    private static final String CLEAR_AND_HOME = "\033[2J\033[H";
    // Terminal columns for one alert line; a Chinese character takes two.
    private static final int LINE_COLUMNS = 110;

    private final PrintWriter out;
    private final boolean terminal;
    private final SyntheticCounty county;
    private final long seed;
    private final String boardUrl;
    private final long intervalNanos;
    private long lastShown = System.nanoTime();
    private long lastEvents;
    private String keepRunningNote;

    DemoScreen(PrintWriter out, boolean terminal, SyntheticCounty county, long seed, String boardUrl) {
        this.out = out;
        this.terminal = terminal;
        this.county = county;
        this.seed = seed;
        this.boardUrl = boardUrl;
        this.intervalNanos = terminal ? 1_000_000_000L : 5_000_000_000L;
    }

    /** The servers left up, Kafka's for the banks' example producers (examples/), InfluxDB's for dashboards. */
    void keepRunning(String kafkaBootstrap, String influxUrl, String database) {
        keepRunningNote = "Kafka: " + kafkaBootstrap + "; InfluxDB: " + influxUrl + " (database " + database
                + "); the job keeps running, Ctrl-C stops";
        if (!terminal) {
            out.println("demo: " + keepRunningNote);
            out.flush();
        }
    }

    void refresh(CountyStreamer streamer, AlertBoard board, DispatchBoard messages) {
        long now = System.nanoTime();
        if (now - lastShown < intervalNanos) {
            return;
        }
        long events = streamer.sent();
        double perSecond = (events - lastEvents) * 1e9 / (now - lastShown);
        lastShown = now;
        lastEvents = events;
        LocalDate date = streamer.simulatedDate();
        String day = date == null ? "(registry)" : date + (streamer.finished() ? " (end)" : "");
        Map<AlertLevel, Long> open = board.openByLevel();
        if (!terminal) {
            out.printf(
                    "demo: %s events=%d (%.0f/s) alerts=%d open blue=%d yellow=%d red=%d messages=%d%n",
                    day,
                    events,
                    perSecond,
                    board.transitions(),
                    open.get(AlertLevel.BLUE),
                    open.get(AlertLevel.YELLOW),
                    open.get(AlertLevel.RED),
                    messages.delivered());
            out.flush();
            return;
        }
        StringBuilder s = new StringBuilder(CLEAR_AND_HOME);
        s.append("paywatch demo — simulated 高台县: ")
                .append(SyntheticCounty.TOWNS.size())
                .append(" towns, ")
                .append(county.projectCount())
                .append(" projects, ")
                .append(county.workerCount())
                .append(" workers (seed ")
                .append(seed)
                .append(")\n");
        s.append("县级驾驶舱: ").append(boardUrl).append("\n\n");
        s.append(String.format("simulated date  %s   (%s … %s)%n", day, county.firstDay(), county.lastDay()));
        s.append(String.format("events          %,d total, %,.0f per second%n", events, perSecond));
        s.append(String.format(
                "alerts          %d transitions; open: \033[31m红 %d\033[0m  \033[33m黄 %d\033[0m  \033[34m蓝 %d\033[0m%n%n",
                board.transitions(), open.get(AlertLevel.RED), open.get(AlertLevel.YELLOW), open.get(AlertLevel.BLUE)));
        s.append("latest alerts:\n");
        for (String line : board.latest()) {
            s.append("  ").append(fit(line, LINE_COLUMNS)).append('\n');
        }
        s.append("\nmessages        ").append(messages.counts()).append('\n');
        for (String line : messages.latest()) {
            s.append("  ").append(fit(line, LINE_COLUMNS)).append('\n');
        }
        if (streamer.failure() != null) {
            s.append("\nthe county stopped sending: ")
                    .append(streamer.failure())
                    .append('\n');
        }
        if (keepRunningNote != null) {
            s.append('\n').append(keepRunningNote).append('\n');
        }
        out.print(s);
        out.flush();
    }

    /** The line cut to fit the columns, so that every alert keeps to one row of the screen. */
    static String fit(String line, int columns) {
        int used = 0;
        for (int i = 0; i < line.length(); i++) {
            used += line.charAt(i) >= 0x1100 ? 2 : 1;
            if (used > columns - 1) {
                return line.substring(0, i) + "…";
            }
        }
        return line;
    }
}
