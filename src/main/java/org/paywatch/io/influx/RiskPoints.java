package org.paywatch.io.influx;

import java.time.YearMonth;
import java.util.Map;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.AlertEvent;
import org.paywatch.domain.PayMonth;
import org.paywatch.domain.RiskSnapshot;
import org.paywatch.policy.BusinessCalendar;

/**
 * The InfluxDB measurements of the risk monitor that dashboards are built on; dashboards/README.md documents them
 * and they change only by adding. A point's identity (measurement + tags + time) is a pure function
 * of the record, so a re-written point overwrites itself: writes are idempotent.
 */
public final class RiskPoints {
    public static final String ALERT = "alert";
    public static final String PROJECT_RISK = "project_risk";
    public static final String PROJECT_MONTH = "project_month";

    private RiskPoints() {}

    /** One point per alert transition, at its business time; the alert id tells same-instant alerts apart. */
    public static InfluxPoint alert(AlertEvent a) {
        InfluxPoint p = new InfluxPoint(ALERT, a.eventTime)
                .tag("alertId", a.alertId)
                .tag("projectId", a.projectId)
                .tag("ruleId", a.ruleId)
                .tag("level", a.level.name())
                .tag("transition", a.transition.name())
                .tag("town", a.town)
                .tag("category", a.category)
                .field("levelRank", (long) rank(a.level))
                .field("scope", a.scope)
                .field("projectName", a.projectName)
                .field("message", a.message)
                .field("recipients", String.join("、", a.recipients))
                .field("taskForce", a.taskForce)
                .field("rebound", a.rebound);
        for (Map.Entry<String, Double> m : a.metrics.entrySet()) {
            p.field("metric_" + m.getKey(), m.getValue());
        }
        return p;
    }

    /** A project's risk at a change of its alerts, and daily at midnight. */
    public static InfluxPoint projectRisk(RiskSnapshot s) {
        return new InfluxPoint(PROJECT_RISK, s.time)
                .tag("projectId", s.projectId)
                .tag("town", s.town)
                .tag("category", s.category)
                .field("projectName", s.projectName)
                .field("status", s.status)
                .field("level", (long) rank(s.level))
                .field("levelName", s.level == null ? "NONE" : s.level.name())
                .field("openBlue", (long) s.openBlue)
                .field("openYellow", (long) s.openYellow)
                .field("openRed", (long) s.openRed)
                .field("unpaidWorkers", (long) s.unpaidWorkers)
                .field("overdueFen", s.overdueFen)
                .field("balanceFen", s.balanceFen);
    }

    /** One pay month of a project, at 00:00 on its first day: each rewrite replaces the month's point. */
    public static InfluxPoint projectMonth(RiskSnapshot s, PayMonth m) {
        long time = YearMonth.parse(m.month)
                .atDay(1)
                .atStartOfDay(BusinessCalendar.ZONE)
                .toInstant()
                .toEpochMilli();
        InfluxPoint p = new InfluxPoint(PROJECT_MONTH, time)
                .tag("projectId", s.projectId)
                .tag("month", m.month)
                .tag("town", s.town)
                .tag("category", s.category)
                .field("projectName", s.projectName)
                .field("laborCostRatio", m.laborCostRatio)
                .field("requiredFen", m.requiredFen)
                .field("depositedFen", m.depositedFen)
                .field("blueBelowCoverage", m.blueBelowCoverage)
                .field("yellowBelowCoverage", m.yellowBelowCoverage)
                .field("accruedFen", m.accruedFen)
                .field("paidFen", m.paidFen)
                .field("overdueFen", m.overdueFen)
                .field("dueDate", m.dueDate)
                .field("daysPastDue", m.daysPastDue)
                .field("unpaidWorkers", (long) m.unpaidWorkers);
        if (m.coverage != null) {
            p.field("coverage", m.coverage);
        }
        return p;
    }

    /** 0 none, 1 blue, 2 yellow, 3 red: a number for graphs and thresholds. */
    static int rank(AlertLevel level) {
        return level == null ? 0 : level.ordinal() + 1;
    }
}
