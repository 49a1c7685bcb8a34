package org.paywatch.policy.rules;

import java.time.LocalDate;
import java.util.Map;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.BusinessCalendar;
import org.paywatch.policy.ConfiguredRule;
import org.paywatch.policy.Finding;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.RuleSettings;

/**
 * PW02 人工费用拨付超期 (RULES.md, "Funding"): days since the last labour-cost deposit, or since the
 * start of works if there was none, on an active project: over {@code yellowAfterDays} YELLOW, over
 * {@code redAfterDays} RED. A deposit clears it.
 */
public final class LaborCostDepositOverdue extends ConfiguredRule {
    public static final String ID = "PW02";

    private final int yellowAfterDays;
    private final int redAfterDays;

    public LaborCostDepositOverdue(RuleSettings.Bound settings) {
        super(settings, Watches.ACTIVE_PROJECTS, Feed.BANK, Feed.PROJECTS);
        this.yellowAfterDays = settings.days("yellowAfterDays", 1, 366);
        this.redAfterDays = settings.days("redAfterDays", yellowAfterDays, 732);
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        boolean never = book.lastDepositAt() == null;
        LocalDate since = never ? book.project().startDate : BusinessCalendar.date(book.lastDepositAt());
        long days = BusinessCalendar.daysBetween(since, today);
        AlertLevel level = days > redAfterDays ? AlertLevel.RED : days > yellowAfterDays ? AlertLevel.YELLOW : null;
        if (level == null) {
            return Map.of();
        }
        String message = never
                ? String.format(
                        "%s自%s开工已%d天未向农民工工资专用账户拨付人工费用，超过%d天的拨付周期，请建设单位立即拨付。",
                        book.project().name, since, days, yellowAfterDays)
                : String.format(
                        "%s自%s最近一次拨付人工费用后已%d天未再拨付，超过%d天的拨付周期，请建设单位立即拨付。",
                        book.project().name, since, days, yellowAfterDays);
        return Map.of("", new Finding(level, Map.of("daysSinceDeposit", (double) days), message));
    }
}
