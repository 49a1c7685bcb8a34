package org.paywatch.drill;

import java.util.Map;

/** One run of the live job in a drill: `paywatch run` as a process, or the job on the cluster. */
interface LiveRun extends AutoCloseable {
    void start() throws Exception;

    /** Flink's REST API of the runtime that runs the job. */
    String restUrl();

    /** The job's accumulators (recordsIn, recordsApplied, …): totals that survive restarts. */
    Map<String, Long> counters() throws Exception;

    /** How often the job has failed and restarted (a process killed and started again is not counted). */
    int failures() throws Exception;

    @Override
    void close();
}
