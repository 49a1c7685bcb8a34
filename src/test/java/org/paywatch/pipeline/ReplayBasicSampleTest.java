package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.local.LocalFlink;

/**
 * The shared sample ../shared/samples/replay-basic (its README and expected.json are the
 * specification): replayed twice, it gives its expected outcome, byte for byte the same.
 */
class ReplayBasicSampleTest {
    private static final Path SAMPLE = Path.of("../shared/samples/replay-basic");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path out;

    static JsonNode expected;
    static Replay.Summary summary;
    static List<JsonNode> alerts = new ArrayList<>();
    static byte[] first;
    static byte[] second;

    @BeforeAll
    static void replayTwice() throws Exception {
        expected = JSON.readTree(SAMPLE.resolve("expected.json").toFile());
        long asOf =
                OffsetDateTime.parse(expected.get("asOf").asText()).toInstant().toEpochMilli();
        JobConfig config = JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"));
        byte[] key = "replay-basic-test-key".getBytes(StandardCharsets.UTF_8);
        summary = Replay.run(
                LocalFlink.environment(), SAMPLE.resolve("input"), asOf, out.resolve("a.jsonl"), config, key);
        Replay.run(LocalFlink.environment(), SAMPLE.resolve("input"), asOf, out.resolve("b.jsonl"), config, key);
        first = Files.readAllBytes(out.resolve("a.jsonl"));
        second = Files.readAllBytes(out.resolve("b.jsonl"));
        for (String line : Files.readAllLines(out.resolve("a.jsonl"))) {
            alerts.add(JSON.readTree(line));
        }
    }

    /** The level each (project, rule, scope) alert is left at when time ends; absent once cleared. */
    private static Map<String, String> finalLevels() {
        Map<String, String> levels = new LinkedHashMap<>();
        for (JsonNode a : alerts) {
            String key = a.get("projectId").asText() + "|" + a.get("ruleId").asText() + "|"
                    + a.get("scope").asText();
            if (a.get("transition").asText().equals("CLEARED")) {
                levels.remove(key);
            } else if (!a.get("transition").asText().equals("FOLLOW_UP")) {
                levels.put(key, a.get("level").asText());
            }
        }
        return levels;
    }

    @Test
    void shouldEndWithEachExpectedAlertAtItsLevel() {
        for (JsonNode e : expected.get("expected")) {
            String key = e.get("projectId").asText() + "|" + e.get("ruleId").asText() + "|"
                    + e.path("scope").asText("");
            assertThat(finalLevels()).containsEntry(key, e.get("level").asText());
        }
    }

    /**
     * Time runs to the as-of for every project, not to the first midnight after its last record: the sample's records end
     * on 20 June, and by 31 August SX-F05A's April wages are 92 days past due, and June's (due 31 July) 31.
     */
    @Test
    void shouldJudgeEveryDayUpToALaterAsOf() throws Exception {
        long asOf =
                OffsetDateTime.parse("2025-08-31T00:00:00+08:00").toInstant().toEpochMilli();
        Path later = out.resolve("later.jsonl");
        Replay.run(
                LocalFlink.environment(),
                SAMPLE.resolve("input"),
                asOf,
                later,
                JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")),
                "replay-basic-test-key".getBytes(StandardCharsets.UTF_8));

        Map<String, List<String>> pw05 = new LinkedHashMap<>();
        for (String line : Files.readAllLines(later)) {
            JsonNode a = JSON.readTree(line);
            if (a.get("projectId").asText().equals("SX-F05A")
                    && a.get("ruleId").asText().equals("PW05")) {
                pw05.computeIfAbsent(a.get("scope").asText(), s -> new ArrayList<>())
                        .add(a.get("transition").asText() + " " + a.get("level").asText() + " "
                                + a.get("eventTime").asText().substring(0, 10));
            }
        }
        assertThat(pw05.get("2025-04"))
                .containsExactly("RAISED BLUE 2025-05-26", "ESCALATED YELLOW 2025-06-01", "ESCALATED RED 2025-07-01");
        assertThat(pw05.get("2025-06")).endsWith("ESCALATED RED 2025-08-31");
    }

    @Test
    void shouldRaiseNothingThatIsForbidden() {
        for (JsonNode f : expected.get("forbidden")) {
            String project = f.get("projectId").asText();
            String rule = f.get("ruleId").isNull() ? null : f.get("ruleId").asText();
            assertThat(alerts)
                    .as("alerts of %s %s", project, rule)
                    .noneMatch(a -> a.get("projectId").asText().equals(project)
                            && (rule == null || a.get("ruleId").asText().equals(rule)));
        }
    }

    @Test
    void shouldRejectExactlyTheExpectedNumberOfLines() throws Exception {
        assertThat(Files.readAllLines(out.resolve("a.jsonl.rejected")))
                .hasSize(expected.get("rejected").asInt());
        assertThat(summary.in()).isEqualTo(summary.applied() + summary.duplicates() + summary.deadLettered());
        assertThat(summary.duplicates())
                .as("SX-DUP's payout was sent three times")
                .isEqualTo(2);
    }

    @Test
    void shouldNeverWriteAnIdCardOrAccountNumberInClear() {
        String text = new String(first, StandardCharsets.UTF_8);
        for (JsonNode secret : expected.get("secrets")) {
            assertThat(text).doesNotContain(secret.asText());
        }
    }

    @Test
    void shouldGiveByteIdenticalAlertsWhenReplayedAgain() {
        assertThat(first).isNotEmpty();
        assertThat(second).isEqualTo(first);
    }
}
