package org.paywatch.dispatch;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.paywatch.domain.ConfigurationProblem;

/**
 * The dispatcher's durable record, an embedded H2 database in the state folder: every notice with its
 * current status (the outbox), every change of it as an event (the history an auditor reads), the
 * silences. Each change is committed at
 * once, before the next send: after a crash the ledger says what was sent, and the one notice that
 * may have been in flight is the one left SENDING.
 */
public final class Ledger implements AutoCloseable {
    private static final String COLUMNS =
            "notice_key, alert_id, transition, level, project_id, rule_id, event_time, unit, person, "
                    + "channel, address, text, status, reason, attempts, due_at, digest_key, at_time";

    private final Connection db;

    private Ledger(Connection db) {
        this.db = db;
    }

    /** Opens (or creates) the ledger in {@code stateDir}; one sentence if it cannot. */
    public static Ledger open(Path stateDir) {
        Path file = stateDir.toAbsolutePath().resolve("ledger");
        try {
            // FILE_LOCK=FS: a second dispatcher on the same state folder is refused rather than let in.
            // WRITE_DELAY=0: a commit is written at once (H2 otherwise waits up to a second), so a kill -9
            // loses no recorded outcome and only the one message in flight is sent again.
            Connection c =
                    DriverManager.getConnection("jdbc:h2:file:" + file + ";FILE_LOCK=FS;WRITE_DELAY=0", "paywatch", "");
            c.setAutoCommit(true);
            Ledger ledger = new Ledger(c);
            ledger.create();
            return ledger;
        } catch (SQLException e) {
            String why = e.getMessage() == null
                    ? e.toString()
                    : e.getMessage().lines().findFirst().orElse("");
            throw new ConfigurationProblem("the dispatch ledger in " + stateDir + " cannot be opened (" + why
                    + "): is another paywatch dispatch using this --state folder? Stop it or choose another folder");
        }
    }

    private void create() throws SQLException {
        try (Statement s = db.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS notice (notice_key VARCHAR(64) PRIMARY KEY, alert_id "
                    + "VARCHAR(200), transition VARCHAR(20), level VARCHAR(10), project_id VARCHAR(200), "
                    + "rule_id VARCHAR(10), event_time BIGINT, unit VARCHAR(500), person VARCHAR(200), "
                    + "channel VARCHAR(10), address VARCHAR(1000), text VARCHAR(100000), status "
                    + "VARCHAR(20), reason VARCHAR(2000), attempts INT, due_at BIGINT, digest_key "
                    + "VARCHAR(64), at_time BIGINT)");
            s.execute("CREATE INDEX IF NOT EXISTS notice_status ON notice(status)");
            s.execute("CREATE INDEX IF NOT EXISTS notice_alert ON notice(alert_id)");
            s.execute("CREATE TABLE IF NOT EXISTS notice_event (id BIGINT AUTO_INCREMENT PRIMARY KEY, "
                    + "notice_key VARCHAR(64), status VARCHAR(20), reason VARCHAR(2000), attempts INT, "
                    + "at_time BIGINT, wall_time BIGINT)");
            s.execute("CREATE INDEX IF NOT EXISTS event_key ON notice_event(notice_key)");
            s.execute("CREATE TABLE IF NOT EXISTS alert (alert_key VARCHAR(400) PRIMARY KEY, json VARCHAR(1000000))");
            s.execute("CREATE TABLE IF NOT EXISTS silence (id BIGINT AUTO_INCREMENT PRIMARY KEY, project_id "
                    + "VARCHAR(200), rule_id VARCHAR(10), until_time BIGINT, reason VARCHAR(2000), by_name "
                    + "VARCHAR(200), created BIGINT)");
        }
    }

    /** The notice with this key, if it was ever recorded. */
    public synchronized Optional<Notice> notice(String key) {
        return query("SELECT " + COLUMNS + " FROM notice WHERE notice_key = ?", key).stream()
                .findFirst();
    }

    /** Records a notice's new state and the event of the change, in one transaction. */
    public synchronized void record(Notice n) {
        try {
            db.setAutoCommit(false);
            try (PreparedStatement merge = db.prepareStatement("MERGE INTO notice (" + COLUMNS
                    + ") KEY (notice_key) VALUES " + "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int i = 1;
                merge.setString(i++, n.key());
                merge.setString(i++, n.alertId());
                merge.setString(i++, n.transition());
                merge.setString(i++, n.level());
                merge.setString(i++, n.projectId());
                merge.setString(i++, n.ruleId());
                merge.setLong(i++, n.eventTime());
                merge.setString(i++, n.unit());
                merge.setString(i++, n.person());
                merge.setString(i++, n.channel() == null ? null : n.channel().name());
                merge.setString(i++, n.address());
                merge.setString(i++, n.text());
                merge.setString(i++, n.status().name());
                merge.setString(i++, n.reason());
                merge.setInt(i++, n.attempts());
                merge.setLong(i++, n.dueAt());
                merge.setString(i++, n.digestKey());
                merge.setLong(i, n.at());
                merge.executeUpdate();
            }
            event(n.key(), n.status(), n.reason(), n.attempts(), n.at());
            db.commit();
        } catch (SQLException e) {
            rollback();
            throw new IllegalStateException("the dispatch ledger could not record a notice: " + e.getMessage(), e);
        } finally {
            autoCommit();
        }
    }

    /** An event of a notice that does not change its state (a retried attempt). */
    public synchronized void event(String key, NoticeStatus status, String reason, int attempts, long at) {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO notice_event (notice_key, status, reason, attempts, at_time, wall_time) VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, key);
            insert.setString(2, status.name());
            insert.setString(3, reason);
            insert.setInt(4, attempts);
            insert.setLong(5, at);
            insert.setLong(6, System.currentTimeMillis());
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the dispatch ledger could not record an event: " + e.getMessage(), e);
        }
    }

    /** Notices in a status, oldest first (by business time, then key). */
    public synchronized List<Notice> inStatus(NoticeStatus status) {
        return query(
                "SELECT " + COLUMNS + " FROM notice WHERE status = ? ORDER BY due_at, at_time, notice_key",
                status.name());
    }

    /** Notices of an alert (any recipient) in a status. */
    public synchronized List<Notice> ofAlert(String alertId, NoticeStatus status) {
        return query(
                "SELECT " + COLUMNS + " FROM notice WHERE alert_id = ? AND status = ? ORDER BY notice_key",
                alertId,
                status.name());
    }

    /** SMS delivered to a number in [from, to) of business time: the daily cap. */
    public synchronized int smsDelivered(String address, long from, long to) {
        try (PreparedStatement q =
                db.prepareStatement("SELECT COUNT(*) FROM notice WHERE channel = 'SMS' AND address = ? "
                        + "AND status = 'DELIVERED' AND at_time >= ? AND at_time < ?")) {
            q.setString(1, address);
            q.setLong(2, from);
            q.setLong(3, to);
            try (ResultSet r = q.executeQuery()) {
                r.next();
                return r.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The history for `dispatch log`: every event, with its notice, oldest first. */
    public synchronized List<Event> history(String projectId, long since) {
        List<Event> events = new ArrayList<>();
        String sql = "SELECT e.status, e.reason, e.attempts, e.at_time, e.wall_time, n.notice_key, n.alert_id, "
                + "n.transition, n.level, n.project_id, n.rule_id, n.unit, n.person, n.channel, n.address "
                + "FROM notice_event e JOIN notice n ON e.notice_key = n.notice_key WHERE e.at_time >= ? "
                + "AND (? IS NULL OR n.project_id = ? OR n.notice_key IN (SELECT digest_key FROM notice "
                + "WHERE project_id = ?)) ORDER BY e.at_time, e.id";
        try (PreparedStatement q = db.prepareStatement(sql)) {
            q.setLong(1, since);
            q.setString(2, projectId);
            q.setString(3, projectId);
            q.setString(4, projectId);
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    events.add(new Event(
                            NoticeStatus.valueOf(r.getString(1)),
                            r.getString(2),
                            r.getInt(3),
                            r.getLong(4),
                            r.getLong(5),
                            r.getString(6),
                            r.getString(7),
                            r.getString(8),
                            r.getString(9),
                            r.getString(10),
                            r.getString(11),
                            r.getString(12),
                            r.getString(13),
                            r.getString(14) == null ? null : Channel.valueOf(r.getString(14)),
                            r.getString(15)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return events;
    }

    /** One event of the record, with its notice. */
    public record Event(
            NoticeStatus status,
            String reason,
            int attempts,
            long at,
            long wallTime,
            String key,
            String alertId,
            String transition,
            String level,
            String projectId,
            String ruleId,
            String unit,
            String person,
            Channel channel,
            String address) {}

    // ---- alerts: what a digest of held notices is written from ----

    /** Keeps an alert transition's contract JSON line, under its notices' identity. */
    public synchronized void alert(String alertId, String transition, long eventTime, String json) {
        try (PreparedStatement merge =
                db.prepareStatement("MERGE INTO alert (alert_key, json) KEY (alert_key) VALUES (?, ?)")) {
            merge.setString(1, alertKey(alertId, transition, eventTime));
            merge.setString(2, json);
            merge.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("the dispatch ledger could not keep an alert: " + e.getMessage(), e);
        }
    }

    /** The JSON line of the alert transition a notice is about, if kept. */
    public synchronized Optional<String> alertOf(Notice n) {
        try (PreparedStatement q = db.prepareStatement("SELECT json FROM alert WHERE alert_key = ?")) {
            q.setString(1, alertKey(n.alertId(), n.transition(), n.eventTime()));
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String alertKey(String alertId, String transition, long eventTime) {
        return alertId + "|" + transition + "|" + eventTime;
    }

    // ---- silences ----

    public record Silence(
            long id, String projectId, String ruleId, long until, String reason, String by, long created) {}

    public synchronized long addSilence(
            String projectId, String ruleId, long until, String reason, String by, long created) {
        try (PreparedStatement insert = db.prepareStatement(
                "INSERT INTO silence (project_id, rule_id, until_time, reason, by_name, "
                        + "created) VALUES (?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, projectId);
            insert.setString(2, ruleId);
            insert.setLong(3, until);
            insert.setString(4, reason);
            insert.setString(5, by);
            insert.setLong(6, created);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The silence that mutes a project's rule at business time {@code at} (any before its end), if any. */
    public synchronized Optional<Silence> silence(String projectId, String ruleId, long at) {
        try (PreparedStatement q =
                db.prepareStatement("SELECT id, project_id, rule_id, until_time, reason, by_name, created FROM silence "
                        + "WHERE project_id = ? AND (rule_id IS NULL OR rule_id = ?) AND until_time > ? ORDER BY id")) {
            q.setString(1, projectId);
            q.setString(2, ruleId);
            q.setLong(3, at);
            try (ResultSet r = q.executeQuery()) {
                return r.next()
                        ? Optional.of(new Silence(
                                r.getLong(1),
                                r.getString(2),
                                r.getString(3),
                                r.getLong(4),
                                r.getString(5),
                                r.getString(6),
                                r.getLong(7)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized List<Silence> silences() {
        List<Silence> all = new ArrayList<>();
        try (Statement s = db.createStatement();
                ResultSet r = s.executeQuery(
                        "SELECT id, project_id, rule_id, until_time, reason, by_name, created FROM silence ORDER BY id")) {
            while (r.next()) {
                all.add(new Silence(
                        r.getLong(1),
                        r.getString(2),
                        r.getString(3),
                        r.getLong(4),
                        r.getString(5),
                        r.getString(6),
                        r.getLong(7)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    private List<Notice> query(String sql, String... args) {
        List<Notice> out = new ArrayList<>();
        try (PreparedStatement q = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                q.setString(i + 1, args[i]);
            }
            try (ResultSet r = q.executeQuery()) {
                while (r.next()) {
                    out.add(new Notice(
                            r.getString(1),
                            r.getString(2),
                            r.getString(3),
                            r.getString(4),
                            r.getString(5),
                            r.getString(6),
                            r.getLong(7),
                            r.getString(8),
                            r.getString(9),
                            r.getString(10) == null ? null : Channel.valueOf(r.getString(10)),
                            r.getString(11),
                            r.getString(12),
                            NoticeStatus.valueOf(r.getString(13)),
                            r.getString(14),
                            r.getInt(15),
                            r.getLong(16),
                            r.getString(17),
                            r.getLong(18)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the dispatch ledger could not be read: " + e.getMessage(), e);
        }
        return out;
    }

    private void rollback() {
        try {
            db.rollback();
        } catch (SQLException ignored) {
            // the connection is gone: the transaction with it
        }
    }

    private void autoCommit() {
        try {
            db.setAutoCommit(true);
        } catch (SQLException ignored) {
            // as above
        }
    }

    @Override
    public synchronized void close() {
        try {
            db.close();
        } catch (SQLException e) {
            // closing: nothing left to keep
        }
    }
}
