package org.paywatch.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.paywatch.policy.ProjectFixture.at;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.paywatch.contract.AlertTransition;
import org.paywatch.domain.AlertEvent;

/** Records and days reaching the rules: a clearing takes effect at the record that meets it (RULES.md, Definitions). */
class ProjectSupervisionTest {
    private final PolicyConfig policy = ProjectFixture.policy();
    private final ProjectSupervision supervision = new ProjectSupervision(RuleCatalog.from(policy), policy.routing);

    /** Twelve workers a day from 1 to 14 April 2025, then silence: PW15 is raised on the 22nd, after seven full silent days. */
    private ProjectFixture silentSinceTheFourteenth() {
        ProjectFixture p = new ProjectFixture();
        for (LocalDate d = LocalDate.of(2025, 4, 1); !d.isAfter(LocalDate.of(2025, 4, 14)); d = d.plusDays(1)) {
            for (int i = 1; i <= 12; i++) {
                p.register("W" + i, 35_000).clockIn("W" + i, d.toString());
            }
        }
        return p;
    }

    private static List<AlertEvent> pw15(List<AlertEvent> alerts) {
        return alerts.stream().filter(a -> a.ruleId.equals("PW15")).toList();
    }

    @Test
    void shouldClearAttendanceInterruptedAtTheClockInThatEndsTheSilence() {
        ProjectFixture p = silentSinceTheFourteenth();
        assertThat(pw15(supervision.review(p.book, p.alerts, at("2025-04-22T00:00"))))
                .singleElement()
                .satisfies(a -> assertThat(a.transition).isEqualTo(AlertTransition.RAISED));

        long clockIn = at("2025-04-23T07:40");
        List<AlertEvent> atTheClockIn = supervision.apply(
                p.book, p.alerts, List.of(ProjectFixture.clockInEvent("W1", "2025-04-23T07:40")), clockIn);

        assertThat(pw15(atTheClockIn)).singleElement().satisfies(a -> {
            assertThat(a.transition).isEqualTo(AlertTransition.CLEARED);
            assertThat(a.eventTime).isEqualTo(clockIn);
        });
    }

    @Test
    void shouldLeaveAttendanceInterruptedOpenWhenALateClockInFromBeforeTheSilenceArrives() {
        ProjectFixture p = silentSinceTheFourteenth();
        supervision.review(p.book, p.alerts, at("2025-04-22T00:00"));

        List<AlertEvent> late = supervision.apply(
                p.book,
                p.alerts,
                List.of(ProjectFixture.clockInEvent("W13", "2025-04-10T07:40")),
                at("2025-04-23T09:00"));

        assertThat(pw15(late)).isEmpty();
        assertThat(p.alerts.openAlerts())
                .anySatisfy(open -> assertThat(open.ruleId).isEqualTo("PW15"));
    }
}
