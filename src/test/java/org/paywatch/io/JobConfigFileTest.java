package org.paywatch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.pipeline.JobConfig;
import org.paywatch.policy.ConfigurationProblem;

/** The job file is validated on load, and every problem is one sentence naming the key, the value and what is allowed. */
class JobConfigFileTest {
    private static final Path SHIPPED = Path.of("jobs/risk-monitor.yaml");

    @TempDir
    Path dir;

    private Path shippedWith(String from, String to) throws Exception {
        String yaml = Files.readString(SHIPPED);
        assertThat(yaml).contains(from);
        Path f = dir.resolve("job.yaml");
        Files.writeString(f, yaml.replace(from, to));
        return f;
    }

    private static String problemWith(Path file) {
        try {
            JobConfigFile.load(file);
        } catch (ConfigurationProblem e) {
            assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception");
            return e.getMessage();
        }
        throw new AssertionError("the job file was accepted");
    }

    @Test
    void shouldLoadTheShippedJobFileWithEveryRule() {
        JobConfig c = JobConfigFile.load(SHIPPED);
        assertThat(c.rules).containsKeys("PW01", "PW02", "PW05", "PW06", "PW10", "PW11", "PW16", "PW90", "PW91").hasSize(18);
        assertThat(c.calendar.holidays).isNotEmpty();
    }

    @Test
    void shouldNameAnUnknownKeyAndTheKeysAllowedThere() throws Exception {
        assertThat(problemWith(shippedWith("  groupId:", "  groupID:")))
                .contains("unknown key kafka.groupID", "groupId", "bootstrapServers");
    }

    @Test
    void shouldNameAMissingThreshold() throws Exception {
        assertThat(problemWith(shippedWith("      yellowAfterDays: 31 ", "      # gone ")))
                .contains("rules.PW02.thresholds.yellowAfterDays is missing");
    }

    @Test
    void shouldNameAThresholdOutOfRangeWithItsValueAndTheAllowedRange() throws Exception {
        assertThat(problemWith(shippedWith("redUnpaidShare: 0.10", "redUnpaidShare: 1.5")))
                .isEqualTo("rules.PW06.thresholds.redUnpaidShare = 1.5 is out of range: allowed is 0 to 1");
    }

    @Test
    void shouldRejectAThresholdTheRuleDoesNotHave() throws Exception {
        assertThat(problemWith(shippedWith("      redDaysPastDue: 30", "      redDaysPastDue: 30\n      orangeDaysPastDue: 10")))
                .contains("rules.PW05.thresholds.orangeDaysPastDue is not a threshold of PW05", "blueDaysBeforeDue");
    }

    @Test
    void shouldRejectADurationWithoutUnit() throws Exception {
        assertThat(problemWith(shippedWith("registryGracePeriod: 24h", "registryGracePeriod: 24")))
                .contains("entry.registryGracePeriod = 24 is not a duration", "24h");
    }

    @Test
    void shouldRejectAHolidayThatEndsBeforeItStarts() throws Exception {
        assertThat(problemWith(shippedWith("from: 2026-02-07, to: 2026-03-03", "from: 2026-03-03, to: 2026-02-07")))
                .contains("calendar.holidays[1]", "before it starts");
    }

    @Test
    void shouldRejectARoutingRoleThatDoesNotExist() throws Exception {
        assertThat(problemWith(shippedWith("\"{town}\"", "\"{village}\"")))
                .contains("{village} names no role", "{town}");
    }

    @Test
    void shouldSayWhichFileIsMissing() {
        assertThat(problemWith(dir.resolve("nope.yaml"))).contains("nope.yaml does not exist", "--config");
    }
}
