package org.paywatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.policy.RuleCatalog;

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

    /** The number of the first line of the file that holds the text. */
    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(file + " has no line with " + text);
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

    /** The one test of the shipped numbers: the policy tests write theirs out (ProjectFixture), so a county may edit these. */
    @Test
    void shouldLoadTheShippedJobFileWithEveryRule() {
        JobConfig c = JobConfigFile.load(SHIPPED);
        assertThat(c.rules)
                .containsKeys("PW01", "PW02", "PW05", "PW06", "PW10", "PW11", "PW16", "PW90", "PW91")
                .hasSize(18);
        assertThat(RuleCatalog.from(c.policy()).rules())
                .extracting(r -> r.info().id())
                .containsExactlyInAnyOrderElementsOf(c.rules.keySet());
        assertThat(c.calendar.holidays).isNotEmpty();
    }

    @Test
    void shouldTakeTheStateBackendOfTheJobFileAndNameTheTwoAllowedWhenItIsAnother() throws Exception {
        assertThat(JobConfigFile.load(shippedWith("stateBackend: heap", "stateBackend: rocksdb")).job.stateBackend)
                .isEqualTo("rocksdb");
        assertThat(problemWith(shippedWith("stateBackend: heap", "stateBackend: hashmap")))
                .isEqualTo("job.stateBackend = hashmap is not allowed: use heap or rocksdb");
    }

    @Test
    void shouldNameAnUnknownKeyWhereItIsAndTheKeysAllowedThere() throws Exception {
        Path f = shippedWith("  groupId:", "  groupID:");
        assertThat(problemWith(f))
                .isEqualTo(f + " line " + lineOf(f, "groupID:") + ", column 3: unknown key kafka.groupID: "
                        + "allowed there are bootstrapServers, groupId, startFrom, topics, transactionTimeout");
    }

    @Test
    void shouldPointAtAKeyIndentedUnderAKeyThatHasItsValue() throws Exception {
        Path f = shippedWith("  groupId: paywatch-risk-monitor", "    groupId: paywatch-risk-monitor");
        assertThat(problemWith(f))
                .isEqualTo(f + " line " + lineOf(f, "groupId:")
                        + ", column 5 is not valid YAML (this key is indented deeper than the key above it, "
                        + "which has its value already): indent it like the key above");
    }

    @Test
    void shouldPointAtAKeyIndentedLessThanTheKeysOfItsSection() throws Exception {
        Path f = shippedWith("    workers: paywatch.registry.workers", " workers: paywatch.registry.workers");
        assertThat(problemWith(f))
                .isEqualTo(f + " line " + lineOf(f, "workers: paywatch")
                        + ", column 2 is not valid YAML (this line is indented differently from the lines "
                        + "of its section): indent it by as many spaces as the keys or items beside it");
    }

    @Test
    void shouldNameATabAndAskForSpaces() throws Exception {
        Path f = shippedWith("  groupId: paywatch-risk-monitor", "\tgroupId: paywatch-risk-monitor");
        assertThat(problemWith(f))
                .isEqualTo(f + " line " + lineOf(f, "groupId:") + ", column 1 is not valid YAML "
                        + "(a tab character: YAML indents with spaces only): replace the tab with spaces");
    }

    @Test
    void shouldPointAtAnUnclosedQuoteNotAtWhereTheParserStumbledLinesBelow() throws Exception {
        // without its closing quote, PW01's basis runs on to the opening quote of PW02's basis, fifteen lines below
        Path f = shippedWith(
                "红色\"\n    thresholds:\n      blueBelowCoverage", "红色\n    thresholds:\n      blueBelowCoverage");
        int basis = lineOf(f, "basis: \"高台县意见（送审稿）二.3");
        assertThat(problemWith(f))
                .isEqualTo(f + " line " + basis + ", column 12 is not valid YAML "
                        + "(a quote that is not closed on its line): close it at the end of the value");
    }

    @Test
    void shouldPointAtAQuoteNeverClosedBeforeTheEndOfTheFile() throws Exception {
        Path f = shippedWith("PW90: [县根治欠薪工作专班, 县领导]", "PW90: \"[县根治欠薪工作专班, 县领导]");
        assertThat(problemWith(f))
                .isEqualTo(f + " line " + lineOf(f, "PW90: \"") + ", column 11 is not valid YAML "
                        + "(a quote that is never closed): close it at the end of the value");
    }

    @Test
    void shouldPointAtAListLeftOpen() throws Exception {
        Path f = shippedWith("PW16: [县税务局]", "PW16: [县税务局");
        assertThat(problemWith(f))
                .isEqualTo(f + " line " + lineOf(f, "PW16: [") + ", column 11 is not valid YAML "
                        + "(a [ list that is not closed): end it with ] on the same line");
    }

    @Test
    void shouldPointAtAKeyWithoutItsColon() throws Exception {
        Path f = shippedWith("  groupId: paywatch-risk-monitor", "  groupId paywatch-risk-monitor");
        assertThat(problemWith(f))
                .isEqualTo(f + " line " + lineOf(f, "groupId ")
                        + ", column 3 is not valid YAML (a key without a colon after it): write the key, a "
                        + "colon and a space, then the value, e.g. parallelism: 2");
    }

    @Test
    void shouldNameAListWhereKeysWithValuesBelong() throws Exception {
        Path f = shippedWith(
                "      yellowAfterDays: 31        # County opinions: 拨付周期不得超过1个月\n      redAfterDays: 62",
                "      - yellowAfterDays: 31\n      - redAfterDays: 62");
        assertThat(problemWith(f))
                .isEqualTo(f + " line " + lineOf(f, "- yellowAfterDays")
                        + ", column 7: rules.PW02.thresholds is a list (lines starting with -) where keys "
                        + "with values belong: remove the dashes and write one key: value a line");
    }

    @Test
    void shouldNameASingleValueWhereAListBelongs() throws Exception {
        Path f = shippedWith("    PW16: [县税务局]", "    PW16: 县税务局");
        assertThat(problemWith(f))
                .isEqualTo(
                        f + " line " + lineOf(f, "PW16: 县税务局") + ", column 11: routing.byRule.PW16 is a single value "
                                + "where a list belongs: write it in brackets, e.g. [a, b]");
    }

    @Test
    void shouldNameAWordWhereANumberBelongs() throws Exception {
        Path f = shippedWith("  batchSize: 5000", "  batchSize: many");
        assertThat(problemWith(f))
                .isEqualTo(f + " line " + lineOf(f, "batchSize:") + ", column 14: influx.batchSize = many "
                        + "is not a whole number: write it in digits, e.g. 500");
    }

    @Test
    void shouldRefuseAThresholdSetTwiceNamingBothLines() throws Exception {
        Path f = shippedWith(
                "      redAfterDays: 62           # two deposit cycles missed",
                "      redAfterDays: 62\n      redAfterDays: 90");
        int first = lineOf(f, "redAfterDays: 62");
        assertThat(problemWith(f))
                .isEqualTo(f + " line " + (first + 1) + ", column 7 sets rules.PW02.thresholds.redAfterDays "
                        + "a second time (first on line " + first + "): keep only the right one");
    }

    @Test
    void shouldRefuseARuleSetTwice() throws Exception {
        Path f = shippedWith("  PW03:\n", "  PW02:\n    name: 人工费用拨付超期\n  PW03:\n");
        assertThat(problemWith(f))
                .isEqualTo(f + " line " + (lineOf(f, "  PW03:") - 2) + ", column 3 sets rules.PW02 a second time "
                        + "(first on line " + lineOf(f, "  PW02:") + "): keep only the right one");
    }

    @Test
    void shouldNameTheLineThatIsNotUtf8() throws Exception {
        Path f = dir.resolve("gbk.yaml");
        Files.write(f, Files.readString(SHIPPED).getBytes(Charset.forName("GBK")));
        // the first line's em dash is A1 AA in GBK
        assertThat(problemWith(f))
                .isEqualTo(f + " line 1 is not UTF-8 text (byte 0xA1 at column 25): save the file as UTF-8");
    }

    @Test
    void shouldReadAJobFileSavedWithAByteOrderMarkAndCrlfLineEnds() throws Exception {
        Path f = dir.resolve("windows.yaml");
        Files.write(f, ("\uFEFF" + Files.readString(SHIPPED).replace("\n", "\r\n")).getBytes(StandardCharsets.UTF_8));
        assertThat(JobConfigFile.load(f).rules).hasSize(18);
    }

    @Test
    void shouldSayAnEmptyJobFileHoldsNoSettings() throws Exception {
        Path f = dir.resolve("empty.yaml");
        Files.writeString(f, "# to be written\n\n");
        assertThat(problemWith(f)).isEqualTo(f + " holds no settings: start from a copy of jobs/risk-monitor.yaml");
    }

    @Test
    void shouldSayAFolderIsNotAJobFileAndNameTheJobFileInIt() throws Exception {
        Path jobs = Files.createDirectories(dir.resolve("jobs"));
        Files.writeString(jobs.resolve("a-county.yaml"), "job: {}\n");
        Files.copy(SHIPPED, jobs.resolve("risk-monitor.yaml"));
        assertThat(problemWith(jobs))
                .isEqualTo("--config " + jobs + " is a folder, not a job file: name the job file in it, e.g. --config "
                        + jobs.resolve("risk-monitor.yaml"));
    }

    @Test
    void shouldSayAFolderWithoutJobFilesIsNotAJobFile() {
        assertThat(problemWith(dir))
                .isEqualTo("--config " + dir + " is a folder, not a job file: pass the job file itself, "
                        + "e.g. --config jobs/risk-monitor.yaml");
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
        assertThat(problemWith(shippedWith(
                        "      redDaysPastDue: 30", "      redDaysPastDue: 30\n      orangeDaysPastDue: 10")))
                .contains("rules.PW05.thresholds.orangeDaysPastDue is not a threshold of PW05", "blueDaysBeforeDue");
    }

    @Test
    void shouldRequireThePaidDaysOfAMonthWithinAPlausibleRange() throws Exception {
        assertThat(problemWith(shippedWith("  daysPerMonth: 21.75", "  daysPerMonth: 35")))
                .isEqualTo("wages.daysPerMonth = 35.0 is out of range: allowed is 20 to 31, usually 21.75");
        assertThat(problemWith(shippedWith("  daysPerMonth: 21.75", "  # daysPerMonth left out")))
                .startsWith("wages.daysPerMonth is missing: set it to the paid days of a month, 21.75");
    }

    @Test
    void shouldRefuseAWatermarkIntervalThatWouldStopEventTime() throws Exception {
        assertThat(problemWith(shippedWith("watermarkInterval: 100ms", "watermarkInterval: 0s")))
                .startsWith("time.watermarkInterval = 0")
                .endsWith("would stop event time (no watermark, no deadline, no record applied): use e.g. 100ms");
        assertThat(JobConfigFile.load(SHIPPED).time.watermarkInterval).isEqualTo(java.time.Duration.ofMillis(100));
    }

    @Test
    void shouldKeepAtLeastTheSettledHistoryTheRulesReadBack() throws Exception {
        assertThat(problemWith(shippedWith("settledHistory: 800d", "settledHistory: 365d")))
                .isEqualTo("entry.settledHistory = 365d is too short: PW08 looks back 366 days, keep at least 366d");
        assertThat(JobConfigFile.load(shippedWith("settledHistory: 800d", "settledHistory: 366d")).entry.settledHistory)
                .isEqualTo(java.time.Duration.ofDays(366));
    }

    @Test
    void shouldReadDurationsAndDatesOnceIntoTypedValues() throws Exception {
        JobConfig c = JobConfigFile.load(shippedWith("registryGracePeriod: 24h", "registryGracePeriod: 90m"));
        assertThat(c.entry.registryGracePeriod).isEqualTo(java.time.Duration.ofMinutes(90));
        assertThat(c.entry.settledHistory).isEqualTo(java.time.Duration.ofDays(800));
        assertThat(c.time.earliestEventDate).isEqualTo(java.time.LocalDate.of(2016, 1, 1));
    }

    @Test
    void shouldWriteAJobFileThatReadsBackToTheSameDurations() throws Exception {
        JobConfig c = JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"));
        c.time.idleness = java.time.Duration.ofMillis(1500);
        c.job.restarts.interval = java.time.Duration.ofHours(2);
        Path copy = dir.resolve("written.yaml");
        JobConfigFile.write(c, copy);
        JobConfig back = JobConfigFile.load(copy);
        assertThat(back.time.idleness).isEqualTo(java.time.Duration.ofMillis(1500));
        assertThat(back.job.restarts.interval).isEqualTo(java.time.Duration.ofHours(2));
        assertThat(back.time.earliestEventDate).isEqualTo(c.time.earliestEventDate);
        assertThat(java.nio.file.Files.readString(copy)).contains("idleness: \"1500ms\"", "interval: \"2h\"");
    }

    @Test
    void shouldRejectADateThatIsNotOne() throws Exception {
        assertThat(problemWith(shippedWith("earliestEventDate: 2016-01-01", "earliestEventDate: 2016-13-01")))
                .contains("time.earliestEventDate = 2016-13-01 is not a date: write it as YYYY-MM-DD, e.g. 2016-01-01");
    }

    @Test
    void shouldRejectAnEmptyDuration() throws Exception {
        assertThat(problemWith(shippedWith("idleness: 1s ", "idleness: ")))
                .isEqualTo("time.idleness is empty: write a number and a unit, e.g. 30s, 10m, 24h or 400d");
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
