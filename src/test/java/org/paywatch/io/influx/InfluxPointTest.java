package org.paywatch.io.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.TreeMap;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class InfluxPointTest {

    @Test
    void shouldRenderTypedFieldsWithMillisecondTimestamp() {
        InfluxPoint point = new InfluxPoint("payroll", 1_700_000_000_123L)
                .tag("project", "P-7")
                .field("workers", 12L)
                .field("days", 3)
                .field("ratio", 0.25)
                .field("overdue", true)
                .field("note", "ok");

        assertThat(point.toLineProtocol())
                .isEqualTo("payroll,project=P-7 days=3i,note=\"ok\",overdue=true,ratio=0.25,workers=12i 1700000000123");
    }

    @Test
    void shouldSortTagsWhateverTheOrderTheyWereAddedIn() {
        InfluxPoint point = new InfluxPoint("m", 1).field("v", 1L);
        point.tags = new TreeMap<>(Comparator.reverseOrder());
        point.tag("alpha", "a").tag("zone", "z");

        assertThat(point.toLineProtocol()).isEqualTo("m,alpha=a,zone=z v=1i 1");
    }

    @Test
    void shouldEscapeCommasSpacesAndEqualsInNamesAndTags() {
        InfluxPoint point = new InfluxPoint("wage arrears,v=2", 5)
                .tag("site name", "Block A, gate=3")
                .field("paid amount", 1.5);

        assertThat(point.toLineProtocol())
                .isEqualTo("wage\\ arrears\\,v=2,site\\ name=Block\\ A\\,\\ gate\\=3 paid\\ amount=1.5 5");
    }

    @Test
    void shouldEscapeQuotesAndBackslashesInStringFields() {
        InfluxPoint point = new InfluxPoint("m", 1).field("path", "C:\\pay \"May\"");

        assertThat(point.toLineProtocol()).isEqualTo("m path=\"C:\\\\pay \\\"May\\\"\" 1");
    }

    @Test
    void shouldKeepChineseTextAsIs() {
        InfluxPoint point = new InfluxPoint("欠薪预警", 1).tag("项目", "城南 工地").field("原因", "连续两月未发工资");

        assertThat(point.toLineProtocol()).isEqualTo("欠薪预警,项目=城南\\ 工地 原因=\"连续两月未发工资\" 1");
    }

    @Test
    void shouldOmitEmptyAndNullTagValues() {
        InfluxPoint point = new InfluxPoint("m", 1)
                .tag("empty", "")
                .tag("none", null)
                .tag("kept", "x")
                .field("v", 1L);

        assertThat(point.toLineProtocol()).isEqualTo("m,kept=x v=1i 1");
    }

    @Test
    void shouldReplaceLineBreaksOutsideStringFieldsButKeepThemInside() {
        InfluxPoint point = new InfluxPoint("m", 1).tag("t", "a\nb").field("s", "line1\nline2");

        assertThat(point.toLineProtocol()).isEqualTo("m,t=a\\ b s=\"line1\nline2\" 1");
    }

    @Test
    void shouldSkipNullAndNonFiniteFieldValues() {
        InfluxPoint point = new InfluxPoint("m", 1)
                .field("nan", Double.NaN)
                .field("none", null)
                .field("v", 2.0);

        assertThat(point.toLineProtocol()).isEqualTo("m v=2.0 1");
    }

    @Test
    void shouldRefuseAPointWithoutStorableFields() {
        InfluxPoint point = new InfluxPoint("m", 1).field("nan", Double.NaN);

        assertThatThrownBy(point::toLineProtocol)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no field");
    }

    @Test
    void shouldRefuseAFieldTypeInfluxCannotStore() {
        assertThatThrownBy(() -> new InfluxPoint("m", 1).field("amount", new BigDecimal("1.10")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("amount");

        InfluxPoint point = new InfluxPoint("m", 1);
        point.fields = new HashMap<>();
        point.fields.put("amount", new BigDecimal("1.10"));
        assertThatThrownBy(point::toLineProtocol).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldBeEqualToAPointWithTheSameContent() {
        InfluxPoint a = new InfluxPoint("m", 1).tag("t", "x").field("v", 1L);
        InfluxPoint b = new InfluxPoint("m", 1).tag("t", "x").field("v", 1L);

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    }

    @Test
    void shouldTravelThroughFlinkAsAPojo() throws Exception {
        TypeInformation<InfluxPoint> type = TypeInformation.of(InfluxPoint.class);
        TypeSerializer<InfluxPoint> serializer = type.createSerializer(new SerializerConfigImpl());
        InfluxPoint point = new InfluxPoint("欠薪预警", 7)
                .tag("project", "P-1")
                .field("amount", 3L)
                .field("why", "迟发");

        DataOutputSerializer out = new DataOutputSerializer(256);
        serializer.serialize(point, out);
        InfluxPoint copy = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));

        assertThat(type).isInstanceOf(PojoTypeInfo.class);
        assertThat(copy).isEqualTo(point);
        assertThat(copy.toLineProtocol()).isEqualTo(point.toLineProtocol());
    }
}
