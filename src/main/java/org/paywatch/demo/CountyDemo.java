package org.paywatch.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.paywatch.config.JobConfig;
import org.paywatch.contract.Alert;
import org.paywatch.contract.AlertLevel;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.ContractViolation;
import org.paywatch.local.InfluxNotInstalledException;
import org.paywatch.policy.BusinessCalendar;
import org.paywatch.sim.SyntheticCounty;

/**
 * The demo: a simulated Gaotai County whose months pass in seconds, streamed into the live job on this machine (see
 * {@link DemoStack}), and the screen showing the alerts as the county's officers would receive them, for a run of a
 * given length or, kept running, until Ctrl-C. It ends with one line of what was sent, raised and delivered.
 */
public final class CountyDemo {
    private static final int MONTHS = 4;
    private static final Duration LONGEST_DAY = Duration.ofMillis(300);
    private static final Duration SHORTEST_DAY = Duration.ofMillis(100);
    // Starting Kafka, influxd and Flink, and letting the job catch up after the last day, take about this long.
    private static final Duration OVERHEAD = Duration.ofSeconds(35);

    private final JobConfig job;
    private final long seed;
    private final Duration runFor;
    private final boolean keepRunning;
    private final int boardPort;

    /**
     * @param job         the job file whose topics and policy the demo runs
     * @param seed        of the simulated county: the same seed gives the same records
     * @param keepRunning after {@code runFor}, let the county finish and leave everything up until Ctrl-C
     * @param boardPort   of the county board on 127.0.0.1; a free one if it is taken
     */
    public CountyDemo(JobConfig job, long seed, Duration runFor, boolean keepRunning, int boardPort) {
        this.job = job;
        this.seed = seed;
        this.runFor = runFor;
        this.keepRunning = keepRunning;
        this.boardPort = boardPort;
    }

    /** Runs the demo and cleans up after it; returns the exit code: 0, or 2 when influxd is not installed. */
    public int run(PrintWriter out, PrintWriter err) throws Exception {
        long deadline = System.nanoTime() + runFor.toNanos();
        LocalDate today = LocalDate.now(BusinessCalendar.ZONE);
        SyntheticCounty county = SyntheticCounty.monthsEndingOn(seed, MONTHS, today, job.policy());

        DemoStack stack;
        try {
            stack = DemoStack.withInflux(err);
        } catch (InfluxNotInstalledException e) {
            err.println(e.getMessage());
            return 2;
        }

        CountDownLatch stopRequested = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread onCtrlC = new Thread(
                () -> {
                    stopRequested.countDown();
                    awaitQuietly(stopped, Duration.ofSeconds(60)); // the JVM exits only once everything is cleaned up
                },
                "paywatch-demo-stop");
        Runtime.getRuntime().addShutdownHook(onCtrlC);

        AlertBoard board = new AlertBoard();
        DispatchBoard messages = new DispatchBoard();
        try {
            stack.start(job, county, dayLength(runFor, county.days()), boardPort, messages, out);
            DemoScreen screen = new DemoScreen(out, System.console() != null, county, seed, stack.boardUrl());
            AvroCodec<Alert> codec = AvroCodec.of(Alert.class);
            boolean announced = false;
            while (stopRequested.getCount() > 0) {
                boolean timeUp = System.nanoTime() >= deadline;
                if (timeUp && !keepRunning) {
                    break;
                }
                if (timeUp && !announced) {
                    // the county goes on to its last day; then the job and InfluxDB stay up for dashboards
                    screen.keepRunning(stack.kafkaBootstrapServers(), stack.influxUrl(), job.influx.database);
                    announced = true;
                }
                for (ConsumerRecord<byte[], byte[]> r : stack.alerts().poll(Duration.ofMillis(200))) {
                    try {
                        board.apply(codec.decode(r.value()));
                    } catch (ContractViolation e) {
                        // not an alert of ours: nothing to show
                    }
                }
                screen.refresh(stack.streamer(), board, messages);
            }
            return 0;
        } finally {
            stack.close();
            Map<AlertLevel, Long> open = board.openByLevel();
            out.printf(
                    "demo: events=%d alerts=%d blue=%d yellow=%d red=%d messages=%d%n",
                    stack.eventsSent(),
                    board.transitions(),
                    open.get(AlertLevel.BLUE),
                    open.get(AlertLevel.YELLOW),
                    open.get(AlertLevel.RED),
                    messages.delivered());
            out.flush();
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is what is waiting for us
            }
        }
    }

    /** As slow as lets the whole simulation, and the job catching up with it, fit in the run. */
    static Duration dayLength(Duration runFor, int days) {
        Duration available = runFor.minus(OVERHEAD);
        Duration day = available.isNegative() ? SHORTEST_DAY : available.dividedBy(days);
        return day.compareTo(LONGEST_DAY) > 0 ? LONGEST_DAY : day.compareTo(SHORTEST_DAY) < 0 ? SHORTEST_DAY : day;
    }

    private static void awaitQuietly(CountDownLatch latch, Duration timeout) {
        try {
            latch.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
