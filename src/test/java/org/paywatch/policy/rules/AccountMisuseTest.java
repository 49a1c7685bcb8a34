package org.paywatch.policy.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;
import static org.paywatch.policy.RuleSettingsBuilder.settings;

import org.junit.jupiter.api.Test;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.policy.ProjectFixture;

/** PW10: money leaving the account other than as wages is RED at once; a payout to an unregistered payee YELLOW. */
class AccountMisuseTest {
    private final AccountMisuse rule = new AccountMisuse(settings("PW10").bound());

    @Test
    void shouldRaiseRedAtOnceOnATransferOut() {
        ProjectFixture p =
                new ProjectFixture().bank(BankTransactionType.TRANSFER_OUT, "2025-04-15T10:00", 500_000, null, null);
        var f = rule.assess(p.book, p.alerts, at("2025-04-15T10:00")).get("2025-04");
        assertThat(f.level()).isEqualTo(AlertLevel.RED);
        assertThat(f.metrics()).containsEntry("outflows", 1.0).containsEntry("outflowAmountFen", 500_000.0);
    }

    @Test
    void shouldRaiseRedAtOnceOnACashWithdrawal() {
        ProjectFixture p =
                new ProjectFixture().bank(BankTransactionType.CASH_WITHDRAWAL, "2025-04-15T10:00", 1, null, null);
        assertThat(rule.assess(p.book, p.alerts, at("2025-04-15T10:00"))
                        .get("2025-04")
                        .level())
                .isEqualTo(AlertLevel.RED);
    }

    @Test
    void shouldRaiseYellowOnAPayoutToAnUnregisteredPayee() {
        ProjectFixture p =
                new ProjectFixture().crew(1, "2025-04-07").payout("2025-05-10T11:00", "STRANGER", "2025-04", 35_000);
        var findings = rule.assess(p.book, p.alerts, at("2025-05-10T11:00"));
        assertThat(findings).containsOnlyKeys("STRANGER");
        assertThat(findings.get("STRANGER").level()).isEqualTo(AlertLevel.YELLOW);
    }

    @Test
    void shouldClearTheYellowWhenThePayeeIsRegistered() {
        ProjectFixture p = new ProjectFixture()
                .payout("2025-05-10T11:00", "LATE", "2025-04", 35_000)
                .register("LATE", 35_000);
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-10T12:00"))).isEmpty();
    }

    @Test
    void shouldStayQuietOnDepositsAndPayoutsToRegisteredWorkers() {
        ProjectFixture p = new ProjectFixture()
                .deposit("2025-04-03T10:00")
                .crew(2, "2025-04-07")
                .payout("2025-05-10T11:00", "W1", "2025-04", 35_000);
        assertThat(rule.assess(p.book, p.alerts, at("2025-05-10T12:00"))).isEmpty();
    }
}
