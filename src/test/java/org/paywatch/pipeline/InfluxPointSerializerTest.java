package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.paywatch.io.influx.InfluxPoint;

/**
 * InfluxPointSerializer held to Flink's contract for serializers (round trips, copies, snapshot, duplicates), with
 * points of every field type, empty and missing maps, and text that needs escaping in line protocol.
 */
class InfluxPointSerializerTest extends SerializerTestBase<InfluxPoint> {

    @Override
    protected TypeSerializer<InfluxPoint> createSerializer() {
        return InfluxPointType.INSTANCE.createSerializer(new SerializerConfigImpl());
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<InfluxPoint> getTypeClass() {
        return InfluxPoint.class;
    }

    @Override
    protected InfluxPoint[] getTestData() {
        InfluxPoint everyType = new InfluxPoint("project_risk", 1_764_000_000_000L)
                .tag("project", "P-330102-0001")
                .tag("town", "城关镇, 东区")
                .field("long", 12_345_678_901L)
                .field("int", 7)
                .field("short", (short) 3)
                .field("byte", (byte) 1)
                .field("double", 0.25)
                .field("float", 1.5f)
                .field("flag", true)
                .field("message", "欠薪 \"3\" 人\n请处理\\");
        InfluxPoint nullValue = new InfluxPoint("alert", 0L).field("level", "RED");
        nullValue.fields.put("cleared", null);
        InfluxPoint noMaps = new InfluxPoint(null, -1L);
        noMaps.tags = null;
        noMaps.fields = null;
        return new InfluxPoint[] {everyType, nullValue, new InfluxPoint("empty", 42L), noMaps};
    }

    @Test
    void shouldRenderTheSameLineAfterTheTrip() throws Exception {
        InfluxPoint sent = getTestData()[0];
        InfluxPoint received = roundTrip(sent);
        assertThat(received).isEqualTo(sent);
        assertThat(received.fields.get("int")).isInstanceOf(Integer.class);
        assertThat(received.fields.get("float")).isInstanceOf(Float.class);
        assertThat(received.toLineProtocol()).isEqualTo(sent.toLineProtocol());
    }

    @Test
    void shouldSortMapsThatArriveUnsorted() throws Exception {
        InfluxPoint sent = new InfluxPoint("project_month", 5L);
        sent.tags = new TreeMap<>(Map.of("z", "1", "a", "2"));
        sent.fields = new HashMap<>(Map.of("workersOwed", 3L, "accruedFen", 100L, "unpaidFen", 40L));
        InfluxPoint received = roundTrip(sent);
        assertThat(received.fields).isInstanceOf(TreeMap.class);
        assertThat(received.toLineProtocol())
                .isEqualTo("project_month,a=2,z=1 accruedFen=100i,unpaidFen=40i,workersOwed=3i 5");
    }

    @Test
    void shouldRefuseAFieldInfluxDbCannotStore() {
        InfluxPoint point = new InfluxPoint("alert", 1L);
        point.fields.put("when", java.time.LocalDate.of(2026, 12, 3));
        assertThatThrownBy(() -> InfluxPointSerializer.INSTANCE.serialize(point, new DataOutputSerializer(64)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("field when has a java.time.LocalDate value");
    }

    private static InfluxPoint roundTrip(InfluxPoint point) throws Exception {
        DataOutputSerializer out = new DataOutputSerializer(256);
        InfluxPointSerializer.INSTANCE.serialize(point, out);
        return InfluxPointSerializer.INSTANCE.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }
}
