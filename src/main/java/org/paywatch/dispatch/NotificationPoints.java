package org.paywatch.dispatch;

import java.util.List;
import org.paywatch.io.influx.InfluxHttp;
import org.paywatch.io.influx.InfluxPoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The `notification` measurement (dashboards/README.md): one point per change of a notice, for the
 * boards' "messages by recipient and outcome". The ledger is the record; InfluxDB a view of it, so a
 * failed write is logged and dispatch goes on. No phone number and no person's name is written.
 */
public final class NotificationPoints implements Outbox.Listener {
    public static final String NOTIFICATION = "notification";
    private static final Logger LOG = LoggerFactory.getLogger(NotificationPoints.class);

    private final InfluxHttp influx;
    private final String database;
    private boolean databaseCreated;

    public NotificationPoints(InfluxHttp influx, String database) {
        this.influx = influx;
        this.database = database;
    }

    public static InfluxPoint point(Notice n) {
        InfluxPoint p = new InfluxPoint(NOTIFICATION, n.at())
                .tag("noticeKey", n.key())
                .tag("status", n.status().name())
                .tag("unit", n.unit())
                .tag("level", n.level())
                .field("attempts", (long) n.attempts())
                .field("digest", n.isDigest());
        if (n.projectId() != null) {
            p.tag("projectId", n.projectId());
        }
        if (n.ruleId() != null) {
            p.tag("ruleId", n.ruleId());
        }
        if (n.channel() != null) {
            p.tag("channel", n.channel().name());
        }
        if (n.alertId() != null) {
            p.field("alertId", n.alertId()).field("transition", n.transition());
        }
        if (n.reason() != null) {
            p.field("reason", n.reason());
        }
        if (n.digestKey() != null) {
            p.field("digestKey", n.digestKey());
        }
        return p;
    }

    @Override
    public void recorded(Notice notice) {
        try {
            if (!databaseCreated) {
                influx.createDatabase(database);
                databaseCreated = true;
            }
            influx.write(database, List.of(point(notice).toLineProtocol()));
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn(
                    "notification of {} not written to InfluxDB at {} (the ledger has it): {}",
                    notice.key(),
                    influx.url(),
                    e.toString());
        }
    }
}
