package org.paywatch.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.paywatch.config.JobConfigFile;
import org.paywatch.contract.Alert;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.AlertTransition;
import org.paywatch.contract.Project;
import org.paywatch.sim.CountyPlan;
import org.paywatch.sim.SyntheticCounty;

/** Every SMS fits two segments with its signature, names the project, the problem, the figure and what to do, and nothing personal. */
class SmsTextTest {
    private static final String WORKER = "W-3f9a0c11d2e4b5a6978c0d1e";

    private static DispatchConfig config;
    private static SmsText sms;
    /** The longest project name of a county as large as the simulation makes them (5000 projects, numbered lots). */
    private static String longestName;

    @BeforeAll
    static void load() {
        config = DispatchConfigFile.load(DispatchConfigFileTest.SHIPPED);
        sms = new SmsText(config);
        SyntheticCounty county = new SyntheticCounty(
                new CountyPlan(
                        11, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 31), CountyPlan.MAX_PROJECTS, false, 1, 1),
                JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")).policy());
        longestName = county.registry().stream()
                .filter(r -> r.record() instanceof Project)
                .map(r -> ((Project) r.record()).getName())
                .max(Comparator.comparingInt(String::length))
                .orElseThrow();
    }

    static Alert alert(
            String ruleId, AlertLevel level, AlertTransition transition, String scope, Map<String, Double> metrics) {
        return Alert.newBuilder()
                .setAlertId(ruleId + "-0011223344556677aabb")
                .setProjectId("GT2025-001")
                .setRuleId(ruleId)
                .setLevel(level)
                .setTransition(transition)
                .setScope(scope)
                .setEventTime(Instant.parse("2025-04-03T02:00:00Z"))
                .setMessage("某项目" + scope + "消息")
                .setLegalBasis("依据")
                .setMetrics(metrics)
                .setRecipients(List.of())
                .setTaskForce(ruleId.equals("PW90"))
                .setRebound(ruleId.equals("PW91"))
                .build();
    }

    /**
     * What each rule writes, at the largest figures a county sees (amounts near 1亿元, four-digit days and crews),
     * each level the rule raises, and each scope it has.
     */
    private static List<Alert> largestAlerts() {
        double money = 9_876_543_210.0; // 9876.5万元
        Map<String, List<Map<String, Double>>> byRule = new LinkedHashMap<>();
        byRule.put("PW01", List.of(Map.of("coverage", 0.793, "depositedFen", money, "requiredFen", money * 1.2)));
        byRule.put("PW02", List.of(Map.of("daysSinceDeposit", 1234.0)));
        byRule.put(
                "PW03",
                List.of(Map.of("paidShare", 0.593, "completedValueFen", money, "progressPaymentFen", money * 0.593)));
        byRule.put(
                "PW04",
                List.of(
                        Map.of("cover", 0.493, "balanceFen", money, "unpaidClosedFen", money * 2),
                        Map.of(
                                "balanceFen",
                                money,
                                "dailyPayoutFen",
                                money / 10,
                                "daysOfPayouts",
                                9.5,
                                "unpaidClosedFen",
                                0.0)));
        byRule.put(
                "PW05",
                List.of(
                        Map.of("daysPastDue", 1234.0, "unpaidWorkers", 8765.0, "unpaidAmountFen", money),
                        Map.of("daysPastDue", 0.0, "unpaidWorkers", 8765.0, "unpaidAmountFen", money)));
        byRule.put(
                "PW06",
                List.of(Map.of(
                        "attendedWorkers",
                        9876.0,
                        "unpaidWorkers",
                        8765.0,
                        "unpaidShare",
                        0.887,
                        "unpaidAmountFen",
                        money)));
        byRule.put(
                "PW07",
                List.of(Map.of(
                        "paidWorkers",
                        9876.0,
                        "belowMinimumWorkers",
                        8765.0,
                        "perCapitaMonthlyPayFen",
                        185_000.0,
                        "minimumWageFen",
                        191_000.0,
                        "shortfallFen",
                        money)));
        byRule.put(
                "PW08",
                List.of(Map.of(
                        "maxMonthPayoutFen", money, "maxYearPayoutFen", money * 1.01, "periodsOverLimit", 13.0)));
        byRule.put(
                "PW09",
                List.of(Map.of(
                        "daysSinceDeparture",
                        1234.0,
                        "unpaidAmountFen",
                        money,
                        "unpaidPeriods",
                        12.0,
                        "hasExitDate",
                        1.0)));
        byRule.put(
                "PW10", List.of(Map.of("outflows", 1234.0, "outflowAmountFen", money), Map.of("paidAmountFen", money)));
        byRule.put("PW11", List.of(Map.of("balanceFen", money)));
        byRule.put("PW12", List.of(Map.of("daysSinceStart", 1234.0)));
        byRule.put(
                "PW13",
                List.of(Map.of("wageDepositFen", money, "requiredFen", money * 1.01, "daysSinceStart", 1234.0)));
        byRule.put("PW14", List.of(Map.of("unregisteredWorkers", 8765.0, "shareOfDay", 0.887, "day", 20251231.0)));
        byRule.put("PW15", List.of(Map.of("silentDays", 1234.0, "averageWorkers", 9876.5, "attendedDays", 14.0)));
        byRule.put(
                "PW16",
                List.of(
                        Map.of(
                                "abnormalStatus",
                                1.0,
                                "deregistered",
                                1.0,
                                "creditGradeD",
                                1.0,
                                "taxArrears",
                                1.0,
                                "iitPreviousFen",
                                money,
                                "iitCurrentFen",
                                money * 0.123,
                                "iitShareOfPrevious",
                                0.123),
                        Map.of(
                                "iitPreviousFen",
                                money,
                                "iitCurrentFen",
                                money * 0.123,
                                "iitShareOfPrevious",
                                0.123,
                                "vatPreviousFen",
                                money,
                                "vatCurrentFen",
                                money * 0.456,
                                "vatShareOfPrevious",
                                0.456)));
        byRule.put("PW90", List.of(Map.of("overdueFen", money, "overdueWorkers", 8765.0)));
        byRule.put("PW91", List.of(Map.of("daysSinceClearing", 89.0, "reboundAlerts", 1234.0)));
        Map<String, String> scopes = Map.of(
                "PW01",
                "2025-12",
                "PW05",
                "2025-12",
                "PW06",
                "2025-12",
                "PW07",
                "2025-12",
                "PW08",
                WORKER,
                "PW09",
                WORKER,
                "PW10",
                "2025-12",
                "PW16",
                "91620724MA7LXXXX1X",
                "PW91",
                "PW03");
        List<Alert> alerts = new ArrayList<>();
        byRule.forEach((rule, variants) -> {
            for (Map<String, Double> metrics : variants) {
                for (AlertLevel level : AlertLevel.values()) {
                    for (AlertTransition t : AlertTransition.values()) {
                        Map<String, Double> m = t == AlertTransition.CLEARED
                                ? Map.of()
                                : t == AlertTransition.FOLLOW_UP ? Map.of("daysSinceCleared", 90.0) : metrics;
                        alerts.add(alert(rule, level, t, scopes.getOrDefault(rule, ""), m));
                    }
                }
            }
        });
        return alerts;
    }

    @Test
    void shouldCountSegmentsAsCarriersDo() {
        assertThat(SmsText.segments("预".repeat(70))).isEqualTo(1);
        assertThat(SmsText.segments("预".repeat(71))).isEqualTo(2);
        assertThat(SmsText.segments("预".repeat(134))).isEqualTo(2);
        assertThat(SmsText.segments("预".repeat(135))).isEqualTo(3);
        assertThat(SmsText.segments("𠀀".repeat(36)))
                .as("a character beyond the BMP takes two")
                .isEqualTo(2);
    }

    @Test
    void shouldNameTheProjectTheProblemTheFigureAndWhatToDo() {
        Alert a = alert(
                "PW05",
                AlertLevel.YELLOW,
                AlertTransition.RAISED,
                "2025-03",
                Map.of("daysPastDue", 12.0, "unpaidWorkers", 35.0, "unpaidAmountFen", 18_620_000.0));
        assertThat(sms.of(a, "高台县城关镇保障性住房建设项目"))
                .isEqualTo("高台县城关镇保障性住房建设项目，2025年3月工资未按月发放黄色预警：逾期12天，35人约18.6万元未发。请总承包单位立即足额支付工资。");
    }

    @Test
    void shouldSayEachTransitionInItsOwnWords() {
        Map<String, Double> m = Map.of("daysSinceDeposit", 65.0);
        String name = "高台县巷道镇危桥改造工程";
        assertThat(sms.of(alert("PW02", AlertLevel.RED, AlertTransition.ESCALATED, "", m), name))
                .isEqualTo("高台县巷道镇危桥改造工程，人工费用拨付超期预警升为红色：已65天未拨付人工费用。请建设单位立即拨付人工费用。");
        assertThat(sms.of(alert("PW02", AlertLevel.YELLOW, AlertTransition.DOWNGRADED, "", m), name))
                .isEqualTo("高台县巷道镇危桥改造工程，人工费用拨付超期预警降为黄色：已65天未拨付人工费用。请继续整改直至消除。");
        assertThat(sms.of(alert("PW02", AlertLevel.YELLOW, AlertTransition.CLEARED, "", Map.of()), name))
                .isEqualTo("高台县巷道镇危桥改造工程，人工费用拨付超期黄色预警已消除。");
        assertThat(sms.of(
                        alert("PW02", AlertLevel.RED, AlertTransition.FOLLOW_UP, "", Map.of("daysSinceCleared", 30.0)),
                        name))
                .isEqualTo("高台县巷道镇危桥改造工程，人工费用拨付超期红色预警消除已满30天，请开展跟踪回访，确认问题未反弹。");
        assertThat(sms.of(
                        alert(
                                "PW91",
                                AlertLevel.RED,
                                AlertTransition.RAISED,
                                "PW05",
                                Map.of("daysSinceClearing", 12.0)),
                        name))
                .isEqualTo("高台县巷道镇危桥改造工程，工资未按月发放问题反弹红色预警：消除后12天再次触发。请查明原因彻底整改，加强跟踪回访。");
    }

    @Test
    void shouldFitEveryTemplateInTwoSegmentsAtItsLongestRealValues() {
        assertThat(longestName.length()).as(longestName).isGreaterThan(24);
        String beginning = longestName.substring("高台县".length(), "高台县".length() + 6);
        for (Alert a : largestAlerts()) {
            String text = sms.of(a, longestName);
            assertThat(SmsText.segments(sms.signature() + text)).as(text).isLessThanOrEqualTo(2);
            assertThat(text).as("the project").contains(beginning);
            if (!a.getRuleId().equals("PW91")) {
                assertThat(text).as("the problem").contains(config.ruleNames().get(a.getRuleId()));
            }
            if (a.getTransition() != AlertTransition.CLEARED) {
                assertThat(text)
                        .as("a figure")
                        .doesNotContain(AlertWording.NO_FIGURE)
                        .containsPattern("\\d");
            }
            if (a.getTransition() == AlertTransition.RAISED || a.getTransition() == AlertTransition.ESCALATED) {
                assertThat(text)
                        .as("what to do")
                        .contains(config.sms().actions().get(a.getRuleId()));
            }
            assertThat(text)
                    .as("no pseudonym, no enterprise code, no card number")
                    .doesNotContain("W-", "91620724")
                    .doesNotContainPattern("\\d{8}");
        }
    }

    @Test
    void shouldShortenALongProjectNameFromTheMiddleKeepingItsPhase() {
        String name = "高台县城关镇老旧小区改造配套基础设施及室外管网提升改造建设项目（三期）";
        assertThat(sms.shortened(name, name.length())).isEqualTo(name);
        assertThat(sms.shortened(name, name.length() - 3))
                .as("the county first")
                .isEqualTo("城关镇老旧小区改造配套基础设施及室外管网提升改造建设项目（三期）");
        assertThat(sms.shortened(name, 16)).isEqualTo("城关镇老旧小区改造配套…（三期）");
        assertThat(sms.shortened(name, SmsText.SHORTEST_PROJECT_NAME))
                .hasSize(SmsText.SHORTEST_PROJECT_NAME)
                .startsWith("城关镇");
    }

    @Test
    void shouldShortenTheProjectOnlyAsMuchAsTheMessageNeeds() {
        // 60 characters: names this long are registered (works, their extensions and the phase in one)
        String name = "高台县城关镇老旧小区改造配套基础设施及室外管网提升改造及供热管网二次供水设施配套改造暨城关镇人居环境整治提升工程（三期）";
        Alert a = alert(
                "PW08",
                AlertLevel.RED,
                AlertTransition.ESCALATED,
                WORKER,
                Map.of(
                        "maxMonthPayoutFen",
                        9_876_543_210.0,
                        "maxYearPayoutFen",
                        9_976_543_210.0,
                        "periodsOverLimit",
                        2.0));
        String withoutCounty = sms.of(a, name);
        assertThat(withoutCounty)
                .as("two characters too long: the county goes")
                .startsWith(name.substring(3) + "，单人代发异常大额预警升为红色");
        assertThat(sms.signature().length() + withoutCounty.length()).isLessThanOrEqualTo(SmsText.MAX_CHARS);

        String cut = sms.of(a, name.replace("（三期）", "及配套绿化亮化工程（三期）"));
        assertThat(sms.signature().length() + cut.length()).isEqualTo(SmsText.MAX_CHARS);
        assertThat(cut).startsWith("城关镇老旧小区改造配套基础设施").contains("…（三期），单人代发异常大额预警升为红色");
    }

    @Test
    void shouldStandTheProjectsIdForAnUnknownName() {
        Alert a = alert("PW15", AlertLevel.BLUE, AlertTransition.RAISED, "", Map.of("silentDays", 8.0));
        assertThat(sms.of(a, null)).startsWith("GT2025-001，考勤异常中断蓝色预警：已8天无人打卡。");
    }

    @Test
    void shouldNeverCarryAWorkersPseudonymNorAnIdCardNumberOfTheRegistrysText() {
        for (AlertTransition t : AlertTransition.values()) {
            Alert a = alert("PW10", AlertLevel.YELLOW, t, WORKER, Map.of("paidAmountFen", 1_200_000.0));
            String text = sms.of(a, "高台县620102199003074512号地块安置房");
            assertThat(text)
                    .doesNotContain("W-", "3f9a0c11", "620102199003074512")
                    .contains("******************号地块安置房");
        }
    }

    @Test
    void shouldTellTaxSignalsByTheirNamesAndCountTheRest() {
        Alert a = alert(
                "PW16",
                AlertLevel.YELLOW,
                AlertTransition.RAISED,
                "91620724MA7LXXXX1X",
                Map.of("abnormalStatus", 1.0, "creditGradeD", 1.0, "taxArrears", 1.0));
        assertThat(sms.of(a, "高台县宣化镇卫生院综合楼建设项目")).contains("黄色预警：涉事企业非正常户、纳税信用D级等。请涉事企业说明资金状况");
    }

    @Test
    void shouldDigestAlertsNamingTheProjectsMostSevereFirst() {
        Map<String, String> names = Map.of("GT2025-001", "高台县城关镇保障性住房建设项目", "GT2025-002", "高台县巷道镇危桥改造工程");
        Alert yellow = Alert.newBuilder(
                        alert("PW02", AlertLevel.YELLOW, AlertTransition.RAISED, "", Map.of("daysSinceDeposit", 35.0)))
                .setProjectId("GT2025-001")
                .build();
        Alert blue = Alert.newBuilder(
                        alert("PW15", AlertLevel.BLUE, AlertTransition.RAISED, "", Map.of("silentDays", 8.0)))
                .setProjectId("GT2025-001")
                .build();
        Alert red = Alert.newBuilder(
                        alert("PW10", AlertLevel.RED, AlertTransition.RAISED, "2025-03", Map.of("outflows", 1.0)))
                .setProjectId("GT2025-002")
                .build();
        assertThat(sms.digest(List.of(yellow, blue, red), names::get))
                .isEqualTo("3条预警变动（红色1条、黄色1条、蓝色1条）：高台县巷道镇危桥改造工程、高台县城关镇保障性住房建设项目。请登录平台查看处理。");
    }

    @Test
    void shouldDigestManyProjectsWithTheLongestNamesInTwoSegments() {
        Map<String, String> names = new HashMap<>();
        List<Alert> alerts = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            String id = String.format("GT2025-%03d", i);
            names.put(id, longestName);
            AlertLevel level = i == 300 ? AlertLevel.RED : AlertLevel.values()[i % 2];
            alerts.add(Alert.newBuilder(alert("PW05", level, AlertTransition.RAISED, "2025-12", Map.of()))
                    .setProjectId(id)
                    .build());
            alerts.add(Alert.newBuilder(alert("PW02", AlertLevel.BLUE, AlertTransition.RAISED, "", Map.of()))
                    .setProjectId(id)
                    .build());
        }
        String text = sms.digest(alerts, names::get);
        assertThat(SmsText.segments(sms.signature() + text)).as(text).isLessThanOrEqualTo(2);
        assertThat(text).startsWith("600条预警变动（红色1条、黄色150条、蓝色449条）：").contains("等300个项目。请登录平台查看处理。");
        String listed = text.substring(text.indexOf("：") + 1, text.indexOf("等300个项目"));
        assertThat(listed.split("、"))
                .as("fewer projects rather than names cut below recognition")
                .hasSizeGreaterThan(1)
                .allSatisfy(n -> assertThat(n)
                        .hasSizeGreaterThanOrEqualTo(SmsText.READABLE_PROJECT_NAME)
                        .startsWith(longestName.substring(3, 9)));
    }

    @Test
    void shouldRefuseTheLastResortForAnyFigureACountySees() {
        // the 134 characters are kept by shortening the project, never by cutting the end of the message
        for (Alert a : largestAlerts()) {
            assertThat(sms.of(a, longestName + longestName)).as(a.getRuleId()).doesNotEndWith("…");
        }
    }
}
