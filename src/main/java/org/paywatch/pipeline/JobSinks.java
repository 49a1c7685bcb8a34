package org.paywatch.pipeline;

import org.apache.flink.api.connector.sink2.Sink;
import org.paywatch.domain.AlertEvent;
import org.paywatch.domain.Rejection;
import org.paywatch.io.influx.InfluxPoint;

/**
 * Where the job writes: alert transitions, rejected records, and (optionally) InfluxDB points.
 * The live job passes Kafka and InfluxDB sinks; replay and tests pass their own.
 */
public record JobSinks(Sink<AlertEvent> alerts, Sink<Rejection> rejected, Sink<InfluxPoint> influx) {}
