package org.paywatch.sim;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.paywatch.config.JobConfig;

/**
 * Plays a {@link SyntheticCounty} into Kafka in accelerated time: the registry first, then one
 * simulated day per {@code dayLength} of wall time (all of a day's records, then a pause), so that
 * months of payrolls and deadlines pass in a minute or two. On a busy machine the monitor may read
 * slower than that: the county then waits while more than {@code maxAhead} records are unread, so
 * that alerts keep coming as the days pass instead of piling up behind a backlog. Runs on its own
 * thread; the only thread that touches its producer and codecs.
 */
public final class CountyStreamer implements Runnable, AutoCloseable {
    private static final Duration MAX_WAIT = Duration.ofSeconds(10);

    private final SyntheticCounty county;
    private final Duration dayLength;
    private final CountyProducer producer;
    private final AtomicLong sent = new AtomicLong();
    private final LongSupplier read;
    private final long maxAhead;
    private volatile LocalDate simulatedDate;
    private volatile boolean stopped;
    private volatile boolean finished;
    private volatile Exception failure;

    /**
     * @param read     how many of the sent records the monitor has read so far
     * @param maxAhead how many unread records to allow before waiting for the monitor
     */
    public CountyStreamer(
            SyntheticCounty county,
            String bootstrapServers,
            JobConfig.Topics topics,
            Duration dayLength,
            LongSupplier read,
            long maxAhead) {
        this.county = county;
        this.dayLength = dayLength;
        this.read = read;
        this.maxAhead = maxAhead;
        this.producer = new CountyProducer(bootstrapServers, topics, "paywatch-demo-county");
    }

    @Override
    public void run() {
        try {
            send(county.registry());
            producer.flush();
            while (!stopped && county.hasNextDay()) {
                long began = System.nanoTime();
                awaitMonitor();
                SyntheticCounty.SimulatedDay day = county.nextDay();
                send(day.records());
                simulatedDate = day.date();
                long rest = dayLength.toNanos() - (System.nanoTime() - began);
                if (rest > 0) {
                    Thread.sleep(rest / 1_000_000, (int) (rest % 1_000_000));
                }
            }
            producer.flush();
            finished = !stopped;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure = e; // shown on the screen; the demo goes on with what it has
        }
    }

    // Bounded, so that a monitor that has died does not stop the county for ever.
    private void awaitMonitor() throws InterruptedException {
        long giveUp = System.nanoTime() + MAX_WAIT.toNanos();
        while (!stopped && sent.get() - read.getAsLong() > maxAhead && System.nanoTime() < giveUp) {
            Thread.sleep(100);
        }
    }

    private void send(List<CountyRecord> records) {
        for (CountyRecord r : records) {
            producer.send(r);
            sent.incrementAndGet();
        }
    }

    /** Asks the streaming thread to stop after the current day. */
    public void stop() {
        stopped = true;
    }

    public long sent() {
        return sent.get();
    }

    /** The last simulated day sent, or null before the first. */
    public LocalDate simulatedDate() {
        return simulatedDate;
    }

    public boolean finished() {
        return finished;
    }

    public Exception failure() {
        return failure;
    }

    @Override
    public void close() {
        stopped = true;
        producer.close();
    }
}
