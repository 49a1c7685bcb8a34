package org.paywatch.io.influx;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * Writes {@link InfluxPoint}s to InfluxDB 1.x, at least once: the writer flushes its buffer
 * synchronously before every checkpoint, and replays after a restart overwrite the same points.
 *
 * <pre>{@code
 * points.sinkTo(new InfluxSink("http://127.0.0.1:8086", "paywatch").withBatchSize(1000));
 * }</pre>
 */
public final class InfluxSink implements Sink<InfluxPoint> {

    private static final long serialVersionUID = 1L;

    private final String url;
    private final String database;
    private final int batchSize;
    private final int maxRetries;
    private final Duration initialBackoff;

    /** Batches of 500, 5 retries from 200 ms doubling (about 6 s before the job fails). */
    public InfluxSink(String url, String database) {
        this(url, database, 500, 5, Duration.ofMillis(200));
    }

    private InfluxSink(String url, String database, int batchSize, int maxRetries, Duration initialBackoff) {
        URI.create(Objects.requireNonNull(url, "url"));
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("database must not be blank");
        }
        if (batchSize < 1 || maxRetries < 0 || initialBackoff.isNegative()) {
            throw new IllegalArgumentException("need batchSize >= 1, maxRetries >= 0, initialBackoff >= 0; got "
                    + batchSize + ", " + maxRetries + ", " + initialBackoff);
        }
        this.url = url;
        this.database = database;
        this.batchSize = batchSize;
        this.maxRetries = maxRetries;
        this.initialBackoff = initialBackoff;
    }

    /** Points per HTTP write; a write also happens at every checkpoint, whatever the size. */
    public InfluxSink withBatchSize(int batchSize) {
        return new InfluxSink(url, database, batchSize, maxRetries, initialBackoff);
    }

    /** Retries after the first failed attempt before the writer gives up and fails the job. */
    public InfluxSink withMaxRetries(int maxRetries) {
        return new InfluxSink(url, database, batchSize, maxRetries, initialBackoff);
    }

    /** Wait before the first retry; it doubles for each next one. */
    public InfluxSink withInitialBackoff(Duration initialBackoff) {
        return new InfluxSink(url, database, batchSize, maxRetries, initialBackoff);
    }

    /** Creates the database if needed (with the same retries as writes) and returns the writer. */
    @Override
    public SinkWriter<InfluxPoint> createWriter(WriterInitContext context) throws IOException {
        try {
            return new InfluxSinkWriter(
                    new InfluxHttp(url),
                    database,
                    batchSize,
                    new Backoff(maxRetries, initialBackoff),
                    context.metricGroup());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while creating database " + database + " at " + url);
        }
    }
}
