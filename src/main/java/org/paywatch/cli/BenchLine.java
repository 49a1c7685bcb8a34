package org.paywatch.cli;

import java.util.Locale;

/**
 * The last line of `paywatch bench`, which scripts and the docs read: events, the job's and the raw consumer's
 * events a second and their ratio, alert latency (p50, p99) and checkpointed bytes per active worker.
 */
record BenchLine(long events, double jobEps, double rawEps, long p50Millis, long p99Millis, long stateBytesPerWorker) {
    double ratio() {
        return rawEps <= 0 ? 0 : jobEps / rawEps;
    }

    @Override
    public String toString() {
        return String.format(
                Locale.ROOT,
                "bench: events=%d job_eps=%.0f raw_eps=%.0f ratio=%.2f p50_ms=%d p99_ms=%d state_bytes_per_worker=%d",
                events,
                jobEps,
                rawEps,
                ratio(),
                p50Millis,
                p99Millis,
                stateBytesPerWorker);
    }
}
