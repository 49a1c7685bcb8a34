package org.paywatch.local;

import java.time.Duration;
import org.paywatch.config.JobConfig;
import org.paywatch.io.KafkaTopics;

/**
 * How far the live job has read the input topics: the offsets its Kafka source commits with every
 * completed checkpoint. The demo's and the drills' topics are fresh and written without transactions,
 * so the sum of the committed offsets is the number of records read.
 */
public final class MonitorProgress implements AutoCloseable {
    // Asked again and again while a run goes on: a late answer is not waited for, the last one stands meanwhile.
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final KafkaTopics kafka;
    private final String groupId;
    private final JobConfig.Topics topics;
    private long lastKnown;

    public MonitorProgress(String bootstrapServers, String groupId, JobConfig.Topics topics) {
        this.kafka = new KafkaTopics(bootstrapServers, WAIT);
        this.groupId = groupId;
        this.topics = topics;
    }

    /** Records of the input topics the job has read, as of its last completed checkpoint. */
    public synchronized long recordsRead() {
        try {
            lastKnown = kafka.committedOffsets(groupId, topics.inputs().keySet()).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // not known right now (the group is still forming): the last answer stands
        }
        return lastKnown;
    }

    @Override
    public void close() {
        kafka.close();
    }
}
