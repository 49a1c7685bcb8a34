package org.paywatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.DefaultOpenContext;
import org.apache.flink.api.common.functions.util.ListCollector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.paywatch.domain.PayMonth;
import org.paywatch.domain.RiskSnapshot;
import org.paywatch.io.influx.InfluxPoint;

/** A pay month's point is written again only when it would differ from the one last written. */
class SnapshotPointsTest {

    private final SnapshotPoints points = new SnapshotPoints();

    @BeforeEach
    void open() {
        points.open(DefaultOpenContext.INSTANCE);
    }

    @Test
    void shouldWriteEveryMonthOfAProjectsFirstSnapshot() {
        assertThat(written(snapshot("P1", "2026-11", 100, "2026-12", 0)))
                .containsExactly("project_risk P1", "project_month P1 2026-11", "project_month P1 2026-12");
    }

    @Test
    void shouldNotWriteAgainAMonthThatHasNotChanged() {
        written(snapshot("P1", "2026-11", 100, "2026-12", 0));

        assertThat(written(snapshot("P1", "2026-11", 100, "2026-12", 5)))
                .containsExactly("project_risk P1", "project_month P1 2026-12");
    }

    @Test
    void shouldWriteAMonthAgainWhenItChangesBackToAnEarlierFigure() {
        written(snapshot("P1", "2026-11", 100, "2026-12", 0));
        written(snapshot("P1", "2026-11", 200, "2026-12", 0));

        assertThat(written(snapshot("P1", "2026-11", 100, "2026-12", 0)))
                .containsExactly("project_risk P1", "project_month P1 2026-11");
    }

    @Test
    void shouldRememberEachProjectApart() {
        written(snapshot("P1", "2026-11", 100, "2026-12", 0));

        assertThat(written(snapshot("P2", "2026-11", 100, "2026-12", 0))).hasSize(3);
    }

    @Test
    void shouldWriteEveryMonthAgainWhenTheProjectIsRenamedOrMoves() {
        written(snapshot("P1", "2026-11", 100, "2026-12", 0));
        RiskSnapshot renamed = snapshot("P1", "2026-11", 100, "2026-12", 0);
        renamed.projectName = "城南安置房二期";

        assertThat(written(renamed)).hasSize(3);
        RiskSnapshot moved = snapshot("P1", "2026-11", 100, "2026-12", 0);
        moved.projectName = "城南安置房二期";
        moved.town = "城南镇";
        assertThat(written(moved)).hasSize(3);
    }

    @Test
    void shouldWriteEveryMonthAgainAfterARestart() {
        written(snapshot("P1", "2026-11", 100, "2026-12", 0));
        SnapshotPoints restarted = new SnapshotPoints();
        restarted.open(DefaultOpenContext.INSTANCE);

        List<InfluxPoint> out = new ArrayList<>();
        restarted.flatMap(snapshot("P1", "2026-11", 100, "2026-12", 0), new ListCollector<>(out));
        assertThat(out).hasSize(3);
    }

    @Test
    void shouldForgetTheLeastRecentlySeenProjectBeyondItsBound() {
        written(snapshot("P0", "2026-11", 100, "2026-12", 0));
        for (int p = 1; p <= SnapshotPoints.PROJECTS_REMEMBERED; p++) {
            written(snapshot("P" + p, "2026-11", 100, "2026-12", 0));
        }

        assertThat(written(snapshot("P0", "2026-11", 100, "2026-12", 0))).hasSize(3);
        assertThat(written(snapshot("P" + SnapshotPoints.PROJECTS_REMEMBERED, "2026-11", 100, "2026-12", 0)))
                .hasSize(1);
    }

    private List<String> written(RiskSnapshot s) {
        List<InfluxPoint> out = new ArrayList<>();
        points.flatMap(s, new ListCollector<>(out));
        return out.stream()
                .map(p -> p.measurement + " " + p.tags.get("projectId")
                        + (p.tags.containsKey("month") ? " " + p.tags.get("month") : ""))
                .toList();
    }

    /** A snapshot of two pay months: the first with its paid wages, the second with its days past due. */
    private static RiskSnapshot snapshot(String project, String m1, long paidFen, String m2, long daysPastDue) {
        RiskSnapshot s = new RiskSnapshot();
        s.projectId = project;
        s.projectName = "城南安置房";
        s.town = "城关镇";
        s.category = "HOUSING";
        s.time = 1_764_000_000_000L;
        s.months.add(month(m1, paidFen, 0));
        s.months.add(month(m2, 0, daysPastDue));
        return s;
    }

    private static PayMonth month(String month, long paidFen, long daysPastDue) {
        PayMonth m = new PayMonth();
        m.month = month;
        m.dueDate = month + "-15";
        m.accruedFen = 300;
        m.paidFen = paidFen;
        m.overdueFen = daysPastDue > 0 ? 300 : 0;
        m.daysPastDue = daysPastDue;
        return m;
    }
}
