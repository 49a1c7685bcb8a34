package org.paywatch.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
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
        assertThat(p.book.payoutsBetween(LocalDate.of(2025, 4, 10), LocalDate.of(2025, 4, 11)))
                .isZero();
        assertThat(p.book.payoutsBetween(LocalDate.of(2025, 5, 10), LocalDate.of(2025, 5, 11)))
                .isEqualTo(35_000);
    }

    @Test
    void shouldSumThePayoutsOfAWindowFromItsFirstDayUpToNotIncludingItsEnd() {
        ProjectFixture p = marchPaidAprilOwed(); // 35 000 fen paid out on 10 May
        p.payout("2025-05-09T11:00", "W2", "2025-04", 1_000);
        p.payout("2025-05-11T11:00", "W2", "2025-04", 100);

        assertThat(p.book.payoutsBetween(LocalDate.of(2025, 5, 10), LocalDate.of(2025, 5, 11)))
                .isEqualTo(35_000);
        assertThat(p.book.payoutsBetween(LocalDate.of(2025, 5, 9), LocalDate.of(2025, 5, 11)))
                .isEqualTo(36_000);
        assertThat(p.book.payoutsBetween(LocalDate.of(2025, 5, 1), LocalDate.of(2025, 6, 1)))
                .isEqualTo(36_100);
        assertThat(p.book.payoutsBetween(LocalDate.of(2025, 4, 10), LocalDate.of(2025, 4, 11)))
                .as("March's wages, paid on 10 April")
                .isEqualTo(70_000);
    }

    @Test
    void shouldCountAPeriodsAttendedWorkersThoseWithoutPayoutAndWhatTheyAccrued() {
        ProjectFixture p = marchPaidAprilOwed(); // both worked in March and April, W2 is not paid for April
        WageAccrual wages = ProjectFixture.wages(21.75);

        assertThat(p.book.payrollGap("2025-03", wages)).isEqualTo(new ProjectBook.PayrollGap(2, 0, 0));
        assertThat(p.book.payrollGap("2025-04", wages))
                .isEqualTo(new ProjectBook.PayrollGap(2, 1, p.book.accruedFen("2025-04", "W2", wages)));
        assertThat(p.book.accruedFen("2025-04", "W2", wages)).isPositive();
        assertThat(p.book.payrollGap("2025-06", wages)).isEqualTo(new ProjectBook.PayrollGap(0, 0, 0));
    }

    @Test
    void shouldGiveEveryRegisteredWorkerWithTheLastDayTheyClockedIn() {
        ProjectFixture p = new ProjectFixture().crew(2, "2025-03-10", "2025-04-10");
        p.clockIn("W2", "2025-05-02").clockIn("W9", "2025-05-03"); // W9 is not registered
        p.register("W3", 35_000); // registered, never clocked in

        Map<String, LocalDate> last = new HashMap<>();
        for (ProjectBook.Enrolled e : p.book.enrolled()) {
            last.put(e.workerId(), e.lastClockIn());
            assertThat(e.enrolment()).isSameAs(p.book.workers().get(e.workerId()));
        }

        assertThat(last)
                .containsOnlyKeys("W1", "W2", "W3")
                .containsEntry("W1", LocalDate.of(2025, 4, 10))
                .containsEntry("W2", LocalDate.of(2025, 5, 2))
                .containsEntry("W3", null);
        assertThat(last.get("W2")).isEqualTo(p.book.lastClockInDay("W2"));
    }

    @Test
    void shouldHandOutWhatItHoldsReadOnly() {
        ProjectFixture p = marchPaidAprilOwed();
        p.payout("2025-05-12T11:00", "W2", "2025-04", 35_000);
        Map<String, Long> april = p.book.paid("2025-04");

        assertThat(april).containsEntry("W2", 35_000L);
        assertThatThrownBy(() -> april.put("W2", 0L)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.book.attendedPeriods().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.book.workers().remove("W1")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> p.book.payoutsBooked("W1").clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThat(p.book.unpaidFen("2025-04", "W2", ProjectFixture.wages(21.75)))
                .isZero();
    }

    @Test
    void shouldCountAWorkerFirstMetAfterThePeriodBegan() {
        ProjectFixture p = new ProjectFixture().crew(1, "2025-04-01", "2025-04-10");
        int w1Days = p.book.attendedDays("2025-04", "W1");
        p.clockIn("W9", "2025-04-11").clockIn("W9", "2025-04-14");

        assertThat(p.book.attendedWorkers("2025-04")).containsExactly("W1", "W9");
        assertThat(p.book.attendedDays("2025-04", "W9")).isEqualTo(2);
        assertThat(p.book.attendedDays("2025-04", "W1")).isEqualTo(w1Days).isPositive();
        assertThat(p.book.lastClockInDay("W9")).isEqualTo(LocalDate.of(2025, 4, 14));
        assertThat(p.book.headcountOn(LocalDate.of(2025, 4, 11))).isEqualTo(new ProjectBook.Headcount(1, 1));
    }

    @Test
    void shouldStillNameAPayeeAsUnregisteredAfterTheirPayoutWasReturned() {
        ProjectFixture p = new ProjectFixture().crew(1, "2025-04-01", "2025-04-10");
        p.payout("2025-05-10T11:00", "X1", "2025-04", 10_000)
                .bank(
                        org.paywatch.contract.BankTransactionType.PAYOUT_RETURNED,
                        "2025-05-11T11:00",
                        10_000,
                        "X1",
                        "2025-04");

        assertThat(p.book.paidFen("2025-04", "X1")).isZero();
        assertThat(p.book.unregisteredPayees()).containsExactly("X1");
        assertThat(p.book.paid("2025-04")).containsEntry("X1", 0L);
    }

    @Test
    void shouldListAPeriodsPayeesInPseudonymOrderAlsoWhenTheRosterGrows() {
        ProjectFixture p = new ProjectFixture().crew(2, "2025-04-01", "2025-04-03");
        p.payout("2025-05-10T11:00", "W2", "2025-04", 20_000).payout("2025-05-10T11:00", "W1", "2025-04", 10_000);
        int days = p.book.attendedDays("2025-04", "W1");
        assertThat(days).isPositive();
        assertThat(p.book.payees("2025-04"))
                .containsExactly(new ProjectBook.Payee(10_000, days), new ProjectBook.Payee(20_000, days));

        // A worker first met now, whose pseudonym sorts first, paid without attending.
        p.payout("2025-05-11T11:00", "A7", "2025-04", 5_000);

        assertThat(p.book.payees("2025-04"))
                .containsExactly(
                        new ProjectBook.Payee(5_000, 0),
                        new ProjectBook.Payee(10_000, days),
                        new ProjectBook.Payee(20_000, days));
        assertThat(p.book.paid("2025-04").keySet()).containsExactly("A7", "W1", "W2");
        assertThat(p.book.payees("2025-05")).isEmpty();
    }

    @Test
    void shouldKnowNothingOfAWorkerItNeverMet() {
        ProjectFixture p = marchPaidAprilOwed();

        assertThat(p.book.attendedDays("2025-04", "NOBODY")).isZero();
        assertThat(p.book.paidFen("2025-04", "NOBODY")).isZero();
        assertThat(p.book.lastClockInDay("NOBODY")).isNull();
        assertThat(p.book.payoutsBooked("NOBODY")).isEmpty();
        assertThat(p.book.isRegistered("NOBODY")).isFalse();
        assertThat(p.book.isRegistered("W1")).isTrue();
    }

    @Test
    void shouldKeepWhoWasPaidApartForCrewsOfMoreThanSixtyFourWorkers() {
        ProjectFixture p = new ProjectFixture().crew(70, "2025-04-01", "2025-04-03");
        p.payout("2025-05-10T11:00", "X65", "2025-04", 10_000)
                .bank(
                        org.paywatch.contract.BankTransactionType.PAYOUT_RETURNED,
                        "2025-05-11T11:00",
                        10_000,
                        "X65",
                        "2025-04")
                .payout("2025-05-10T11:00", "W70", "2025-04", 20_000);

        assertThat(p.book.unregisteredPayees()).containsExactly("X65");
        assertThat(p.book.paid("2025-04")).containsOnly(Map.entry("X65", 0L), Map.entry("W70", 20_000L));
        assertThat(p.book.paidTotalFen("2025-04")).isEqualTo(20_000);
    }

    @Test
    void shouldFindTheLargestPayoutsToOneWorkerByMonthAndByCalendarYear() {
        ProjectFixture p = new ProjectFixture().crew(2, "2025-04-01", "2025-04-03");
        p.payout("2025-05-10T11:00", "W1", "2025-04", 30_000)
                .payout("2025-05-20T11:00", "W1", "2025-04", 5_000)
                .payout("2025-06-10T11:00", "W1", "2025-05", 20_000)
                .payout("2025-06-10T11:00", "W2", "2025-05", 40_000)
                .payout("2026-01-10T11:00", "W2", "2025-12", 50_000);

        assertThat(p.book.payoutPeaks()).isEqualTo(new ProjectBook.PayoutPeaks(50_000, 55_000));
    }
}
