package org.paywatch.policy.rules;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.Feed;
import org.paywatch.domain.Project;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.BusinessCalendar;
import org.paywatch.policy.ConfiguredRule;
import org.paywatch.policy.Finding;
import org.paywatch.policy.Money;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.RuleSettings;

/**
 * PW12 未按时纳入平台监管 (RULES.md, "Account integrity"): an active project with a contract value of
 * at least {@code minContractValueFen} and a planned duration of at least {@code minDurationMonths}
 * months (calendar months from start to planned end, both days counted: RULES.md, Definitions) that is not onboarded (dedicated
 * account not bound, or no onboarding date, or one still to come): from day {@code yellowAtDays} after
 * the start YELLOW, from day {@code redAtDays} RED. Clears once onboarded.
 */
public final class PlatformOnboardingOverdue extends ConfiguredRule {
    public static final String ID = "PW12";

    private final double minContractValueFen;
    private final int minDurationMonths;
    private final int yellowAtDays;
    private final int redAtDays;

    public PlatformOnboardingOverdue(RuleSettings.Bound settings) {
        // Only the registry says whether the project is onboarded; the days pass with the daily review.
        super(settings, Watches.ACTIVE_PROJECTS, Feed.PROJECTS);
        this.minContractValueFen = settings.threshold("minContractValueFen", 0, 10000000000000.0);
        this.minDurationMonths = settings.count("minDurationMonths", 0, 120);
        this.yellowAtDays = settings.days("yellowAtDays", 0, 366);
        this.redAtDays = settings.days("redAtDays", 0, 732);
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        Project p = book.project();
        if (p.contractValueFen < minContractValueFen
                || p.plannedEndDate == null
                || plannedMonths(p) < minDurationMonths) {
            return Map.of();
        }
        boolean onboarded = p.payrollAccountNo != null && p.onboardedDate != null && !p.onboardedDate.isAfter(today);
        if (onboarded) {
            return Map.of();
        }
        long days = BusinessCalendar.daysBetween(p.startDate, today);
        AlertLevel level = days >= redAtDays ? AlertLevel.RED : days >= yellowAtDays ? AlertLevel.YELLOW : null;
        if (level == null) {
            return Map.of();
        }
        String missing = p.payrollAccountNo == null ? "农民工工资专用账户尚未开设绑定" : "项目尚未接入平台";
        String message = String.format(
                "%s合同额%s，开工已%d天仍未纳入平台监管（%s），超过开工后%d天内纳入的期限，请总承包单位立即开设绑定专户并完成项目接入，建设单位督促落实。",
                book.project().name, Money.yuan(p.contractValueFen), days, missing, yellowAtDays);
        return Map.of("", new Finding(level, Map.of("daysSinceStart", (double) days), message));
    }

    /** Whole calendar months from the start to the planned end, both days counted: 01-01 to 03-31 is 3. */
    static long plannedMonths(Project p) {
        return ChronoUnit.MONTHS.between(p.startDate, p.plannedEndDate.plusDays(1));
    }
}
