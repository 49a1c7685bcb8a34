package org.paywatch.sim;

import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.ClockIn;
import org.paywatch.contract.Progress;
import org.paywatch.contract.Project;
import org.paywatch.contract.Worker;
import org.paywatch.domain.Feed;
import org.paywatch.io.AvroCodec;
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
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<Feed, String> topics = new EnumMap<>(Feed.class);
    private final Map<Class<?>, AvroCodec<?>> codecs = Map.of(
            Project.class, AvroCodec.of(Project.class),
            Worker.class, AvroCodec.of(Worker.class),
            Progress.class, AvroCodec.of(Progress.class),
            BankTransaction.class, AvroCodec.of(BankTransaction.class),
            ClockIn.class, AvroCodec.of(ClockIn.class));
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
    public CountyStreamer(SyntheticCounty county, String bootstrapServers, JobConfig.Topics topics, Duration dayLength,
                          LongSupplier read, long maxAhead) {
        this.county = county;
        this.dayLength = dayLength;
        this.read = read;
        this.maxAhead = maxAhead;
        topics.inputs().forEach((topic, feed) -> this.topics.put(feed, topic));
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.CLIENT_ID_CONFIG, "paywatch-demo-county"),
                new ByteArraySerializer(), new ByteArraySerializer());
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

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void send(List<CountyRecord> records) {
        for (CountyRecord r : records) {
            AvroCodec codec = codecs.get(r.record().getClass());
            byte[] value = codec.encode((SpecificRecord) r.record());
            // The log's timestamp is the time of sending: simulated times lie months back (the broker's
            // retention would delete them) or, after midnight in Shanghai, hours ahead (the broker refuses
            // those). The job reads business time from the records themselves.
            producer.send(new ProducerRecord<>(topics.get(r.feed()), null, null,
                    r.key().getBytes(java.nio.charset.StandardCharsets.UTF_8), value));
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
        producer.close(Duration.ofSeconds(5));
    }
}
