package org.paywatch.pipeline;

import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.MetricGroup;

/**
 * Milliseconds since the last checkpoint this task saw complete (or since it started, before the
 * first): alerts reach read_committed consumers only with a checkpoint, so a growing age means
 * alerts are held back. Flink's own checkpoint metrics give counts and durations, not this age.
 */
final class CheckpointAge implements Gauge<Long> {
    private volatile long lastCompleted = System.currentTimeMillis();

    static CheckpointAge register(MetricGroup group) {
        return group.gauge("checkpointAgeMillis", new CheckpointAge());
    }

    void completed() {
        lastCompleted = System.currentTimeMillis();
    }

    @Override
    public Long getValue() {
        return System.currentTimeMillis() - lastCompleted;
    }
}
