package org.paywatch.io.influx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.local.InfluxServer;

class InfluxSinkTest {

    private static final SinkWriter.Context NO_CONTEXT = new SinkWriter.Context() {
        @Override
        public long currentWatermark() {
            return Long.MIN_VALUE;
        }

        @Override
        public Long timestamp() {
            return null;
        }
    };

    @TempDir
    static Path sharedDir;

    static InfluxServer influx;
    static InfluxHttp http;

    @TempDir
    Path ownDir;

    String database;
    StandaloneWriterContext context = new StandaloneWriterContext();

    @BeforeAll
    static void startInflux() {
        influx = InfluxServer.start(sharedDir);
        http = new InfluxHttp(influx.url());
    }

    @AfterAll
    static void stopInflux() {
        influx.close();
    }

    @BeforeEach
    void nameDatabaseAfterTest(TestInfo test) {
        database = test.getTestMethod().orElseThrow().getName();
    }

    @Test
    void shouldWriteBufferedPointsOnFlushEvenBelowBatchSize() throws Exception {
        try (SinkWriter<InfluxPoint> writer = sink(influx).withBatchSize(100).createWriter(context)) {
            for (int i = 0; i < 3; i++) {
                writer.write(new InfluxPoint("arrears", 1_000L + i).field("amount", 100L * i), NO_CONTEXT);
            }
            assertThat(count("arrears")).isZero();

            writer.flush(false);

            assertThat(count("arrears")).isEqualTo(3);
            assertThat(context.counter("influxPointsWritten")).isEqualTo(3);
        }
    }

    @Test
    void shouldWriteAFullBatchWithoutWaitingForAFlush() throws Exception {
        try (SinkWriter<InfluxPoint> writer = sink(influx).withBatchSize(2).createWriter(context)) {
            writer.write(new InfluxPoint("clock_ins", 1_000L).field("n", 1L), NO_CONTEXT);
            writer.write(new InfluxPoint("clock_ins", 2_000L).field("n", 2L), NO_CONTEXT);
            writer.write(new InfluxPoint("clock_ins", 3_000L).field("n", 3L), NO_CONTEXT);

            assertThat(count("clock_ins")).isEqualTo(2);
        }
    }

    @Test
    void shouldRoundTripChineseTextAndCharactersThatNeedEscaping() throws Exception {
        InfluxPoint alert = new InfluxPoint("欠薪 预警,v=2", 1_700_000_000_123L)
                .tag("项目", "城南 工地, 二期=B")
                .tag("empty", "")
                .field("原因", "连续两月未发工资 \"急\" C:\\工资\\5月\n第二行")
                .field("金额", 12_345.67)
                .field("workers", 42L)
                .field("open", true);

        try (SinkWriter<InfluxPoint> writer = sink(influx).createWriter(context)) {
            writer.write(alert, NO_CONTEXT);
            writer.flush(true);
        }

        List<Map<String, Object>> rows =
                http.query(database, "SELECT * FROM \"欠薪 预警,v=2\"").rows();
        assertThat(rows)
                .singleElement()
                .satisfies(row -> assertThat(row)
                        .containsEntry("time", 1_700_000_000_123L)
                        .containsEntry("项目", "城南 工地, 二期=B")
                        .containsEntry("原因", "连续两月未发工资 \"急\" C:\\工资\\5月\n第二行")
                        .containsEntry("金额", 12_345.67)
                        .containsEntry("workers", 42L)
                        .containsEntry("open", true)
                        .doesNotContainKey("empty"));
    }

    @Test
    void shouldStoreTheSamePointOnceWhenItIsWrittenTwice() throws Exception {
        InfluxPoint point =
                new InfluxPoint("alerts", 5_000L).tag("alert_id", "A-1").field("level", 2L);

        try (SinkWriter<InfluxPoint> writer = sink(influx).createWriter(context)) {
            writer.write(point, NO_CONTEXT);
            writer.flush(false);
            writer.write(point, NO_CONTEXT); // a replay after a restart from a checkpoint
            writer.flush(false);
        }

        assertThat(count("alerts")).isEqualTo(1);
        assertThat(context.counter("influxPointsWritten")).isEqualTo(2);
    }

    @Test
    void shouldKeepTheGoodPointsOfABatchInfluxPartlyRejects() throws Exception {
        try (SinkWriter<InfluxPoint> writer = sink(influx).createWriter(context)) {
            writer.write(new InfluxPoint("progress", 1_000L).field("percent", 10L), NO_CONTEXT);
            writer.flush(false);

            writer.write(new InfluxPoint("progress", 2_000L).field("percent", 20L), NO_CONTEXT);
            writer.write(new InfluxPoint("progress", 3_000L).field("percent", 33.3), NO_CONTEXT); // type conflict
            writer.write(new InfluxPoint("progress", 4_000L).field("percent", 40L), NO_CONTEXT);
            writer.flush(false);
        }

        assertThat(http.query(database, "SELECT percent FROM progress").rows())
                .extracting(row -> row.get("time"))
                .containsExactly(1_000L, 2_000L, 4_000L);
        assertThat(context.counter("influxPointsWritten")).isEqualTo(3);
        assertThat(context.counter("numRecordsOutErrors")).isEqualTo(1);
    }

    @Test
    void shouldDropAPointThatHasNoStorableFieldInsteadOfFailing() throws Exception {
        try (SinkWriter<InfluxPoint> writer = sink(influx).createWriter(context)) {
            writer.write(new InfluxPoint("progress", 1_000L).field("percent", Double.NaN), NO_CONTEXT);
            writer.write(new InfluxPoint("progress", 2_000L).field("percent", 20.0), NO_CONTEXT);
            writer.flush(false);
        }

        assertThat(count("progress")).isEqualTo(1);
        assertThat(context.counter("numRecordsOutErrors")).isEqualTo(1);
    }

    @Test
    void shouldRecreateTheDatabaseWhenItWasDroppedWhileRunningThenRestartTheJob() throws Exception {
        try (SinkWriter<InfluxPoint> writer = sink(influx).createWriter(context)) {
            postStatement("DROP DATABASE \"" + database + "\"");

            writer.write(new InfluxPoint("payments", 1_000L).field("amount", 5L), NO_CONTEXT);
            // Unchanged pay months are not written again while the job runs (SnapshotPoints): a restart writes them.
            assertThatThrownBy(() -> writer.flush(false))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("was dropped while the job ran")
                    .hasMessageContaining("restarts from its last checkpoint");
        }

        assertThat(count("payments")).isEqualTo(1);
    }

    @Test
    void shouldRetryThenFailNamingTheUrlWhenInfluxIsDown() throws Exception {
        InfluxServer doomed = InfluxServer.start(ownDir);
        SinkWriter<InfluxPoint> writer = sink(doomed)
                .withMaxRetries(2)
                .withInitialBackoff(Duration.ofMillis(100))
                .createWriter(context);
        doomed.close();
        writer.write(new InfluxPoint("payments", 1_000L).field("amount", 5L), NO_CONTEXT);

        long started = System.nanoTime();
        assertThatThrownBy(() -> writer.flush(false))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(doomed.url())
                .hasMessageContaining("after 3 attempts")
                .hasCauseInstanceOf(ConnectException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void shouldRetryUntilInfluxIsBackUp() throws Exception {
        InfluxServer first = InfluxServer.start(ownDir);
        int port = URI.create(first.url()).getPort();
        SinkWriter<InfluxPoint> writer = sink(first)
                .withMaxRetries(6)
                .withInitialBackoff(Duration.ofMillis(100))
                .createWriter(context);
        first.close();
        CompletableFuture<InfluxServer> restarted = CompletableFuture.supplyAsync(() -> {
            sleep(Duration.ofMillis(500));
            return InfluxServer.start(ownDir, port);
        });
        try {
            writer.write(new InfluxPoint("payments", 1_000L).field("amount", 5L), NO_CONTEXT);

            long started = System.nanoTime();
            writer.flush(false);

            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(300));

            assertThat(new InfluxHttp(first.url())
                            .query(database, "SELECT count(amount) FROM payments")
                            .rows())
                    .singleElement()
                    .satisfies(row -> assertThat(row).containsEntry("count", 1L));
        } finally {
            restarted.join().close();
        }
    }

    @Test
    void shouldWriteBufferedPointsAtEveryCheckpointOfARunningJob() throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, loopbackOnly());
        env.enableCheckpointing(200);
        long start = 1_700_000_000_000L;
        DataGeneratorSource<InfluxPoint> heartbeats = new DataGeneratorSource<>(
                seq -> new InfluxPoint("heartbeats", start + seq)
                        .tag("source", "datagen")
                        .field("seq", seq),
                Long.MAX_VALUE,
                RateLimiterStrategy.perSecond(200),
                TypeInformation.of(InfluxPoint.class));
        env.fromSource(heartbeats, WatermarkStrategy.noWatermarks(), "heartbeats")
                // A batch never fills up: only checkpoints can get points written.
                .sinkTo(new InfluxSink(influx.url(), database).withBatchSize(1_000_000));

        JobClient job = env.executeAsync("influx-sink-at-checkpoints");
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (count("heartbeats") < 100 && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }

            assertThat(count("heartbeats")).isGreaterThanOrEqualTo(100);
            assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
        } finally {
            job.cancel().get();
        }
    }

    private static Configuration loopbackOnly() {
        Configuration conf = new Configuration();
        conf.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        conf.set(RestOptions.ADDRESS, "127.0.0.1");
        conf.set(RestOptions.BIND_PORT, "0");
        conf.set(JobManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(JobManagerOptions.ADDRESS, "127.0.0.1");
        conf.set(TaskManagerOptions.BIND_HOST, "127.0.0.1");
        conf.set(TaskManagerOptions.HOST, "127.0.0.1");
        return conf;
    }

    private InfluxSink sink(InfluxServer server) {
        return new InfluxSink(server.url(), database);
    }

    private long count(String measurement) throws Exception {
        List<Map<String, Object>> rows;
        try {
            rows = http.query(database, "SELECT count(*) FROM \"" + measurement + "\"")
                    .rows();
        } catch (IOException e) {
            if (e.getMessage().contains("database not found")) {
                return 0; // the writer has not started yet
            }
            throw e;
        }
        return rows.isEmpty()
                ? 0
                : rows.get(0).entrySet().stream()
                        .filter(e -> e.getKey().startsWith("count_"))
                        .mapToLong(e -> (Long) e.getValue())
                        .max()
                        .orElse(0);
    }

    // InfluxDB 1.x refuses DROP over GET, and the client has no use for it otherwise.
    private void postStatement(String statement) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(influx.url() + "/query?q=" + URLEncoder.encode(statement, StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        assertThat(HttpClient.newHttpClient()
                        .send(request, HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
