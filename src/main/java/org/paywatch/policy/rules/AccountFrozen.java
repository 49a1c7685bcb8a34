package org.paywatch.policy.rules;

import java.time.LocalDate;
import java.util.Map;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.Feed;
import org.paywatch.policy.AlertMemory;
import org.paywatch.policy.BusinessCalendar;
import org.paywatch.policy.ConfiguredRule;
import org.paywatch.policy.Finding;
import org.paywatch.policy.Money;
import org.paywatch.policy.ProjectBook;
import org.paywatch.policy.RuleSettings;

/**
 * PW11 专户被冻结划拨 (RULES.md, "Account integrity"): the dedicated account frozen (or debited) by
 * order: RED at once; cleared on unfreeze. The routing adds the court and the bank regulator.
 */
public final class AccountFrozen extends ConfiguredRule {
    public static final String ID = "PW11";

    public AccountFrozen(RuleSettings.Bound settings) {
        super(settings, Watches.ACTIVE_PROJECTS, Feed.BANK, Feed.PROJECTS);
    }

    @Override
    protected Map<String, Finding> judge(ProjectBook book, AlertMemory alerts, LocalDate today) {
        if (!book.isFrozen()) {
            return Map.of();
        }
        return Map.of(
                "",
                new Finding(
                        AlertLevel.RED,
                        Map.of("balanceFen", (double) book.balanceFen()),
                        String.format(
                                "%s农民工工资专用账户自%s起被冻结，账户余额%s，工资无法支付，请法院和监管银行依法核查，不得随意冻结、划拨专户资金。",
                                book.project().name,
                                BusinessCalendar.date(book.frozenChangedAt()),
                                Money.yuan(book.balanceFen()))));
    }
}
