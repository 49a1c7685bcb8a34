package org.paywatch.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;
import static org.paywatch.policy.RuleSettingsBuilder.settings;

import org.junit.jupiter.api.Test;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.policy.ProjectFixture;

/** PW11: a frozen dedicated account is RED at once and clears on unfreeze. */
class AccountFrozenTest {
    private final AccountFrozen rule = new AccountFrozen(settings("PW11").bound());

    @Test
    void shouldRaiseRedAtOnceWhenTheAccountIsFrozen() {
        ProjectFixture p = new ProjectFixture().bank(BankTransactionType.FREEZE, "2025-04-15T10:00", 0, null, null);
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-15T10:00")).get("").level())
                .isEqualTo(AlertLevel.RED);
    }

    @Test
    void shouldClearOnUnfreeze() {
        ProjectFixture p = new ProjectFixture()
                .bank(BankTransactionType.FREEZE, "2025-04-15T10:00", 0, null, null)
                .bank(BankTransactionType.UNFREEZE, "2025-04-20T10:00", 0, null, null);
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-20T10:00"))).isEmpty();
    }

    @Test
    void shouldKeepTheLatestStateWhenAnOldFreezeArrivesLate() {
        ProjectFixture p = new ProjectFixture()
                .bank(BankTransactionType.UNFREEZE, "2025-04-20T10:00", 0, null, null)
                .bank(BankTransactionType.FREEZE, "2025-04-15T10:00", 0, null, null);
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-21T10:00"))).isEmpty();
    }
}
