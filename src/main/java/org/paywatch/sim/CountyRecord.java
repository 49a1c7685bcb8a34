package org.paywatch.sim;

import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.paywatch.domain.Feed;

/** One simulated feed record: which feed it belongs to, its Kafka key and its event time. */
public record CountyRecord(Feed feed, String key, Instant eventTime, SpecificRecord record) {}
