package org.paywatch.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.config.JobConfigFile;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.AlertTransition;
import org.paywatch.contract.ProjectCategory;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.policy.ResponsibilityList;
import org.paywatch.sim.SyntheticCounty;

/** The dispatcher's job file is checked on load: every problem one sentence naming the file, the key and the fix. */
class DispatchConfigFileTest {
    static final Path SHIPPED = Path.of("jobs/alert-dispatch.yaml");
    static final Path DEMO = Path.of("jobs/alert-dispatch.demo.yaml");
    private static final Path RISK_MONITOR = Path.of("jobs/risk-monitor.yaml");

    @TempDir
    Path dir;

    /** The shipped file with one edit, beside a copy of the risk monitor's file that it names. */
    private Path shippedWith(String from, String to) throws Exception {
        String yaml = Files.readString(SHIPPED);
        assertThat(yaml).contains(from);
        Files.copy(RISK_MONITOR, dir.resolve("risk-monitor.yaml"));
        Path f = dir.resolve("alert-dispatch.yaml");
        Files.writeString(f, yaml.replace(from, to));
        return f;
    }

    private static String problemWith(Path file) {
        try {
            DispatchConfigFile.load(file);
        } catch (ConfigurationProblem e) {
            assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception");
            return e.getMessage();
        }
        throw new AssertionError("the job file was accepted");
    }

    private static int lineOf(Path file, String text) throws Exception {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(file + " has no line with " + text);
    }

    @Test
    void shouldLoadTheShippedFileWithTypedDurationsTimesAndEmptyContacts() {
        DispatchConfig c = DispatchConfigFile.load(SHIPPED);
        assertThat(c.timing().groupWindow()).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.timing().debounce()).isEqualTo(Duration.ofMinutes(10));
        assertThat(c.timing().quietHours())
                .isEqualTo(new DispatchConfig.QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)));
        assertThat(c.gateway().maxBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(c.gateway().url().getHost()).isEqualTo("sms.example.gov.cn");
        assertThat(c.ruleNames()).containsEntry("PW05", "工资未按月发放").hasSize(18);
        assertThat(c.sms().actions().keySet()).isEqualTo(c.ruleNames().keySet());
        assertThat(c.directory().values()).allSatisfy(u -> {
            assertThat(u.contacts()).isEmpty();
            assertThat(u.webhooks()).isEmpty();
            assertThat(u.quietHours()).isEqualTo(c.timing().quietHours());
        });
    }

    @Test
    void shouldGiveEveryUnitOfTheDemoFileAFictionalNumberAndAWebhook() {
        DispatchConfig c = DispatchConfigFile.load(DEMO);
        assertThat(c.directory().values()).allSatisfy(u -> {
            assertThat(u.contacts())
                    .isNotEmpty()
                    .allSatisfy(p -> assertThat(p.phone()).matches("1380000\\d{4}"));
            assertThat(u.webhooks())
                    .isNotEmpty()
                    .allSatisfy(w -> assertThat(w.getHost()).isEqualTo("127.0.0.1"));
        });
        assertThat(c.directory().values().stream()
                        .flatMap(u -> u.contacts().stream())
                        .map(DispatchConfig.Person::phone)
                        .distinct())
                .hasSize(c.directory().size());
    }

    @Test
    void shouldListTheSameUnitsInTheShippedAndTheDemoFile() {
        assertThat(DispatchConfigFile.load(DEMO).directory().keySet())
                .containsExactlyElementsOf(
                        DispatchConfigFile.load(SHIPPED).directory().keySet());
    }

    /** Every name the routing can produce that is not the project's own (contractor, construction unit) is a unit. */
    @Test
    void shouldCoverEveryUnitTheRiskMonitorsRoutingCanName() {
        ResponsibilityList routing = JobConfigFile.load(RISK_MONITOR).routing;
        Set<String> units = DispatchConfigFile.load(SHIPPED).directory().keySet();
        assertThat(units).containsAll(routing.fixedNames());
        assertThat(units).containsAll(SyntheticCounty.TOWNS);
        for (ProjectCategory category : ProjectCategory.values()) {
            assertThat(units)
                    .contains(routing.industryDepartments.getOrDefault(
                            category.name(), routing.defaultIndustryDepartment));
        }
        assertThat(units)
                .contains("县人社局", "县发改局", "县财政局", "县法院", "县税务局", "国家金融监督管理总局高台监管支局", "县根治欠薪工作专班", "县领导", "监管银行 ZYRCB");
        // the banks of the simulated county's accounts
        Set<String> banks = new TreeSet<>();
        SyntheticCounty county = new SyntheticCounty(
                new org.paywatch.sim.CountyPlan(
                        7, java.time.LocalDate.of(2025, 1, 1), java.time.LocalDate.of(2025, 3, 31), 200, false, 1, 1),
                JobConfigFile.load(RISK_MONITOR).policy());
        county.registry().stream()
                .filter(r -> r.record() instanceof org.paywatch.contract.Project)
                .map(r -> ((org.paywatch.contract.Project) r.record())
                        .getPayrollAccount()
                        .getBankCode())
                .forEach(code -> banks.add("监管银行 " + code));
        assertThat(banks).hasSizeGreaterThan(1);
        assertThat(units).containsAll(banks);
    }

    @Test
    void shouldRefuseADirectoryMissingAUnitTheRoutingNames() throws Exception {
        Path f = shippedWith("  县法院: {levels", "  县法院改: {levels");
        assertThat(problemWith(f))
                .isEqualTo(f + ": directory has no unit 县法院, which the routing of " + dir.resolve("risk-monitor.yaml")
                        + " names: add it (its contacts may stay empty)");
    }

    @Test
    void shouldNameAnUnknownKeyWithItsLineAndTheKeysAllowedThere() throws Exception {
        Path f = shippedWith("  debounce: 10m", "  debounse: 10m");
        assertThat(problemWith(f))
                .isEqualTo(f + " line " + lineOf(f, "debounse:") + ", column 3: unknown key timing.debounse: "
                        + "allowed there are dailyCapPerNumber, debounce, groupWindow, quietHours");
    }

    @Test
    void shouldNameAnUnknownKeyOfAUnit() throws Exception {
        Path f = shippedWith(
                "  县法院: {levels: [BLUE, YELLOW, RED], contacts: [], webhooks: []}",
                "  县法院: {levels: [BLUE, YELLOW, RED], contacts: [], webhooks: [], phone: \"13900000001\"}");
        assertThat(problemWith(f))
                .startsWith(f + " line " + lineOf(f, "县法院:") + ", column ")
                .contains("unknown key directory.县法院.phone: allowed there are contacts, levels, quietHours, webhooks");
    }

    @Test
    void shouldNameAMissingKey() throws Exception {
        Path f = shippedWith(
                "  failedTopic: paywatch.dispatch.failed      # messages parked after the last attempt, with the reason\n",
                "");
        assertThat(problemWith(f))
                .isEqualTo(
                        f
                                + ": kafka.failedTopic is missing: name the topic for parked messages, e.g. paywatch.dispatch.failed");
    }

    @Test
    void shouldNameAMissingLevelsOfAUnit() throws Exception {
        Path f = shippedWith(
                "  县法院: {levels: [BLUE, YELLOW, RED], contacts: [], webhooks: []}",
                "  县法院: {contacts: [], webhooks: []}");
        assertThat(problemWith(f))
                .isEqualTo(
                        f
                                + ": directory.县法院.levels is missing: list the levels it wants, e.g. [YELLOW, RED], or [] for none");
    }

    @Test
    void shouldRefuseABadDuration() throws Exception {
        Path f = shippedWith("  groupWindow: 2m", "  groupWindow: 2 minutes");
        assertThat(problemWith(f))
                .isEqualTo(f + ": timing.groupWindow = 2 minutes is not a duration: write a number and a unit, "
                        + "e.g. 30s, 10m, 24h or 400d");
    }

    @Test
    void shouldRefuseALevelThatIsNotOne() throws Exception {
        Path f = shippedWith("  县法院: {levels: [BLUE, YELLOW, RED]", "  县法院: {levels: [BLUE, ORANGE, RED]");
        assertThat(problemWith(f))
                .startsWith(f + " line " + lineOf(f, "县法院:") + ", column ")
                .endsWith(": directory.县法院.levels[1] = ORANGE is not one of BLUE, YELLOW, RED: write one of them");
    }

    @Test
    void shouldRefuseAPhoneThatIsNotAMobileNumberWithoutPrintingIt() throws Exception {
        Path f = shippedWith(
                "  县法院: {levels: [BLUE, YELLOW, RED], contacts: []",
                "  县法院: {levels: [BLUE, YELLOW, RED], contacts: [{name: 张三, phone: \"093655123456\"}]");
        String problem = problemWith(f);
        assertThat(problem)
                .isEqualTo(f + ": directory.县法院.contacts[0].phone (张三, 093*******56) is not a mobile number: "
                        + "write the 11 digits of a mobile phone, without spaces or +86, in quotes");
        assertThat(problem).doesNotContain("093655123456");
    }

    @Test
    void shouldRefuseQuietHoursThatAreNotHoursAndMinutes() throws Exception {
        Path f = shippedWith("{from: \"22:00\", to: \"07:00\"}", "{from: \"22:00\", to: \"7\"}");
        assertThat(problemWith(f))
                .isEqualTo(f + ": timing.quietHours.to = 7 is not a time of day: write it as \"HH:MM\" in quotes, "
                        + "e.g. \"22:00\" or \"07:00\"");
    }

    @Test
    void shouldReadQuietHoursWrittenWithoutQuotes() throws Exception {
        Path f = shippedWith("{from: \"22:00\", to: \"07:00\"}", "{from: 21:30, to: 06:45}");
        assertThat(DispatchConfigFile.load(f).timing().quietHours())
                .isEqualTo(new DispatchConfig.QuietHours(LocalTime.of(21, 30), LocalTime.of(6, 45)));
    }

    @Test
    void shouldRefuseAUnitsOwnQuietHoursThatAreNotHoursAndMinutes() throws Exception {
        Path f = shippedWith(
                "  县领导: {levels: [BLUE, YELLOW, RED], contacts: [], webhooks: []}",
                "  县领导: {levels: [BLUE, YELLOW, RED], contacts: [], webhooks: [], quietHours: {from: \"24:00\", to: \"08:00\"}}");
        assertThat(problemWith(f))
                .isEqualTo(f + ": directory.县领导.quietHours.from = 24:00 is not a time of day: "
                        + "write it as \"HH:MM\" in quotes, e.g. \"22:00\" or \"07:00\"");
    }

    @Test
    void shouldKeepAUnitsOwnQuietHours() throws Exception {
        Path f = shippedWith(
                "  县领导: {levels: [BLUE, YELLOW, RED], contacts: [], webhooks: []}",
                "  县领导: {levels: [RED], contacts: [], webhooks: [], quietHours: {from: \"21:30\", to: \"08:00\"}}");
        DispatchConfig.Unit leaders = DispatchConfigFile.load(f).directory().get("县领导");
        assertThat(leaders.quietHours())
                .isEqualTo(new DispatchConfig.QuietHours(LocalTime.of(21, 30), LocalTime.of(8, 0)));
        assertThat(leaders.levels()).containsExactly(AlertLevel.RED);
    }

    @Test
    void shouldRefuseAnUnknownPlaceholderInATemplate() throws Exception {
        Path f = shippedWith("${level}预警已消除。", "${levle}预警已消除。");
        assertThat(problemWith(f))
                .isEqualTo(f + ": sms.templates.cleared has the unknown placeholder ${levle}: use ${action}, "
                        + "${figure}, ${level}, ${problem}, ${project}, ${rule}, ${scope}");
    }

    @Test
    void shouldRefuseATransitionPlaceholderInTheDigest() throws Exception {
        Path f = shippedWith("：${projects}。", "：${project}。");
        assertThat(problemWith(f))
                .isEqualTo(f + ": sms.templates.digest has the unknown placeholder ${project}: use ${count}, "
                        + "${levels}, ${projects}");
    }

    @Test
    void shouldRefuseAnUnknownPlaceholderInTheGatewayBody() throws Exception {
        Path f = shippedWith("\"OutId\":\"${idempotencyKey}\"", "\"OutId\":\"${messageId}\"");
        assertThat(problemWith(f))
                .contains("gateway.bodyTemplate has the unknown placeholder ${messageId}: use ", "${idempotencyKey}");
    }

    @Test
    void shouldRefuseATemplateTooLongAtItsLongestValues() throws Exception {
        Path f = shippedWith("请继续整改直至消除。\"", "请继续整改直至消除，整改情况请于三个工作日内书面报送县人社局、行业主管部门和属地乡镇人民政府备案，逾期未报送的依法依规处理。\"");
        assertThat(problemWith(f))
                .startsWith(f + ": sms.templates.downgraded is too long: with the signature, the longest values (")
                .contains("more than the 134 of two SMS; shorten it by ");
    }

    @Test
    void shouldRefuseATemplateThatOnlyFitsWithShortValues() throws Exception {
        // 50 more characters: a short figure (PW02's 已35天未拨付人工费用) would still fit, PW08's two amounts do not
        String padding = "请各责任单位高度重视".repeat(5);
        Path f = shippedWith("    raised: \"${project}，", "    raised: \"" + padding + "${project}，");
        assertThat(problemWith(f)).contains("sms.templates.raised is too long");
    }

    @Test
    void shouldRefuseAMissingActionForARule() throws Exception {
        Path f = shippedWith("    PW15: 劳资专管员核实是否停工并如实报告\n", "");
        assertThat(problemWith(f))
                .isEqualTo(
                        f + ": sms.actions.PW15 is missing: say in a few words who must do what, e.g. 总承包单位立即足额支付工资");
    }

    @Test
    void shouldRefuseAnActionForARuleTheRiskMonitorDoesNotHave() throws Exception {
        Path f = shippedWith("    PW91: 查明原因彻底整改，加强跟踪回访\n", "    PW91: 查明原因彻底整改，加强跟踪回访\n    PW99: 立即处理\n");
        assertThat(problemWith(f))
                .startsWith(f + ": sms.actions.PW99 is not a rule of the risk monitor: known are PW01, PW02");
    }

    @Test
    void shouldRefuseAWebhookThatIsNotAnHttpUrl() throws Exception {
        Path f = shippedWith(
                "  县法院: {levels: [BLUE, YELLOW, RED], contacts: [], webhooks: []}",
                "  县法院: {levels: [BLUE, YELLOW, RED], contacts: [], webhooks: [\"ftp://court.example/alerts\"]}");
        assertThat(problemWith(f))
                .isEqualTo(f + ": directory.县法院.webhooks[0] = ftp://court.example/alerts is not an http or https URL: "
                        + "write it in full, e.g. https://example.gov.cn/alerts");
    }

    @Test
    void shouldRefuseAnIdempotencyKeyHeaderPaywatchSetsItself() throws Exception {
        Path f = shippedWith("headers: {Authorization:", "headers: {Idempotency-Key: fixed, Authorization:");
        assertThat(problemWith(f))
                .isEqualTo(f + ": gateway.headers.Idempotency-Key is set by paywatch on every request, the same on "
                        + "every retry of a message: remove it");
    }

    @Test
    void shouldFindTheRiskMonitorsFileBesideItFromAnyWorkingFolder() throws Exception {
        Path f = shippedWith("riskMonitorConfig: risk-monitor.yaml", "riskMonitorConfig: missing.yaml");
        assertThat(problemWith(f)).contains(dir.resolve("missing.yaml") + " does not exist");
    }

    @Test
    void shouldSayWhichFileIsMissingAndNameTheDispatchersExample() {
        assertThat(problemWith(dir.resolve("nope.yaml")))
                .isEqualTo("config file " + dir.resolve("nope.yaml")
                        + " does not exist: pass --config jobs/alert-dispatch.yaml or another job file");
    }

    @Test
    void shouldHoldQuietHoursOverMidnightUntilTheirEnd() {
        DispatchConfig.QuietHours q = new DispatchConfig.QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0));
        Instant lateEvening = Instant.parse("2025-04-03T15:30:00Z"); // 23:30 in Gaotai
        Instant earlyMorning = Instant.parse("2025-04-03T21:59:00Z"); // 05:59 the next day
        Instant noon = Instant.parse("2025-04-03T04:00:00Z");
        assertThat(q.contains(lateEvening)).isTrue();
        assertThat(q.contains(earlyMorning)).isTrue();
        assertThat(q.contains(noon)).isFalse();
        assertThat(q.contains(Instant.parse("2025-04-03T23:00:00Z")))
                .as("07:00 is morning")
                .isFalse();
        assertThat(q.end(lateEvening)).isEqualTo(Instant.parse("2025-04-03T23:00:00Z"));
        assertThat(q.end(earlyMorning)).isEqualTo(Instant.parse("2025-04-03T23:00:00Z"));
        assertThat(q.end(noon)).isEqualTo(noon);
        assertThat(new DispatchConfig.QuietHours(LocalTime.of(22, 0), LocalTime.of(22, 0)).contains(lateEvening))
                .isFalse();
    }

    @Test
    void shouldTellADowngradeToAUnitThatHeardTheHigherLevel() {
        DispatchConfig.Unit redOnly = new DispatchConfig.Unit(
                "县领导",
                List.of(),
                List.of(),
                Set.of(AlertLevel.RED),
                new DispatchConfig.QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT));
        assertThat(redOnly.wants(AlertLevel.YELLOW, AlertTransition.DOWNGRADED)).isTrue();
        assertThat(redOnly.wants(AlertLevel.YELLOW, AlertTransition.RAISED)).isFalse();
        assertThat(redOnly.wants(AlertLevel.YELLOW, AlertTransition.CLEARED)).isFalse();
        assertThat(redOnly.wants(AlertLevel.RED, AlertTransition.CLEARED)).isTrue();
    }

    static Map<String, String> ruleNames() {
        return DispatchConfigFile.load(SHIPPED).ruleNames();
    }
}
