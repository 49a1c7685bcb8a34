package org.paywatch.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.contract.Project;
import org.paywatch.contract.WageType;
import org.paywatch.contract.Worker;
import org.paywatch.domain.Feed;
import org.paywatch.local.LocalFlink;
import org.paywatch.pipeline.Replay;
import org.paywatch.policy.RuleSettings;

/**
 * A county stricter than the shipped job file (more labour cost deposited more often, bigger progress
 * payments and wage deposits, a higher minimum wage, lower oversized-payout limits) still sees a
 * compliant county as compliant: the simulator sizes what its sites do on the policy it is given, as
 * {@code simulate --compliant --config STRICTER.yaml} does.
 */
class StricterPolicyCompliantCountyTest {
    private static final LocalDate LAST_DAY = LocalDate.of(2026, 10, 31);

    @TempDir
    static Path dir;

    static JobConfig stricter;
    static SyntheticCounty county;
    static List<String> alerts;
    static Replay.Summary summary;

    @BeforeAll
    static void simulateAndReplayUnderAStricterJobFile() throws Exception {
        JobConfig config = JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"));
        Map<String, RuleSettings> rules = config.rules;
        rules.get("PW01").thresholds.put("blueBelowCoverage", 1.2);
        rules.get("PW01").thresholds.put("yellowBelowCoverage", 1.0);
        rules.get("PW01").tables.get("laborCostRatio").replaceAll((category, ratio) -> ratio + 0.05);
        rules.get("PW02").thresholds.put("yellowAfterDays", 20.0);
        rules.get("PW02").thresholds.put("redAfterDays", 40.0);
        rules.get("PW03").thresholds.put("yellowBelowPaidShare", 0.9);
        rules.get("PW03").thresholds.put("redBelowPaidShare", 0.75);
        rules.get("PW06").thresholds.put("redUnpaidShare", 0.02);
        rules.get("PW07").tables.get("minimumWageFen").put("default", 300_000.0);
        rules.get("PW08").thresholds.put("redAboveMonthFen", 2_000_000.0);
        rules.get("PW08").thresholds.put("redAboveYearFen", 15_000_000.0);
        rules.get("PW13").thresholds.put("minShareOfContract", 0.03);
        Path file = dir.resolve("stricter.yaml");
        JobConfigFile.write(config, file);
        stricter = JobConfigFile.load(file);

        CountyPlan plan = CountyPlan.monthsEndingOn(13, 4, LAST_DAY)
                .withProjects(60)
                .withCrews(8, 20)
                .compliant();
        county = new SyntheticCounty(plan, stricter.policy());
        Path input = dir.resolve("county");
        CountyReplayFolder.Written written = CountyReplayFolder.write(county, input);
        Path out = dir.resolve("alerts.jsonl");
        summary = Replay.run(
                LocalFlink.environment(),
                input,
                written.asOf().toInstant().toEpochMilli(),
                out,
                stricter,
                "stricter-county-test-key".getBytes(StandardCharsets.UTF_8));
        alerts = Files.readAllLines(out);
    }

    @Test
    void shouldReplayACompliantCountyToZeroAlertsUnderTheStricterJobFile() {
        assertThat(summary.applied()).isPositive();
        assertThat(summary.deadLettered()).isZero();
        assertThat(alerts)
                .as(
                        "alerts of a compliant county under the stricter policy, the first of them:%n%s",
                        String.join("\n", alerts.subList(0, Math.min(10, alerts.size()))))
                .isEmpty();
    }

    @Test
    void shouldSizeTheCountyOnTheStricterThresholds() {
        List<CountyRecord> records = county.all();
        for (CountyRecord r : records) {
            if (r.feed() == Feed.PROJECTS) {
                Project p = (Project) r.record();
                // PW13's 3%, not the simulator's own 2%
                assertThat(p.getWageDepositFen()).isGreaterThanOrEqualTo(Math.round(0.03 * p.getContractValueFen()));
            } else if (r.feed() == Feed.WORKERS) {
                Worker w = (Worker) r.record();
                // PW07's 3,000 yuan pro-rated by 21.75 days, and PW08's 150,000 yuan a year over twelve 31-day months
                if (w.getWageType() == WageType.DAILY) {
                    assertThat((double) w.getWageRateFen()).isBetween(300_000 / 21.75, 15_000_000 / 12.0 / 31);
                } else {
                    assertThat((double) w.getWageRateFen()).isBetween(300_000 * 31 / 21.75, 15_000_000 / 12.0);
                }
            }
        }
    }
}
