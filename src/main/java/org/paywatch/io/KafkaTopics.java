package org.paywatch.io;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The administration of paywatch's Kafka topics, in one place: which exist, creating them, and how far a consumer group
 * has read them. One admin client, for the broker's whole life or one check; close it.
 */
public final class KafkaTopics implements AutoCloseable {
    // The admin client's own default; a shorter answer time lowers it too, as Kafka wants it no longer than the call's.
    private static final Duration LONGEST_REQUEST = Duration.ofSeconds(30);

    private final Admin admin;
    private final Duration timeout;

    /** @param timeout how long any one operation may take, retries included */
    public KafkaTopics(String bootstrapServers, Duration timeout) {
        this.timeout = timeout;
        Duration request = timeout.compareTo(LONGEST_REQUEST) < 0 ? timeout : LONGEST_REQUEST;
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) request.toMillis()));
    }

    /** The topics the cluster has; that it answers at all tells a broker is up. */
    public Set<String> names() throws ExecutionException, InterruptedException, TimeoutException {
        return admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Those of the topics the cluster lacks, sorted. */
    public Set<String> missing(Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> missing = new TreeSet<>(topics);
        missing.removeAll(names());
        return missing;
    }

    /** Creates the topics that do not exist yet (one replica each) and waits until every partition has a leader. */
    public void create(int partitions, Map<String, String> settings, String... topics) {
        List<NewTopic> wanted = Arrays.stream(topics)
                .map(topic -> new NewTopic(topic, partitions, (short) 1).configs(settings))
                .toList();
        try {
            var created = admin.createTopics(wanted).values();
            for (String topic : topics) {
                try {
                    created.get(topic).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitLeaders(List.of(topics));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics " + Arrays.toString(topics), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not create topics " + Arrays.toString(topics) + ": " + e, e);
        }
    }

    /** The offsets the group has committed on each partition of the topics, as of now. */
    public Map<TopicPartition, Long> committedOffsets(String groupId, Set<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata()
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (offset != null && topics.contains(partition.topic())) {
                offsets.put(partition, offset.offset());
            }
        });
        return offsets;
    }

    /** Assigns the consumer every partition of the topic, from its first record; returns the partitions. */
    public static List<TopicPartition> readFromTheStart(Consumer<?, ?> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return partitions;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }

    /** Closes at once, not waiting for requests under way: the broker did not start. */
    public void abandon() {
        admin.close(Duration.ZERO);
    }

    // The controller commits a new topic before the broker has loaded its partitions: clients that
    // start right away would see UNKNOWN_TOPIC_OR_PARTITION for a moment.
    private void awaitLeaders(List<String> topics) throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                Map<String, TopicDescription> described =
                        admin.describeTopics(topics).allTopicNames().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                boolean allLed = described.values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .map(TopicPartitionInfo::leader)
                        .allMatch(leader -> leader != null && !leader.isEmpty());
                if (allLed) {
                    return;
                }
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("partitions of " + topics + " have no leader after " + timeout);
            }
            Thread.sleep(20);
        }
    }
}
