package org.paywatch.domain;

/** Where a record came from: Kafka topic, partition and offset, or a replay file and line number. */
public class Origin {
    public String topic;
    public int partition;
    public long offset;

    public Origin() {}

    public Origin(String topic, int partition, long offset) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
    }

    @Override
    public String toString() {
        return topic + "/" + partition + "@" + offset;
    }
}
