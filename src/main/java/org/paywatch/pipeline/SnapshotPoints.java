package org.paywatch.pipeline;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;
import org.paywatch.domain.PayMonth;
import org.paywatch.domain.RiskSnapshot;
import org.paywatch.io.influx.InfluxPoint;
import org.paywatch.io.influx.RiskPoints;

/**
 * The InfluxDB points of the project monitor's risk snapshots: every snapshot's {@code project_risk} point, and of its
 * {@code project_month} points those that differ from the one this subtask last wrote for that project and month.
 *
 * <p>A month's point is written at the first instant of its month (RiskPoints), so writing it again unchanged
 * overwrites it with itself: in {@code paywatch bench} 59 % of them were such rewrites (a project's settled months,
 * at every daily review). The memory is not checkpointed, so after any restart every month is written once more; the
 * InfluxDB writer restarts the job when it finds its database dropped, so that the months come back
 * (InfluxSinkWriter). At most {@link #PROJECTS_REMEMBERED} projects are remembered a subtask, the least recently
 * seen forgotten first: a forgotten project's months are written again, as after a restart.
 */
public final class SnapshotPoints extends RichFlatMapFunction<RiskSnapshot, InfluxPoint> {
    private static final long serialVersionUID = 1L;

    /** About 3.5 KB a project (13 months): 70 MB at most a subtask. */
    static final int PROJECTS_REMEMBERED = 20_000;

    /** What a project's month points carry besides the month: a change of any of them rewrites every month. */
    private record Written(String projectName, String town, String category, Map<String, PayMonth> months) {
        boolean hasSameProject(RiskSnapshot s) {
            return Objects.equals(projectName, s.projectName)
                    && Objects.equals(town, s.town)
                    && Objects.equals(category, s.category);
        }
    }

    private transient Map<String, Written> written;

    @Override
    public void open(OpenContext openContext) {
        written = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Written> eldest) {
                return size() > PROJECTS_REMEMBERED;
            }
        };
    }

    @Override
    public void flatMap(RiskSnapshot s, Collector<InfluxPoint> out) {
        out.collect(RiskPoints.projectRisk(s));
        Written before = written.get(s.projectId);
        Map<String, PayMonth> last = before != null && before.hasSameProject(s) ? before.months() : Map.of();
        Map<String, PayMonth> months = new HashMap<>();
        for (PayMonth m : s.months) {
            if (!m.equals(last.get(m.month))) {
                out.collect(RiskPoints.projectMonth(s, m));
            }
            months.put(m.month, m);
        }
        written.put(s.projectId, new Written(s.projectName, s.town, s.category, months));
    }
}
