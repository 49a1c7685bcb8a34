package org.paywatch.policy.rules;

import java.time.LocalDate;
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
 * PW13 工资保证金未足额存储 (RULES.md, "Account integrity"): an active (started) project with a
 * contract value of at least {@code exemptBelowContractValueFen} whose wage deposit is below
 * {@code minShareOfContract} of the contract value: from day {@code yellowAtDays} after the start
 * YELLOW. Clears once the registry shows a sufficient deposit.
 */
public final class WageDepositShortfall extends ConfiguredRule {
    public static final String ID = "PW13";

    private final double minShareOfContract;
    private final double exemptBelowContractValueFen;
    private final int yellowAtDays;

    public WageDepositShortfall(RuleSettings.Bound settings) {
        // The contract value and the wage deposit are in the registry; the days pass with the daily review.
        super(settings, Watches.ACTIVE_PROJECTS, Feed.PROJECTS);
        this.minShareOfContract = settings.threshold("minShareOfContract", 0, 1);
        this.exemptBelowContractValueFen = settings.threshold("exemptBelowContractValueFen", 0, 10000000000000.0);
        this.yellowAtDays = settings.days("yellowAtDays", 0, 366);
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        Project p = book.project();
        if (p.contractValueFen < exemptBelowContractValueFen) {
            return Map.of();
        }
        long requiredFen = Math.round(minShareOfContract * p.contractValueFen);
        long days = BusinessCalendar.daysBetween(p.startDate, today);
        if (p.wageDepositFen >= requiredFen || days < yellowAtDays) {
            return Map.of();
        }
        String message = String.format(
                "%s工资保证金仅存储%s，低于合同额%s的%s（应不少于%s），开工已%d天，请总承包单位立即足额存储工资保证金。",
                p.name,
                Money.yuan(p.wageDepositFen),
                Money.yuan(p.contractValueFen),
                Percent.of(minShareOfContract),
                Money.yuan(requiredFen),
                days);
        return Map.of(
                "",
                new Finding(
                        AlertLevel.YELLOW,
                        Map.of(
                                "wageDepositFen", (double) p.wageDepositFen,
                                "requiredFen", (double) requiredFen,
                                "daysSinceStart", (double) days),
                        message));
    }
}
