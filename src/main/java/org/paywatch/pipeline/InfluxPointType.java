package org.paywatch.pipeline;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.paywatch.io.influx.InfluxPoint;

/** The type of the stream of InfluxDB points to the InfluxDB writer, written by {@link InfluxPointSerializer}. */
public final class InfluxPointType extends StreamType<InfluxPoint> {
    private static final long serialVersionUID = 1L;

    public static final InfluxPointType INSTANCE = new InfluxPointType();

    private InfluxPointType() {
        super(InfluxPoint.class);
    }

    @Override
    public TypeSerializer<InfluxPoint> createSerializer(SerializerConfig config) {
        return InfluxPointSerializer.INSTANCE;
    }
}
