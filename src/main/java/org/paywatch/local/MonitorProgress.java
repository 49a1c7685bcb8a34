package org.paywatch.local;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.paywatch.config.JobConfig;

/**
 * How far the live job has read the input topics: the offsets its Kafka source commits with every
 * completed checkpoint. The demo's and the drills' topics are fresh and written without transactions,
 * so the sum of the committed offsets is the number of records read.
 */
public final class MonitorProgress implements AutoCloseable {
    private final Admin admin;
    private final String groupId;
    private final JobConfig.Topics topics;
    private long lastKnown;

    public MonitorProgress(String bootstrapServers, String groupId, JobConfig.Topics topics) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.groupId = groupId;
        this.topics = topics;
    }

    /** Records of the input topics the job has read, as of its last completed checkpoint. */
    public synchronized long recordsRead() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(groupId)
                    .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
            long read = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> e : offsets.entrySet()) {
                if (e.getValue() != null && topics.inputs().containsKey(e.getKey().topic())) {
                    read += e.getValue().offset();
                }
            }
            lastKnown = read;
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
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
