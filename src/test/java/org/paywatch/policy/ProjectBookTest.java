package org.paywatch.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paywatch.contract.AlertLevel;

/** The book stays bounded over years: settled periods are forgotten, owed wages never. */
class ProjectBookTest {
    private ProjectFixture marchPaidAprilOwed() {
        return new ProjectFixture()
                .crew(2, "2025-03-10", "2025-04-10")
                .payout("2025-04-10T11:00", "W1", "2025-03", 35_000)
                .payout("2025-04-10T11:00", "W2", "2025-03", 35_000)
                .payout("2025-05-10T11:00", "W1", "2025-04", 35_000);
    }

    @Test
    void shouldForgetASettledPeriodButKeepOneStillOwed() {
        ProjectFixture p = marchPaidAprilOwed();
        p.book.forgetSettledBefore(LocalDate.of(2025, 6, 1), ProjectFixture.wages(21.75), p.alerts);
        assertThat(p.book.attendedPeriods()).containsOnly("2025-04");
        assertThat(p.book.paidPeriods()).containsOnly("2025-04");
        assertThat(p.book.overdue(LocalDate.of(2025, 6, 1), ProjectFixture.wages(21.75))
                        .fen())
                .isEqualTo(35_000);
    }

    @Test
    void shouldKeepPeriodsThatHaveNotEndedBeforeTheDay() {
        ProjectFixture p = marchPaidAprilOwed();
        p.book.forgetSettledBefore(LocalDate.of(2025, 3, 31), ProjectFixture.wages(21.75), p.alerts);
        assertThat(p.book.attendedPeriods()).containsOnly("2025-03", "2025-04");
    }

    @Test
    void shouldKeepASettledPeriodWhileAnAlertIsOpenAboutIt() {
        ProjectFixture p = marchPaidAprilOwed();
        new AlertLifecycle(ProjectFixture.routing())
                .reconcile(
                        p.book,
                        p.alerts,
                        new RuleInfo("PW07", "低于最低工资标准", "最低工资规定"),
                        Map.of("2025-03", new Finding(AlertLevel.YELLOW, Map.of(), "PW07 YELLOW")),
                        ProjectFixture.at("2025-05-01T00:00"));
        p.book.forgetSettledBefore(LocalDate.of(2025, 6, 1), ProjectFixture.wages(21.75), p.alerts);
        assertThat(p.book.attendedPeriods()).containsOnly("2025-03", "2025-04");
    }

    @Test
    void shouldForgetBookingSumsFromBeforeTheDay() {
        ProjectFixture p = marchPaidAprilOwed();
        p.book.forgetSettledBefore(LocalDate.of(2025, 5, 1), ProjectFixture.wages(21.75), p.alerts);
        assertThat(p.book.payoutsBooked("W1")).containsOnlyKeys("2025-05");
        assertThat(p.book.bookedPayees()).containsOnly("W1");
        assertThat(p.book.payoutsOn(LocalDate.of(2025, 4, 10))).isZero();
        assertThat(p.book.payoutsOn(LocalDate.of(2025, 5, 10))).isEqualTo(35_000);
    }

    @Test
    void shouldHandOutViewsThatFollowTheBookButCannotWriteIt() {
        ProjectFixture p = marchPaidAprilOwed();
        Map<String, Long> april = p.book.paid("2025-04");
        p.payout("2025-05-12T11:00", "W2", "2025-04", 35_000);

        assertThat(april).as("a view, not a copy").containsEntry("W2", 35_000L);
        assertThatThrownBy(() -> april.put("W2", 0L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.book.attendedPeriods().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.book.workers().remove("W1")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.book.payoutsBooked("W1").clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(p.book.unpaidFen("2025-04", "W2", ProjectFixture.wages(21.75)))
                .isZero();
    }
}
