package org.paywatch.policy.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.TaxChangeType;
import org.paywatch.domain.Enterprise;
import org.paywatch.domain.Feed;
import org.paywatch.domain.Project;
import org.paywatch.domain.TaxChange;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ConfiguredRule;
import org.paywatch.policy.Finding;
import org.paywatch.policy.Money;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.RuleSettings;

/**
 * PW16 涉事企业税务异动 (RULES.md, "Enterprise signals"): a tax-change signal about the construction
 * unit, the general contractor or a subcontractor of an active project, one alert per enterprise
 * (scope: its credit code). Abnormal-taxpayer status (非正常户), deregistration or credit grade D
 * YELLOW; tax arrears, or individual-income-tax withholding or VAT of the current period at most
 * {@code blueAtMostShareOfPrevious} of the previous one (both figures present, previous above 0) BLUE.
 * The level is the worst of the enterprise's signals. A recovery event clears it (the book drops
 * the signals before it); so does the enterprise leaving the project's roles in the registry.
 */
public final class EnterpriseTaxSignal extends ConfiguredRule {
    public static final String ID = "PW16";

    private final double blueAtMostShareOfPrevious;

    public EnterpriseTaxSignal(RuleSettings.Bound settings) {
        super(settings, Watches.ACTIVE_PROJECTS, Feed.TAX, Feed.PROJECTS);
        this.blueAtMostShareOfPrevious = settings.threshold("blueAtMostShareOfPrevious", 0, 1);
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        Map<String, Finding> findings = new TreeMap<>();
        for (String code : book.project().enterpriseCodes()) {
            Map<String, TaxChange> signals = book.taxSignals(code);
            if (signals == null || signals.isEmpty()) {
                continue;
            }
            AlertLevel level = null;
            List<String> changes = new ArrayList<>();
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (TaxChangeType type : TaxChangeType.values()) {
                TaxChange t = signals.get(type.name());
                AlertLevel l = t == null ? null : levelOf(t);
                if (l == null) {
                    continue;
                }
                level = level == null || l.compareTo(level) > 0 ? l : level;
                changes.add(describe(t));
                metrics.putAll(figures(t));
            }
            if (level == null) {
                continue;
            }
            Roles roles = roles(book.project(), code);
            String message = String.format(
                    "%s的%s%s%s，请%s，县税务局跟踪核查。",
                    book.project().name, roles.names, roles.enterprise, String.join("，", changes), roles.action(level));
            findings.put(code, new Finding(level, metrics, message));
        }
        return findings;
    }

    /** YELLOW for the status signals, BLUE for arrears and a large enough drop, null for what does not count. */
    private AlertLevel levelOf(TaxChange t) {
        return switch (t.changeType) {
            case ABNORMAL_STATUS, DEREGISTERED, CREDIT_GRADE_D -> AlertLevel.YELLOW;
            case TAX_ARREARS -> AlertLevel.BLUE;
            case IIT_DROP, VAT_DROP ->
                t.previousFen != null
                                && t.currentFen != null
                                && t.previousFen > 0
                                && t.currentFen <= blueAtMostShareOfPrevious * t.previousFen
                        ? AlertLevel.BLUE
                        : null;
            case RECOVERED -> null;
        };
    }

    private static String describe(TaxChange t) {
        String period = t.period == null ? "" : t.period + "所属期";
        return switch (t.changeType) {
            case ABNORMAL_STATUS -> "被税务机关认定为非正常户";
            case DEREGISTERED -> "已办理税务注销";
            case CREDIT_GRADE_D -> "纳税信用等级被评为D级";
            case TAX_ARREARS -> "存在欠缴税款";
            case IIT_DROP ->
                String.format(
                        "%s代扣代缴个人所得税由%s降至%s（为上期的%.0f%%）",
                        period,
                        Money.yuan(t.previousFen),
                        Money.yuan(t.currentFen),
                        100.0 * t.currentFen / t.previousFen);
            case VAT_DROP ->
                String.format(
                        "%s增值税由%s降至%s（为上期的%.0f%%）",
                        period,
                        Money.yuan(t.previousFen),
                        Money.yuan(t.currentFen),
                        100.0 * t.currentFen / t.previousFen);
            case RECOVERED -> "";
        };
    }

    private static Map<String, Double> figures(TaxChange t) {
        return switch (t.changeType) {
            case ABNORMAL_STATUS -> Map.of("abnormalStatus", 1.0);
            case DEREGISTERED -> Map.of("deregistered", 1.0);
            case CREDIT_GRADE_D -> Map.of("creditGradeD", 1.0);
            case TAX_ARREARS -> Map.of("taxArrears", 1.0);
            case IIT_DROP ->
                Map.of(
                        "iitPreviousFen",
                        (double) t.previousFen,
                        "iitCurrentFen",
                        (double) t.currentFen,
                        "iitShareOfPrevious",
                        (double) t.currentFen / t.previousFen);
            case VAT_DROP ->
                Map.of(
                        "vatPreviousFen",
                        (double) t.previousFen,
                        "vatCurrentFen",
                        (double) t.currentFen,
                        "vatShareOfPrevious",
                        (double) t.currentFen / t.previousFen);
            case RECOVERED -> Map.of();
        };
    }

    /** The enterprise's roles on the project (one enterprise may hold several) and its name. */
    private static Roles roles(Project p, String code) {
        List<String> names = new ArrayList<>();
        String enterprise = null;
        boolean contractor = false;
        boolean constructionUnit = false;
        if (is(p.constructionUnit, code)) {
            names.add("建设单位");
            enterprise = p.constructionUnit.name;
            constructionUnit = true;
        }
        if (is(p.generalContractor, code)) {
            names.add("施工总承包单位");
            enterprise = p.generalContractor.name;
            contractor = true;
        }
        if (p.subcontractors != null) {
            for (Enterprise s : p.subcontractors) {
                if (is(s, code) && !names.contains("分包单位")) {
                    names.add("分包单位");
                    enterprise = s.name;
                }
            }
        }
        return new Roles(String.join("、", names), enterprise == null ? code : enterprise, constructionUnit, contractor);
    }

    private static boolean is(Enterprise e, String code) {
        return e != null && code.equals(e.creditCode);
    }

    private record Roles(String names, String enterprise, boolean constructionUnit, boolean contractor) {
        /** Who must act: the contractor answers for its own and its subcontractors' wages; the construction unit for the labour cost. */
        String action(AlertLevel level) {
            String check = level == AlertLevel.YELLOW ? "立即" : "";
            if (constructionUnit && !contractor) {
                return "建设单位" + check + "说明资金状况并确保人工费用按时足额拨付至农民工工资专用账户";
            }
            if (contractor) {
                return "施工总承包单位" + check + "核实自身资金状况，确保农民工工资按月足额支付";
            }
            return "施工总承包单位" + check + "核查该分包单位的用工和工资支付情况，必要时直接代发农民工工资";
        }
    }
}
