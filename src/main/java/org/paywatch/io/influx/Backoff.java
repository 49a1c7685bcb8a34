package org.paywatch.io.influx;

import java.io.IOException;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Retries a call on transient failures (I/O errors, 5xx), waiting twice as long each time. */
final class Backoff {

    private static final Logger LOG = LoggerFactory.getLogger(Backoff.class);
    private static final Duration MAX_WAIT = Duration.ofMinutes(1);

    @FunctionalInterface
    interface Call {
        void run() throws IOException, InterruptedException;
    }

    private final int maxRetries;
    private final Duration initialWait;

    Backoff(int maxRetries, Duration initialWait) {
        this.maxRetries = maxRetries;
        this.initialWait = initialWait;
    }

    /**
     * Runs {@code call}, retrying transient failures up to {@code maxRetries} times. A permanent
     * failure (4xx) is thrown as is; the last transient one is wrapped with {@code what}.
     */
    void run(String what, String url, Call call) throws IOException, InterruptedException {
        Duration wait = initialWait;
        for (int attempt = 1; ; attempt++) {
            try {
                call.run();
                return;
            } catch (IOException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                if (attempt > maxRetries) {
                    throw new IOException(
                            what + " failed at InfluxDB " + url + " after " + attempt + " attempts; last error: " + e,
                            e);
                }
                LOG.warn(
                        "{} failed at InfluxDB {} (attempt {} of {}), retrying in {} ms: {}",
                        what,
                        url,
                        attempt,
                        maxRetries + 1,
                        wait.toMillis(),
                        e.toString());
                Thread.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(MAX_WAIT) > 0 ? MAX_WAIT : wait.multipliedBy(2);
            }
        }
    }

    private static boolean isTransient(IOException e) {
        return !(e instanceof InfluxResponseException response) || response.status() >= 500;
    }
}
