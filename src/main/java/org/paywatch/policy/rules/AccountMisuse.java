package org.paywatch.policy.rules;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AccountOutflow;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.ConfiguredRule;
import org.paywatch.policy.Finding;
import org.paywatch.policy.Money;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.RuleSettings;

/**
 * PW10 专户资金违规使用 (RULES.md, "Account integrity"): a TRANSFER_OUT or CASH_WITHDRAWAL is RED at
 * once (scope: the month booked); a WAGE_PAYOUT to a payee with no real-name registration on the
 * project is YELLOW (scope: the payee's pseudonym) until the registration arrives.
 */
public final class AccountMisuse extends ConfiguredRule {
    public static final String ID = "PW10";

    public AccountMisuse(RuleSettings.Bound settings) {
        super(settings, Watches.ACTIVE_PROJECTS, Feed.BANK, Feed.WORKERS, Feed.PROJECTS);
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        Map<String, Finding> findings = new TreeMap<>();
        for (Map.Entry<String, AccountOutflow> e : book.outflows().entrySet()) {
            AccountOutflow o = e.getValue();
            findings.put(
                    e.getKey(),
                    new Finding(
                            AlertLevel.RED,
                            Map.of("outflows", (double) o.count, "outflowAmountFen", (double) o.amountFen),
                            String.format(
                                    "%s农民工工资专用账户%s发生%d笔非工资支出（转出或取现），共%s，违反专款专用，请监管银行和行业主管部门立即核查。",
                                    book.project().name, e.getKey(), o.count, Money.yuan(o.amountFen))));
        }
        for (String payee : book.unregisteredPayees()) {
            long fen = 0;
            for (String period : book.paidPeriods()) {
                fen += book.paidFen(period, payee);
            }
            findings.put(
                    payee,
                    new Finding(
                            AlertLevel.YELLOW,
                            Map.of("paidAmountFen", (double) fen),
                            String.format(
                                    "%s专用账户向未实名登记的人员（%s）代发工资%s，请总承包单位补办实名登记或说明用途。",
                                    book.project().name, payee, Money.yuan(fen))));
        }
        return findings;
    }
}
