package org.paywatch.dispatch;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.paywatch.contract.Alert;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.AlertTransition;
import org.paywatch.policy.BusinessCalendar;

/**
 * Decides, for each alert transition and each of its recipients' contacts, whether to send now, hold
 * (group window, quiet hours, the daily cap) or not send (silence, debounce, superseded), and sends
 * what is due — once: the ledger is asked before every send and told every outcome, and a notice is
 * marked SENDING before it is handed to the gateway, so that after a crash only that one is sent again,
 * with the same idempotency key.
 *
 * <p>Time is passed in: business time (the alerts' own) when reading a file, the wall clock live.
 *
 * <ul>
 *   <li>RED (raised or escalated) goes out at once, quiet hours or not; it supersedes a held notice of
 *       the same alert for the same contact.</li>
 *   <li>Everything else is held for the group window; what is held for one contact when the window ends
 *       goes out as one message, a digest when there are several.</li>
 *   <li>Quiet hours hold BLUE and YELLOW (and clearing and follow-up notices) to their end.</li>
 *   <li>A clearing within the debounce window of a notice still held for the same alert: neither is sent.</li>
 *   <li>A number that has had its daily cap of SMS gets the rest in the next day's first digest.</li>
 *   <li>A silence on the project (and rule) mutes the notice, with its reason; the alert itself is untouched.</li>
 * </ul>
 */
public final class Outbox {
    /** Says what a notice and a digest say, on the contact's channel (an SMS text, a webhook's JSON body). */
    public interface Wording {
        String transition(Alert alert, Contact contact, String key);

        String digest(List<Notice> held, Contact contact, String key);
    }

    private final Ledger ledger;
    private final Wording wording;
    private final Delivery delivery;
    private final DispatchConfig.Timing timing;
    /** A unit's quiet hours: the directory's own, else the job file's. */
    private final Function<String, DispatchConfig.QuietHours> quietHours;

    private final List<Listener> listeners = new ArrayList<>();

    /** Told of every outcome (InfluxDB, the demo's screen). */
    public interface Listener {
        void recorded(Notice notice);
    }

    public Outbox(
            Ledger ledger,
            Wording wording,
            Delivery delivery,
            DispatchConfig.Timing timing,
            Function<String, DispatchConfig.QuietHours> quietHours) {
        this.ledger = ledger;
        this.wording = wording;
        this.delivery = delivery;
        this.timing = timing;
        this.quietHours = quietHours;
    }

    public Outbox listen(Listener listener) {
        listeners.add(listener);
        return this;
    }

    /** After a crash: the notice that was being sent is sent again, with its key, as of when it was decided. */
    public void resume() throws InterruptedException {
        for (Notice n : ledger.inStatus(NoticeStatus.SENDING)) {
            deliver(n, n.at());
        }
    }

    /**
     * One alert transition: records what it means for each contact, sends what is due now.
     *
     * @param now the time of the decision: the alert's own time when reading a file, the wall clock live
     */
    public void accept(Alert alert, Recipients.Resolution reach, long now) throws InterruptedException {
        release(now);
        long at = now;
        for (String unit : reach.unreachable()) {
            recordOnce(notice(
                    alert,
                    new Contact(unit, null, null, null),
                    null,
                    NoticeStatus.UNREACHABLE,
                    "目录和项目登记中均无" + unit + "的联系方式",
                    0,
                    at));
        }
        for (String unit : reach.notWanted()) {
            recordOnce(notice(
                    alert,
                    new Contact(unit, null, null, null),
                    null,
                    NoticeStatus.NOT_WANTED,
                    unit + "按设置不接收" + alert.getLevel() + "级别",
                    0,
                    at));
        }
        Optional<Ledger.Silence> silence = ledger.silence(alert.getProjectId(), alert.getRuleId(), at);
        for (Contact c : reach.contacts()) {
            Notice n = notice(alert, c, null, NoticeStatus.HELD, null, 0, at);
            n = notice(alert, c, wording.transition(alert, c, n.key()), NoticeStatus.HELD, null, 0, at);
            if (ledger.notice(n.key()).isPresent()) {
                continue; // handled before (a re-read after a restart, or a second run over the same ledger)
            }
            if (silence.isPresent()) {
                Ledger.Silence s = silence.get();
                record(n.with(
                        NoticeStatus.SILENCED, "静默至" + format(s.until()) + "（" + s.by() + "：" + s.reason() + "）", at));
            } else if (isUrgent(alert)) {
                supersedeHeld(alert, c, at);
                if (capReached(c, at)) {
                    long due = nextMorning(c.unit(), at);
                    record(held(n, due, "今日已达每号" + timing.dailyCapPerNumber() + "条上限，并入次日汇总", at));
                } else {
                    deliver(n.with(NoticeStatus.SENDING, null, at), at);
                }
            } else if (alert.getTransition() == AlertTransition.CLEARED && debounced(alert, c, at)) {
                record(n.with(NoticeStatus.DEBOUNCED, "在" + minutes(timing.debounce()) + "分钟内即已消除", at));
            } else {
                // Held at least the debounce window too, so that a raise cleared within it sends nothing.
                long due = at
                        + Math.max(
                                timing.groupWindow().toMillis(),
                                timing.debounce().toMillis());
                String why = "汇总窗口" + minutes(timing.groupWindow()) + "分钟（至少" + minutes(timing.debounce()) + "分钟防抖）";
                long quietEnd = quietHours
                        .apply(c.unit())
                        .end(Instant.ofEpochMilli(due))
                        .toEpochMilli();
                if (quietEnd != due) {
                    due = quietEnd;
                    why = "免打扰时段，" + format(due) + "发送";
                }
                record(held(n, due, why, at));
            }
        }
    }

    /**
     * Sends what is due by {@code now}: a contact's held notices go out together, as one message (a digest
     * if several), as soon as the first of them is due — the group window starts with the first.
     */
    public void release(long now) throws InterruptedException {
        Map<String, List<Notice>> byContact = new LinkedHashMap<>();
        for (Notice n : ledger.inStatus(NoticeStatus.HELD)) {
            byContact
                    .computeIfAbsent(n.channel() + " " + n.address(), k -> new ArrayList<>())
                    .add(n);
        }
        for (List<Notice> due : byContact.values()) {
            long at = due.stream().mapToLong(Notice::dueAt).min().orElse(Long.MAX_VALUE);
            if (at > now) {
                continue;
            }
            Notice first = due.get(0);
            Contact contact = new Contact(first.unit(), first.person(), first.channel(), first.address());
            if (capReached(contact, at)) {
                long next = nextMorning(contact.unit(), at);
                for (Notice n : due) {
                    record(held(n, next, "今日已达每号" + timing.dailyCapPerNumber() + "条上限，并入次日汇总", at));
                }
                continue;
            }
            if (due.size() == 1) {
                deliver(first.with(NoticeStatus.SENDING, null, at), at);
                continue;
            }
            String digestKey = key(due.stream().map(Notice::key).sorted().reduce("digest", (a, b) -> a + "|" + b));
            Notice digest = new Notice(
                    digestKey,
                    null,
                    "DIGEST",
                    worst(due),
                    due.size() == 1 ? first.projectId() : null,
                    null,
                    at,
                    contact.unit(),
                    contact.person(),
                    contact.channel(),
                    contact.address(),
                    wording.digest(due, contact, digestKey),
                    NoticeStatus.SENDING,
                    null,
                    0,
                    0,
                    null,
                    at);
            if (ledger.notice(digestKey).filter(d -> d.status().isFinal).isEmpty()) {
                record(digest);
                for (Notice n : due) {
                    record(n.inDigest(digestKey, at));
                }
                deliver(digest, at);
            }
        }
    }

    /** Parked notices are sent again, with their keys: `dispatch --retry-parked`. */
    public void retryParked(long now) throws InterruptedException {
        for (Notice n : ledger.inStatus(NoticeStatus.PARKED)) {
            deliver(n.with(NoticeStatus.SENDING, "再次发送已搁置的通知", now), now);
        }
    }

    /** Everything still held goes out at its due time: the end of an alerts file. */
    public void releaseAll() throws InterruptedException {
        for (Notice n;
                (n = ledger.inStatus(NoticeStatus.HELD).stream().findFirst().orElse(null)) != null; ) {
            release(n.dueAt());
        }
    }

    /**
     * Records SENDING, hands the message over, records the outcome. Interrupted while sending, the
     * outcome is unknown: the notice stays SENDING, and is sent again with its key on the next start.
     */
    private void deliver(Notice sending, long at) throws InterruptedException {
        record(sending);
        Delivery.Outcome sent = delivery.send(new Delivery.Message(
                sending.key(),
                new Contact(sending.unit(), sending.person(), sending.channel(), sending.address()),
                sending.text()));
        if (sent.attempts() > 1) {
            ledger.event(
                    sending.key(),
                    NoticeStatus.RETRIED,
                    sent.delivered() ? sent.reason() : "重试" + (sent.attempts() - 1) + "次",
                    sent.attempts(),
                    at);
        }
        record(sending.sent(
                sent.delivered() ? NoticeStatus.DELIVERED : NoticeStatus.PARKED,
                sent.delivered() ? null : sent.reason(),
                sent.attempts(),
                at));
    }

    private void supersedeHeld(Alert alert, Contact c, long at) {
        for (Notice held : ledger.ofAlert(alert.getAlertId(), NoticeStatus.HELD)) {
            if (held.address() != null && held.address().equals(c.address()) && held.channel() == c.channel()) {
                record(held.with(NoticeStatus.SUPERSEDED, "同一预警升级为红色，已即时发送红色通知", at));
            }
        }
    }

    private boolean debounced(Alert alert, Contact c, long at) {
        boolean any = false;
        for (Notice held : ledger.ofAlert(alert.getAlertId(), NoticeStatus.HELD)) {
            if (held.address() != null
                    && held.address().equals(c.address())
                    && held.channel() == c.channel()
                    && at - held.at() <= timing.debounce().toMillis()) {
                record(held.with(NoticeStatus.DEBOUNCED, "在" + minutes(timing.debounce()) + "分钟内即已消除", at));
                any = true;
            }
        }
        return any;
    }

    private static boolean isUrgent(Alert alert) {
        return alert.getLevel() == AlertLevel.RED
                && (alert.getTransition() == AlertTransition.RAISED
                        || alert.getTransition() == AlertTransition.ESCALATED);
    }

    private boolean capReached(Contact c, long at) {
        if (c.channel() != Channel.SMS) {
            return false;
        }
        LocalDate day = BusinessCalendar.date(at);
        return ledger.smsDelivered(
                        c.address(), BusinessCalendar.startOfDay(day), BusinessCalendar.startOfDay(day.plusDays(1)))
                >= timing.dailyCapPerNumber();
    }

    /** The first moment of the next day outside the unit's quiet hours. */
    private long nextMorning(String unit, long at) {
        long start = BusinessCalendar.startOfDay(BusinessCalendar.date(at).plusDays(1));
        return quietHours.apply(unit).end(Instant.ofEpochMilli(start)).toEpochMilli();
    }

    private void recordOnce(Notice n) {
        if (ledger.notice(n.key()).isEmpty()) {
            record(n);
        }
    }

    private void record(Notice n) {
        ledger.record(n);
        listeners.forEach(l -> l.recorded(n));
    }

    private static Notice held(Notice n, long due, String why, long at) {
        return new Notice(
                n.key(),
                n.alertId(),
                n.transition(),
                n.level(),
                n.projectId(),
                n.ruleId(),
                n.eventTime(),
                n.unit(),
                n.person(),
                n.channel(),
                n.address(),
                n.text(),
                NoticeStatus.HELD,
                why,
                n.attempts(),
                due,
                null,
                at);
    }

    private static Notice notice(
            Alert a, Contact c, String text, NoticeStatus status, String reason, long due, long at) {
        String key = key(a.getAlertId() + "|" + a.getTransition() + "|" + a.getLevel() + "|"
                + a.getEventTime().toEpochMilli() + "|" + c.unit() + "|" + c.channel() + "|" + c.address());
        return new Notice(
                key,
                a.getAlertId(),
                a.getTransition().name(),
                a.getLevel().name(),
                a.getProjectId(),
                a.getRuleId(),
                a.getEventTime().toEpochMilli(),
                c.unit(),
                c.person(),
                c.channel(),
                c.address(),
                text,
                status,
                reason,
                0,
                due,
                null,
                at);
    }

    private static String worst(List<Notice> notices) {
        return notices.stream()
                .map(n -> AlertLevel.valueOf(n.level()))
                .max(Enum::compareTo)
                .map(Enum::name)
                .orElse("BLUE");
    }

    /** A stable idempotency key: 32 hex digits of SHA-256. */
    static String key(String identity) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static long minutes(Duration d) {
        return d.toMinutes();
    }

    private static String format(long at) {
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(at), BusinessCalendar.ZONE)
                .toLocalDateTime()
                .toString()
                .replace('T', ' ');
    }
}
