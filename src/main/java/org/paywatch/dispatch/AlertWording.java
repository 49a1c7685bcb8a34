package org.paywatch.dispatch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.paywatch.contract.Alert;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.AlertTransition;
import org.paywatch.policy.rules.Percent;

/**
 * The words an SMS says about an alert, from its rule, level, scope and metrics only: never from its message, which
 * may quote a worker's pseudonym. The figure of each rule reads the metrics that rule writes (policy/rules).
 */
final class AlertWording {
    private static final Pattern PERIOD = Pattern.compile("(\\d{4})-(\\d{2})");
    /** Where no figure can be told: the alert itself, on the platform, has them all. */
    static final String NO_FIGURE = "详见平台";
    /** At most this many tax signals are named; more end in 等. */
    private static final int TAX_SIGNALS = 2;

    private AlertWording() {}

    static String level(AlertLevel level) {
        return switch (level) {
            case BLUE -> "蓝色";
            case YELLOW -> "黄色";
            case RED -> "红色";
        };
    }

    /**
     * What the alert is about, for a reader: a pay period as 2025年3月, PW91's rule as its Chinese name, and nothing
     * for a worker's or an account's pseudonym or an enterprise code (the figure names the enterprise's role).
     */
    static String scope(String scope, Map<String, String> ruleNames) {
        if (scope == null) {
            return "";
        }
        var period = PERIOD.matcher(scope);
        if (period.matches()) {
            return period.group(1) + "年" + Integer.parseInt(period.group(2)) + "月";
        }
        return ruleNames.getOrDefault(scope, "");
    }

    /** The rule's figure, the one number that says how bad it is, from its metrics; a follow-up's is the days since clearing. */
    static String figure(Alert alert) {
        Metrics m = new Metrics(alert.getMetrics() == null ? Map.of() : alert.getMetrics());
        if (alert.getTransition() == AlertTransition.FOLLOW_UP && m.containsKey("daysSinceCleared")) {
            return "消除已满" + days(m.get("daysSinceCleared")) + "天";
        }
        try {
            String figure = switch (alert.getRuleId()) {
                case "PW01" ->
                    "到账仅为应拨的" + Percent.of(m.get("coverage")) + "，差"
                            + money(m.get("requiredFen") - m.get("depositedFen"));
                case "PW02" -> "已" + days(m.get("daysSinceDeposit")) + "天未拨付人工费用";
                case "PW03" -> "已付工程款仅为完成价款的" + Percent.of(m.get("paidShare"));
                case "PW04" ->
                    m.containsKey("cover")
                            ? "专户余额" + money(m.get("balanceFen")) + "，仅为应发未发工资的" + Percent.of(m.get("cover"))
                            : "专户余额" + money(m.get("balanceFen")) + "，仅够发放" + tenths(m.get("daysOfPayouts")) + "天";
                case "PW05" ->
                    (m.get("daysPastDue") >= 1 ? "逾期" + days(m.get("daysPastDue")) + "天，" : "即将到期，")
                            + whole(m.get("unpaidWorkers")) + "人约" + money(m.get("unpaidAmountFen")) + "未发";
                case "PW06" ->
                    whole(m.get("attendedWorkers")) + "人中" + whole(m.get("unpaidWorkers")) + "人无代发记录，约"
                            + money(m.get("unpaidAmountFen"));
                case "PW07" ->
                    alert.getLevel() == AlertLevel.RED
                            ? "人均月工资" + money(m.get("perCapitaMonthlyPayFen")) + "，低于最低工资"
                                    + money(m.get("minimumWageFen"))
                            : whole(m.get("belowMinimumWorkers")) + "人低于最低工资，共差" + money(m.get("shortfallFen"));
                case "PW08" ->
                    "单人单月最高代发" + money(m.get("maxMonthPayoutFen")) + "，全年" + money(m.get("maxYearPayoutFen"));
                case "PW09" ->
                    "一名工人退场" + days(m.get("daysSinceDeparture")) + "天仍有" + money(m.get("unpaidAmountFen")) + "未结清";
                case "PW10" ->
                    m.containsKey("outflows")
                            ? whole(m.get("outflows")) + "笔非工资支出共" + money(m.get("outflowAmountFen"))
                            : "向未实名登记人员代发" + money(m.get("paidAmountFen"));
                case "PW11" -> "专户被冻结，余额" + money(m.get("balanceFen"));
                case "PW12" -> "开工" + days(m.get("daysSinceStart")) + "天仍未纳入平台监管";
                case "PW13" -> "保证金" + money(m.get("wageDepositFen")) + "，应存" + money(m.get("requiredFen"));
                case "PW14" ->
                    "单日" + whole(m.get("unregisteredWorkers")) + "名未实名人员上岗，占" + Percent.of(m.get("shareOfDay"));
                case "PW15" -> "已" + days(m.get("silentDays")) + "天无人打卡";
                case "PW16" -> taxSignals(m);
                case "PW90" -> "逾期欠薪" + money(m.get("overdueFen")) + "，涉及" + whole(m.get("overdueWorkers")) + "人";
                case "PW91" -> "消除后" + days(m.get("daysSinceClearing")) + "天再次触发";
                default -> NO_FIGURE;
            };
            return figure.isEmpty() ? NO_FIGURE : figure;
        } catch (MissingMetric e) {
            // a cleared alert carries no metrics, and a rule of a newer risk monitor may write others
            return NO_FIGURE;
        }
    }

    /** An alert's metrics, where one the figure needs and the alert lacks ends the figure. */
    private record Metrics(Map<String, Double> values) {
        double get(String name) {
            Double v = values.get(name);
            if (v == null || v.isNaN() || v.isInfinite()) {
                throw new MissingMetric();
            }
            return v;
        }

        boolean containsKey(String name) {
            return values.containsKey(name);
        }
    }

    private static final class MissingMetric extends RuntimeException {
        MissingMetric() {
            super(null, null, false, false);
        }
    }

    private static String taxSignals(Metrics m) {
        List<String> signals = new ArrayList<>();
        if (m.containsKey("abnormalStatus")) {
            signals.add("非正常户");
        }
        if (m.containsKey("deregistered")) {
            signals.add("已税务注销");
        }
        if (m.containsKey("creditGradeD")) {
            signals.add("纳税信用D级");
        }
        if (m.containsKey("taxArrears")) {
            signals.add("欠缴税款");
        }
        if (m.containsKey("iitShareOfPrevious")) {
            signals.add("个税降至上期" + Percent.of(m.get("iitShareOfPrevious")));
        }
        if (m.containsKey("vatShareOfPrevious")) {
            signals.add("增值税降至上期" + Percent.of(m.get("vatShareOfPrevious")));
        }
        if (signals.isEmpty()) {
            return "";
        }
        String named = String.join("、", signals.subList(0, Math.min(TAX_SIGNALS, signals.size())));
        return "涉事企业" + named + (signals.size() > TAX_SIGNALS ? "等" : "");
    }

    /** Money for a phone screen: 3200元, 18.6万元, 2.35亿元. */
    static String money(double fen) {
        double yuan = fen / 100;
        if (Math.abs(yuan) < 9_999.5) {
            return Math.round(yuan) + "元";
        }
        if (Math.abs(yuan) < 99_999_950) {
            return trimmed(String.format(Locale.ROOT, "%.1f", yuan / 10_000)) + "万元";
        }
        return trimmed(String.format(Locale.ROOT, "%.2f", yuan / 100_000_000)) + "亿元";
    }

    private static String trimmed(String decimal) {
        return decimal.contains(".") ? decimal.replaceAll("0+$", "").replaceAll("\\.$", "") : decimal;
    }

    private static String days(double days) {
        return whole(days);
    }

    private static String whole(double n) {
        return Long.toString(Math.round(n));
    }

    private static String tenths(double n) {
        return trimmed(String.format(Locale.ROOT, "%.1f", n));
    }

    /**
     * For each rule, metrics at their longest in words (the largest figures a county sees: 万元 amounts of five
     * digits, four-digit days and head counts, both tax drops at once), one map per way the rule words its figure.
     * The job file's templates must fit two SMS with these.
     */
    static Map<String, List<Map<String, Double>>> longestMetrics() {
        double money = 9_999_940_000.0; // 9999.9万元: the longest amount in words below 1亿
        double days = 9_999;
        double count = 9_999;
        double share = 0.999; // 99.9%
        Map<String, List<Map<String, Double>>> m = new LinkedHashMap<>();
        m.put("PW01", List.of(Map.of("coverage", share, "depositedFen", 0.0, "requiredFen", money)));
        m.put("PW02", List.of(Map.of("daysSinceDeposit", days)));
        m.put("PW03", List.of(Map.of("paidShare", share, "completedValueFen", money, "progressPaymentFen", money)));
        m.put(
                "PW04",
                List.of(
                        Map.of("cover", share, "balanceFen", money, "unpaidClosedFen", money),
                        Map.of(
                                "balanceFen",
                                money,
                                "dailyPayoutFen",
                                money,
                                "daysOfPayouts",
                                999.9,
                                "unpaidClosedFen",
                                money)));
        m.put(
                "PW05",
                List.of(
                        Map.of("daysPastDue", days, "unpaidWorkers", count, "unpaidAmountFen", money),
                        Map.of("daysPastDue", 0.0, "unpaidWorkers", count, "unpaidAmountFen", money)));
        m.put(
                "PW06",
                List.of(Map.of(
                        "attendedWorkers",
                        count,
                        "unpaidWorkers",
                        count,
                        "unpaidShare",
                        share,
                        "unpaidAmountFen",
                        money)));
        m.put(
                "PW07",
                List.of(Map.of(
                        "paidWorkers",
                        count,
                        "belowMinimumWorkers",
                        count,
                        "perCapitaMonthlyPayFen",
                        money,
                        "minimumWageFen",
                        money,
                        "shortfallFen",
                        money)));
        m.put("PW08", List.of(Map.of("maxMonthPayoutFen", money, "maxYearPayoutFen", money, "periodsOverLimit", 2.0)));
        m.put(
                "PW09",
                List.of(Map.of(
                        "daysSinceDeparture",
                        days,
                        "unpaidAmountFen",
                        money,
                        "unpaidPeriods",
                        99.0,
                        "hasExitDate",
                        1.0)));
        m.put("PW10", List.of(Map.of("outflows", count, "outflowAmountFen", money), Map.of("paidAmountFen", money)));
        m.put("PW11", List.of(Map.of("balanceFen", money)));
        m.put("PW12", List.of(Map.of("daysSinceStart", days)));
        m.put("PW13", List.of(Map.of("wageDepositFen", money, "requiredFen", money, "daysSinceStart", days)));
        m.put("PW14", List.of(Map.of("unregisteredWorkers", count, "shareOfDay", share, "day", 20251231.0)));
        m.put("PW15", List.of(Map.of("silentDays", days, "averageWorkers", count, "attendedDays", days)));
        m.put(
                "PW16",
                List.of(Map.of(
                        "iitPreviousFen",
                        money,
                        "iitCurrentFen",
                        money,
                        "iitShareOfPrevious",
                        share,
                        "vatPreviousFen",
                        money,
                        "vatCurrentFen",
                        money,
                        "vatShareOfPrevious",
                        share)));
        m.put("PW90", List.of(Map.of("overdueFen", money, "overdueWorkers", count)));
        m.put("PW91", List.of(Map.of("daysSinceClearing", days, "reboundAlerts", count)));
        return m;
    }
}
