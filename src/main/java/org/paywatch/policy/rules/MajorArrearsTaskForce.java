package org.paywatch.policy.rules;

import java.time.LocalDate;
import java.util.Map;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ConfiguredRule;
import org.paywatch.policy.Finding;
import org.paywatch.policy.Money;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.RuleSettings;
import org.paywatch.policy.WageAccrual;

/**
 * PW90 重大欠薪专班 (RULES.md, "Escalation and follow-up"): the project's overdue wages
 * ({@link ProjectBook#overdue}: accrued in periods past their due date, less what was paid for them)
 * reach {@code redAtOverdueFen}, or are owed to at least {@code redAtWorkers} distinct workers: RED
 * with {@code taskForce = true} (组建工作专班、一事一策), scope "" (the project). The routing adds the
 * task force and the county leadership. Follows wages owed whatever the project status; judged on
 * every bank record and at the daily review, when a due date passes.
 */
public final class MajorArrearsTaskForce extends ConfiguredRule {
    public static final String ID = "PW90";

    private final WageAccrual wages;

    private final double redAtOverdueFen;
    private final int redAtWorkers;

    public MajorArrearsTaskForce(RuleSettings.Bound settings, WageAccrual wages) {
        super(settings, Watches.EVERY_PROJECT, Feed.BANK, Feed.PROJECTS);
        this.wages = wages;
        this.redAtOverdueFen = settings.threshold("redAtOverdueFen", 0, 10000000000000.0);
        this.redAtWorkers = settings.count("redAtWorkers", 1, 100000);
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        ProjectBook.Overdue overdue = book.overdue(today, wages);
        if (overdue.fen() == 0 || (overdue.fen() < redAtOverdueFen && overdue.workers() < redAtWorkers)) {
            return Map.of();
        }
        String message = String.format(
                "%s逾期拖欠%d名工人工资共%s，达到重大欠薪标准（%s或%d人），请县根治欠薪工作专班组建工作专班、一事一策，督促总承包单位和建设单位限期清偿，县领导包案督办。",
                book.project().name,
                overdue.workers(),
                Money.yuan(overdue.fen()),
                Money.yuan(Math.round(redAtOverdueFen)),
                redAtWorkers);
        return Map.of(
                "",
                new Finding(
                        AlertLevel.RED,
                        Map.of(
                                "overdueFen", (double) overdue.fen(),
                                "overdueWorkers", (double) overdue.workers()),
                        message,
                        true,
                        false));
    }
}
