package org.paywatch.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paywatch.domain.PayMonth;

/**
 * The pay months the boards show (`project_month`): PW01's coverage, PW05's due date and the book's owed
 * wages, month by month. The fixture is a HOUSING project (ratio 30%) started 3 March 2025 without a pay day,
 * so April's wages are due on 31 May.
 */
class PayMonthsTest {
    /** PW01's coverage as the catalog hands it to the boards. */
    private final PayMonths payMonths =
            new PayMonths(RuleCatalog.from(ProjectFixture.policy()).laborCostCoverage(), ProjectFixture.wages(21.75));

    private ProjectFixture aprilWorked() {
        return new ProjectFixture().crew(3, "2025-04-07", "2025-04-08"); // 3 workers x 2 days x 350 yuan
    }

    private static PayMonth month(List<PayMonth> months, String month) {
        return months.stream().filter(m -> m.month.equals(month)).findFirst().orElseThrow();
    }

    private static LocalDate day(String localDateTime) {
        return BusinessCalendar.date(at(localDateTime));
    }

    @Test
    void shouldOweNothingOverdueOnTheDueDateItself() {
        PayMonth april = month(payMonths.of(aprilWorked().book, day("2025-05-31T23:59")), "2025-04");
        assertThat(april.accruedFen).isEqualTo(210_000);
        assertThat(april.dueDate).isEqualTo("2025-05-31");
        assertThat(april.overdueFen).isZero();
        assertThat(april.daysPastDue).isZero();
        assertThat(april.unpaidWorkers).isZero();
    }

    @Test
    void shouldCountTheMonthOverdueOneDayPastItsDueDate() {
        PayMonth april = month(payMonths.of(aprilWorked().book, day("2025-06-01T00:00")), "2025-04");
        assertThat(april.overdueFen).isEqualTo(210_000);
        assertThat(april.daysPastDue).isEqualTo(1);
        assertThat(april.unpaidWorkers).isEqualTo(3);
    }

    @Test
    void shouldOweOnlyWhatIsLeftAfterAPartialPayout() {
        ProjectFixture p = aprilWorked().payout("2025-06-05T11:00", "W1", "2025-04", 70_000);
        PayMonth april = month(payMonths.of(p.book, day("2025-06-10T00:00")), "2025-04");
        assertThat(april.paidFen).isEqualTo(70_000);
        assertThat(april.overdueFen).isEqualTo(140_000);
        assertThat(april.unpaidWorkers).isEqualTo(2);
        assertThat(april.daysPastDue).isEqualTo(10);
    }

    @Test
    void shouldNotLetOneWorkersOverpaymentCoverAnothersWages() {
        ProjectFixture p = aprilWorked().payout("2025-06-05T11:00", "W1", "2025-04", 100_000);
        PayMonth april = month(payMonths.of(p.book, day("2025-06-10T00:00")), "2025-04");
        assertThat(april.accruedFen).isEqualTo(210_000);
        assertThat(april.overdueFen).isEqualTo(140_000);
        assertThat(april.unpaidWorkers).isEqualTo(2);
    }

    @Test
    void shouldAddUpToTheProjectsOverdueWages() {
        ProjectFixture p = aprilWorked().crew(2, "2025-05-12").payout("2025-06-05T11:00", "W1", "2025-04", 70_000);
        LocalDate today = day("2025-07-02T00:00");
        List<PayMonth> months = payMonths.of(p.book, today);
        long overdueFen = p.book.overdue(today, ProjectFixture.wages(21.75)).fen();
        assertThat(months.stream().mapToLong(m -> m.overdueFen).sum())
                .isEqualTo(overdueFen)
                .isPositive();
    }

    @Test
    void shouldShowPw01sCoverageAgainstItsRatioAndThresholds() {
        ProjectFixture p = new ProjectFixture()
                .deposit("2025-04-03T10:00", 9_480_000)
                .progress("2025-04", 40_000_000, 0, "2025-04-30T18:00");
        PayMonth april = month(payMonths.of(p.book, day("2025-05-01T00:00")), "2025-04");
        assertThat(april.laborCostRatio).isEqualTo(0.30);
        assertThat(april.requiredFen).isEqualTo(12_000_000);
        assertThat(april.depositedFen).isEqualTo(9_480_000);
        assertThat(april.coverage).isEqualTo(0.79);
        assertThat(april.blueBelowCoverage).isEqualTo(1.0);
        assertThat(april.yellowBelowCoverage).isEqualTo(0.8);
    }

    @Test
    void shouldShowEveryMonthFromTheStartToTheCurrentOne() {
        assertThat(payMonths.of(new ProjectFixture().book, day("2025-06-01T00:00")))
                .extracting(m -> m.month)
                .containsExactly("2025-03", "2025-04", "2025-05", "2025-06");
    }

    @Test
    void shouldShowAYearBackAndAnOlderMonthOnlyWhileItsWagesAreOwed() {
        List<PayMonth> months = payMonths.of(aprilWorked().book, day("2026-06-01T00:00"));
        assertThat(months)
                .extracting(m -> m.month)
                .hasSize(14)
                .startsWith("2025-04", "2025-06")
                .endsWith("2026-06");
    }
}
