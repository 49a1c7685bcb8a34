package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.streaming.api.graph.StreamNode;
import org.junit.jupiter.api.Test;
import org.paywatch.config.JobConfigFile;
import org.paywatch.domain.FeedEvent;
import org.paywatch.domain.Received;
import org.paywatch.io.influx.InfluxPoint;

/** The topology as Flink builds it from RiskMonitorJob, not run. */
class RiskMonitorJobTest {

    @Test
    void shouldReadEveryStreamOfFeedEventsWithTheTaggedSerializer() throws Exception {
        StreamGraph graph = topology();
        TypeSerializer<FeedEvent> pojo = TypeInformation.of(FeedEvent.class)
                .createSerializer(graph.getExecutionConfig().getSerializerConfig());

        List<String> tagged = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            for (TypeSerializer<?> in : node.getTypeSerializersIn()) {
                assertThat((Object) in).as(node.getOperatorName()).isNotEqualTo(pojo);
                if (in instanceof FeedEventSerializer) {
                    tagged.add(node.getOperatorName());
                }
            }
        }

        assertThat(tagged)
                .containsExactlyInAnyOrder(
                        "apply each txnId once",
                        "resolve account -> project",
                        "resolve enterprise -> projects",
                        "project monitor (rules, deadlines)");
    }

    @Test
    void shouldSendThePointsToInfluxDbWithTheirOwnSerializerNotKryo() throws Exception {
        StreamGraph graph = topology(new DiscardingSink<>());

        List<TypeSerializer<?>> intoInfluxDb = new ArrayList<>();
        for (StreamNode node : graph.getStreamNodes()) {
            if (node.getOperatorName().startsWith("InfluxDB")) {
                intoInfluxDb.addAll(List.of(node.getTypeSerializersIn()));
            }
        }

        assertThat(intoInfluxDb).isNotEmpty().allMatch(s -> s == InfluxPointSerializer.INSTANCE);
    }

    private static StreamGraph topology() throws Exception {
        return topology(null);
    }

    private static StreamGraph topology(Sink<InfluxPoint> influx) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        var received = env.fromSource(
                new DataGeneratorSource<>(i -> new Received(), 1, TypeInformation.of(Received.class)),
                WatermarkStrategy.noWatermarks(),
                "records");
        RiskMonitorJob.build(
                received,
                new JobSinks(new DiscardingSink<>(), new DiscardingSink<>(), influx),
                JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")),
                "graph-test-key".getBytes(StandardCharsets.UTF_8),
                Long.MAX_VALUE);
        return env.getStreamGraph();
    }
}
