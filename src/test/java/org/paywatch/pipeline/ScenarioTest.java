package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.domain.PersonalNumbers;
import org.paywatch.local.LocalFlink;

/**
 * Every folder under src/test/resources/scenarios/ is a replay folder ({@code input/*.jsonl}) with
 * its {@code expected.json}: the as-of instant and the exact alert transitions, in output order, as
 * "projectId ruleId scope transition level" (scope "-" when empty; a worker's pseudonym is written
 * as "worker:" and the ID number of the input, so the files stay readable).
 */
class ScenarioTest {
    private static final Path SCENARIOS = Path.of("src/test/resources/scenarios");
    private static final byte[] KEY = "scenario-test-pseudonym-key".getBytes(StandardCharsets.UTF_8);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path out;

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> dirs = Files.list(SCENARIOS)) {
            return dirs
                    .filter(d -> Files.exists(d.resolve("expected.json")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void shouldReplayToItsExpectedTransitions(String name) throws Exception {
        Path dir = SCENARIOS.resolve(name);
        JsonNode expected = JSON.readTree(dir.resolve("expected.json").toFile());
        long asOf =
                OffsetDateTime.parse(expected.get("asOf").asText()).toInstant().toEpochMilli();
        JobConfig config = JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"));

        Replay.Summary summary = Replay.run(
                LocalFlink.environment(), dir.resolve("input"), asOf, out.resolve("alerts.jsonl"), config, KEY);

        Map<String, String> workers = workerIdsByPseudonym(dir.resolve("input"));
        List<String> actual = new ArrayList<>();
        List<String> times = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve("alerts.jsonl"))) {
            JsonNode a = JSON.readTree(line);
            String scope = a.get("scope").asText();
            scope = scope.isEmpty() ? "-" : workers.getOrDefault(scope, scope);
            actual.add(String.join(
                    " ",
                    a.get("projectId").asText(),
                    a.get("ruleId").asText(),
                    scope,
                    a.get("transition").asText(),
                    a.get("level").asText()));
            times.add(a.get("eventTime").asText());
        }
        List<String> want = new ArrayList<>();
        expected.get("transitions").forEach(t -> want.add(t.asText()));
        // "… CLEARED BLUE @ 2025-04-28T07:40" also pins the transition's time, to the precision written
        for (int i = 0; i < Math.min(want.size(), actual.size()); i++) {
            int at = want.get(i).indexOf(" @ ");
            if (at >= 0) {
                String time = want.get(i).substring(at + 3);
                actual.set(
                        i,
                        actual.get(i) + " @ "
                                + times.get(i)
                                        .substring(
                                                0,
                                                Math.min(
                                                        time.length(),
                                                        times.get(i).length())));
            }
        }
        assertThat(actual).as(name).containsExactlyElementsOf(want);
        assertThat(summary.deadLettered())
                .as("rejected lines of " + name)
                .isEqualTo(expected.path("rejected").asLong(0));
        assertThat(summary.in())
                .as("in = applied + duplicates + dead-lettered, " + name)
                .isEqualTo(summary.applied() + summary.duplicates() + summary.deadLettered());
        Path rejected = out.resolve("alerts.jsonl.rejected");
        assertThat(Files.exists(rejected) ? Files.readAllLines(rejected) : List.<String>of())
                .as("the .rejected file of " + name)
                .hasSize((int) summary.deadLettered());
    }

    @Test
    void shouldDeadLetterAConflictingReSendNamingItsTxnIdAndField() throws Exception {
        Path dir = Path.of("src/test/resources/scenarios/bank-conflicting-resend");
        long asOf = OffsetDateTime.parse(
                        JSON.readTree(dir.resolve("expected.json").toFile())
                                .get("asOf")
                                .asText())
                .toInstant()
                .toEpochMilli();

        Replay.Summary summary = Replay.run(
                LocalFlink.environment(),
                dir.resolve("input"),
                asOf,
                out.resolve("conflict.jsonl"),
                JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")),
                KEY);

        assertThat(summary.duplicates()).as("the alike re-send").isEqualTo(1);
        assertThat(Files.readAllLines(out.resolve("conflict.jsonl.rejected")))
                .singleElement()
                .asString()
                .startsWith("bank.jsonl:")
                .contains("txnId ZYRCB-", "another amountFen");
    }

    private static Map<String, String> workerIdsByPseudonym(Path input) throws IOException {
        PersonalNumbers numbers = new PersonalNumbers(KEY);
        Map<String, String> byPseudonym = new HashMap<>();
        for (String file : List.of("workers.jsonl", "clockins.jsonl", "bank.jsonl")) {
            Path f = input.resolve(file);
            if (!Files.exists(f)) {
                continue;
            }
            for (String line : Files.readAllLines(f)) {
                JsonNode id = line.isBlank() ? null : JSON.readTree(line).get("workerId");
                if (id != null && !id.isNull()) {
                    byPseudonym.put(numbers.worker(id.asText()), "worker:" + id.asText());
                }
            }
        }
        return byPseudonym;
    }
}
