package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.paywatch.config.JobConfigFile;
import org.paywatch.local.LocalFlink;

/**
 * A replay folder as files arrive from the field: a byte-order mark, CRLF line ends, blank lines, and bank
 * lines saved as GBK or Latin-1 among UTF-8 ones. Only the lines that are not UTF-8 are rejected; the replay
 * goes on and gives the alerts of the same folder saved tidily.
 */
class UntidyReplayFilesTest {
    private static final Path SCENARIO =
            Path.of("src/test/resources/scenarios/pw05-unpaid-month-escalates-then-clears");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final String DEPOSIT = "{\"txnId\": \"ZYRCB-9000000000%d\", \"bankCode\": \"ZYRCB\", \"accountNo\": "
            + "\"6200000000000000001\", \"type\": \"LABOR_COST_DEPOSIT\", \"amountFen\": 100000, "
            + "\"balanceAfterFen\": null, \"counterpartyAccountNo\": null, \"counterpartyName\": \"%s\", "
            + "\"workerId\": null, \"wagePeriod\": null, \"eventTime\": \"2025-05-20T10:00:00+08:00\"}\n";

    @TempDir
    Path dir;

    @Test
    void shouldRejectOnlyTheLinesThatAreNotUtf8AndReplayTheRestAsIfTheyWereTidy() throws Exception {
        Path input = Files.createDirectories(dir.resolve("input"));
        for (String name : List.of("clockins.jsonl", "progress.jsonl")) {
            Files.copy(SCENARIO.resolve("input").resolve(name), input.resolve(name));
        }
        // the one project line behind a BOM: were the BOM read as text, every other record would wait for it in vain
        Files.write(
                input.resolve("projects.jsonl"),
                concat(BOM, Files.readAllBytes(SCENARIO.resolve("input/projects.jsonl"))));
        String workers = Files.readString(SCENARIO.resolve("input/workers.jsonl"));
        Files.writeString(input.resolve("workers.jsonl"), workers.replace("\n", "\r\n\r\n"));
        List<String> bank = Files.readAllLines(SCENARIO.resolve("input/bank.jsonl"));
        ByteArrayOutputStream untidyBank = new ByteArrayOutputStream();
        for (int i = 0; i < bank.size(); i++) {
            untidyBank.write((bank.get(i) + "\n").getBytes(StandardCharsets.UTF_8));
            if (i == 4) {
                untidyBank.write(String.format(DEPOSIT, 1, "高台县投资建设单位").getBytes(Charset.forName("GBK")));
            }
            if (i == 9) {
                untidyBank.write(String.format(DEPOSIT, 2, "Société Générale").getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        Files.write(input.resolve("bank.jsonl"), untidyBank.toByteArray());

        JsonNode expected =
                new ObjectMapper().readTree(SCENARIO.resolve("expected.json").toFile());
        long asOf =
                OffsetDateTime.parse(expected.get("asOf").asText()).toInstant().toEpochMilli();
        Path out = dir.resolve("alerts.jsonl");
        Replay.Summary s = Replay.run(
                LocalFlink.environment(),
                input,
                asOf,
                out,
                JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")),
                "untidy-replay-files-test-key".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readAllLines(Path.of(out + ".rejected")))
                .containsExactly(
                        "bank.jsonl:6: line is not UTF-8 text (byte 0xB8 at column 217): save the file as UTF-8",
                        "bank.jsonl:12: line is not UTF-8 text (byte 0xE9 at column 221): save the file as UTF-8");
        List<String> transitions = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(out)) {
            JsonNode a = json.readTree(line);
            transitions.add(String.join(
                    " ",
                    a.get("projectId").asText(),
                    a.get("ruleId").asText(),
                    a.get("scope").asText(),
                    a.get("transition").asText(),
                    a.get("level").asText()));
        }
        List<String> want = new ArrayList<>();
        expected.get("transitions").forEach(t -> want.add(t.asText()));
        assertThat(transitions).as("the alerts of the tidy scenario").containsExactlyElementsOf(want);
        long nonBlankLines = 360 + 4 + 1 + 3 + 17 + 2;
        assertThat(s.in() + s.afterAsOf()).as("every non-blank line is read").isEqualTo(nonBlankLines);
        assertThat(s.deadLettered()).isEqualTo(2);
        assertThat(s.in()).isEqualTo(s.applied() + s.deadLettered());
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /**
     * Files exported in another order, line by line, replay to the same alerts byte for byte: the replay orders records by
     * event time, not by their place in the file (CONTRACTS.md). The three folders have re-sends, a conflict and worker-scoped alerts.
     */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "pw05-unpaid-month-escalates-then-clears",
                "bank-conflicting-resend",
                "pw09-departed-worker-paid-late"
            })
    void shouldReplayAFolderShuffledLineByLineToTheSameAlerts(String scenario) throws Exception {
        Path sorted = Path.of("src/test/resources/scenarios", scenario);
        Path shuffled = Files.createDirectories(dir.resolve("shuffled/input"));
        Random random = new Random(42);
        try (var files = Files.list(sorted.resolve("input"))) {
            for (Path f : files.toList()) {
                List<String> lines = new ArrayList<>(Files.readAllLines(f));
                Collections.shuffle(lines, random);
                Files.write(shuffled.resolve(f.getFileName()), lines);
            }
        }
        long asOf = OffsetDateTime.parse(new ObjectMapper()
                        .readTree(sorted.resolve("expected.json").toFile())
                        .get("asOf")
                        .asText())
                .toInstant()
                .toEpochMilli();
        byte[] key = "shuffled-replay-test-key".getBytes(StandardCharsets.UTF_8);

        Replay.run(
                LocalFlink.environment(),
                sorted.resolve("input"),
                asOf,
                dir.resolve("sorted.jsonl"),
                JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")),
                key);
        Replay.run(
                LocalFlink.environment(),
                shuffled,
                asOf,
                dir.resolve("shuffled.jsonl"),
                JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")),
                key);

        List<String> alerts = Files.readAllLines(dir.resolve("sorted.jsonl"));
        List<String> rejections = reasons(dir.resolve("sorted.jsonl.rejected"));
        assertThat(alerts.size() + rejections.size()).as("something to compare").isPositive();
        assertThat(Files.readAllLines(dir.resolve("shuffled.jsonl"))).containsExactlyElementsOf(alerts);
        assertThat(reasons(dir.resolve("shuffled.jsonl.rejected"))).containsExactlyElementsOf(rejections);
    }

    /** The reasons of a .rejected file without their "file:line: ", which shuffling changes. */
    private static List<String> reasons(Path rejected) throws Exception {
        return Files.exists(rejected)
                ? Files.readAllLines(rejected).stream()
                        .map(l -> l.substring(l.indexOf(": ") + 2))
                        .toList()
                : List.of();
    }
}
