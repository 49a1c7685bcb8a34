package org.paywatch.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.contract.ProjectCategory;
import org.paywatch.domain.Feed;
import org.paywatch.local.LocalFlink;
import org.paywatch.pipeline.Replay;

/**
 * The false-positive check: a fully compliant synthetic county (200 projects of every category, six
 * months) replayed through the live job with the county's policy raises no alert at all. Crews are
 * small (8 to 20 workers) to keep the replay to about a minute; the rules that count heads (PW06,
 * PW15, PW90) still see crews on both sides of their thresholds.
 */
class CompliantCountyTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalDate LAST_DAY = LocalDate.of(2026, 10, 31);

    @TempDir
    static Path dir;

    static SyntheticCounty county;
    static CountyReplayFolder.Written written;
    static Replay.Summary summary;
    static List<String> alerts;
    static List<String> rejected;

    @BeforeAll
    static void simulateAndReplay() throws Exception {
        JobConfig config = JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"));
        CountyPlan plan = CountyPlan.monthsEndingOn(11, 6, LAST_DAY)
                .withProjects(200)
                .withCrews(8, 20)
                .compliant();
        county = new SyntheticCounty(plan, config.policy());
        Path input = dir.resolve("county");
        written = CountyReplayFolder.write(county, input);
        Path out = dir.resolve("alerts.jsonl");
        summary = Replay.run(
                LocalFlink.environment(),
                input,
                written.asOf().toInstant().toEpochMilli(),
                out,
                config,
                "compliant-county-test-key".getBytes(StandardCharsets.UTF_8));
        alerts = Files.readAllLines(out);
        Path rejectedFile = Path.of(out + ".rejected");
        rejected = Files.exists(rejectedFile) ? Files.readAllLines(rejectedFile) : List.of();
    }

    @Test
    void aCompliantCountyReplaysToZeroAlerts() {
        assertThat(alerts)
                .as("alerts of a compliant county, the first of them:%n%s", firstAlerts())
                .isEmpty();
    }

    @Test
    void nothingOfTheCountyIsRejected() {
        assertThat(rejected).isEmpty();
        assertThat(summary.deadLettered()).isZero();
        assertThat(summary.afterAsOf()).isZero();
        assertThat(summary.in()).isEqualTo(written.total()).isEqualTo(summary.applied());
    }

    @Test
    void theCountyHasAtLeast200ProjectsOfEveryCategoryOverSixMonthsWithoutFaults() throws IOException {
        List<JsonNode> projects = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("county").resolve(Feed.PROJECTS.replayFile))) {
            projects.add(JSON.readTree(line));
        }
        assertThat(projects).hasSizeGreaterThanOrEqualTo(200);
        assertThat(projects)
                .extracting(p -> ProjectCategory.valueOf(p.get("category").asText()))
                .containsAll(List.of(ProjectCategory.values()));
        assertThat(ChronoUnit.MONTHS.between(YearMonth.from(county.firstDay()), YearMonth.from(county.lastDay())) + 1)
                .isEqualTo(6);
        assertThat(county.days()).isGreaterThanOrEqualTo(181);
        assertThat(county.faults()).isEmpty();
        assertThat(written.of(Feed.CLOCKINS)).isGreaterThan(200_000);
        // a report for every month but the last, whose report comes on the 5th of the month after
        assertThat(written.of(Feed.PROGRESS)).isEqualTo(5L * projects.size());
    }

    /** Rule, project, level and message of the first alerts, so that a failure says what broke. */
    private static String firstAlerts() {
        return alerts.stream()
                .limit(20)
                .map(line -> {
                    try {
                        JsonNode a = JSON.readTree(line);
                        return "  " + a.get("ruleId").asText() + " "
                                + a.get("projectId").asText() + " "
                                + a.get("level").asText() + " "
                                + a.get("transition").asText() + " "
                                + a.get("eventTime").asText() + ": "
                                + a.get("message").asText();
                    } catch (IOException e) {
                        return "  " + line;
                    }
                })
                .collect(Collectors.joining("\n"));
    }
}
