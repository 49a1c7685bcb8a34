package org.paywatch.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The book stays bounded over years: settled periods are forgotten, owed wages never. */
class ProjectBookTest {
    private ProjectFixture marchPaidAprilOwed() {
        return new ProjectFixture().crew(2, "2025-03-10", "2025-04-10")
                .payout("2025-04-10T11:00", "W1", "2025-03", 35_000)
                .payout("2025-04-10T11:00", "W2", "2025-03", 35_000)
                .payout("2025-05-10T11:00", "W1", "2025-04", 35_000);
    }

    @Test
    void shouldForgetASettledPeriodButKeepOneStillOwed() {
        ProjectFixture p = marchPaidAprilOwed();
        p.book.forgetSettledBefore(LocalDate.of(2025, 6, 1), ProjectFixture.wages(21.75));
        assertThat(p.book.attendance).containsOnlyKeys("2025-04");
        assertThat(p.book.paid).containsOnlyKeys("2025-04");
        assertThat(p.book.overdue(LocalDate.of(2025, 6, 1), ProjectFixture.wages(21.75)).fen()).isEqualTo(35_000);
    }

    @Test
    void shouldKeepPeriodsThatHaveNotEndedBeforeTheDay() {
        ProjectFixture p = marchPaidAprilOwed();
        p.book.forgetSettledBefore(LocalDate.of(2025, 3, 31), ProjectFixture.wages(21.75));
        assertThat(p.book.attendance).containsOnlyKeys("2025-03", "2025-04");
    }

    @Test
    void shouldKeepASettledPeriodWhileAnAlertIsOpenAboutIt() {
        ProjectFixture p = marchPaidAprilOwed();
        OpenAlert open = new OpenAlert();
        open.ruleId = "PW07";
        open.scope = "2025-03";
        p.book.openAlerts.put("PW07|2025-03", open);
        p.book.forgetSettledBefore(LocalDate.of(2025, 6, 1), ProjectFixture.wages(21.75));
        assertThat(p.book.attendance).containsKey("2025-03");
    }

    @Test
    void shouldForgetBookingSumsFromBeforeTheDay() {
        ProjectFixture p = marchPaidAprilOwed();
        p.book.forgetSettledBefore(LocalDate.of(2025, 5, 1), ProjectFixture.wages(21.75));
        assertThat(p.book.payoutsBooked.get("W1")).containsOnlyKeys("2025-05");
        assertThat(p.book.payoutsBooked).doesNotContainKey("W2");
        assertThat(p.book.payoutsByDay).containsOnlyKeys("2025-05-10");
    }
}
