package org.paywatch.io.influx;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Buffers points as lines and writes them in batches; see {@link InfluxSink}. */
final class InfluxSinkWriter implements SinkWriter<InfluxPoint> {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxSinkWriter.class);
    private static final Pattern DROPPED = Pattern.compile("dropped=(\\d+)");
    private static final Pattern UNPARSABLE = Pattern.compile("unable to parse");

    private final InfluxHttp influx;
    private final String database;
    private final int batchSize;
    private final Backoff backoff;
    private final List<String> buffer;
    /** Set when a write found the database dropped and recreated it. */
    private boolean recreated;

    private final Counter pointsWritten;
    private final Counter pointsRejected;
    private final Counter recordsSent;

    InfluxSinkWriter(InfluxHttp influx, String database, int batchSize, Backoff backoff, SinkWriterMetricGroup metrics)
            throws IOException, InterruptedException {
        this.influx = influx;
        this.database = database;
        this.batchSize = batchSize;
        this.backoff = backoff;
        this.buffer = new ArrayList<>(Math.min(batchSize, 10_000));
        this.pointsWritten = metrics.counter("influxPointsWritten");
        this.pointsRejected = metrics.getNumRecordsOutErrorsCounter();
        this.recordsSent = metrics.getNumRecordsSendCounter();
        backoff.run("CREATE DATABASE " + database, influx.url(), () -> influx.createDatabase(database));
    }

    @Override
    public void write(InfluxPoint point, Context context) throws IOException, InterruptedException {
        try {
            buffer.add(point.toLineProtocol());
        } catch (IllegalArgumentException | IllegalStateException unstorable) {
            // Failing would restart the job into the same point forever.
            LOG.warn("dropping a point InfluxDB cannot store: {}", unstorable.getMessage());
            pointsRejected.inc();
            return;
        }
        if (buffer.size() >= batchSize) {
            writeBuffer();
        }
    }

    /** Called before every checkpoint and at end of input: nothing stays buffered past it. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        writeBuffer();
    }

    /** Unflushed points are not written: Flink replays them from the last checkpoint. */
    @Override
    public void close() {
        buffer.clear();
    }

    private void writeBuffer() throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            return;
        }
        int rejected = 0;
        try {
            backoff.run("writing " + buffer.size() + " points into " + database, influx.url(), this::writeOnce);
        } catch (InfluxResponseException refused) {
            if (refused.status() != 400) {
                throw refused; // auth, wrong URL...: retrying will not help, dropping would hide it
            }
            // 400 = bad points (type conflict, parse error); InfluxDB has written the good ones.
            rejected = Math.min(rejectedCount(refused.serverError()), buffer.size());
            LOG.warn(
                    "InfluxDB at {} rejected {} of {} points into {}; the rest are written: {}",
                    influx.url(),
                    rejected,
                    buffer.size(),
                    database,
                    abbreviate(refused.serverError()));
        }
        pointsWritten.inc(buffer.size() - rejected);
        pointsRejected.inc(rejected);
        recordsSent.inc(buffer.size());
        buffer.clear();
        if (recreated) {
            // The job writes a pay month's point only when it changes (SnapshotPoints): a restart writes them all.
            throw new IOException("InfluxDB database " + database + " at " + influx.url()
                    + " was dropped while the job ran; it has been recreated and the job restarts from its last"
                    + " checkpoint, so that every project's pay months are written into it again");
        }
    }

    private void writeOnce() throws IOException, InterruptedException {
        try {
            influx.write(database, buffer);
        } catch (InfluxResponseException e) {
            if (e.status() != 404) {
                throw e;
            }
            // "database not found": someone dropped it while we ran; recreate it as on start.
            influx.createDatabase(database);
            influx.write(database, buffer);
            recreated = true;
        }
    }

    /** InfluxDB reports unparsable lines one by one and other rejections as dropped=N. */
    private static int rejectedCount(String serverError) {
        int rejected = 0;
        Matcher unparsable = UNPARSABLE.matcher(serverError);
        while (unparsable.find()) {
            rejected++;
        }
        Matcher dropped = DROPPED.matcher(serverError);
        if (dropped.find()) {
            rejected += Integer.parseInt(dropped.group(1));
        }
        return rejected;
    }

    // The server's error quotes the offending line: keep its first ~200 characters, not a whole batch.
    private static String abbreviate(String text) {
        return text.length() <= 250 ? text : text.substring(0, 250) + "…";
    }
}
