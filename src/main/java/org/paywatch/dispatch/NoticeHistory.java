package org.paywatch.dispatch;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.paywatch.policy.BusinessCalendar;

/** The ledger's history as an auditor reads it: one Chinese line per event, phone numbers masked. */
public final class NoticeHistory {
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm").withZone(BusinessCalendar.ZONE);

    private NoticeHistory() {}

    public static String line(Ledger.Event e) {
        StringBuilder s = new StringBuilder(TIME.format(Instant.ofEpochMilli(e.at()))).append("  ");
        if (e.alertId() == null) {
            s.append("汇总").append(level(e.level())).append("通知");
        } else {
            s.append(e.projectId())
                    .append(' ')
                    .append(e.ruleId())
                    .append(' ')
                    .append(level(e.level()))
                    .append(transition(e.transition()));
        }
        s.append(" → ").append(e.unit());
        if (e.person() != null) {
            s.append(' ').append(e.person());
        }
        if (e.channel() != null) {
            s.append(e.channel() == Channel.SMS ? " 短信 " + Phones.mask(e.address()) : " 接口 " + e.address());
        }
        s.append("：").append(e.status().chinese);
        if (e.attempts() > 0) {
            s.append("（第").append(e.attempts()).append("次）");
        }
        if (e.reason() != null && !e.reason().isBlank()) {
            s.append("，").append(e.reason());
        }
        return s.toString();
    }

    /** A silence, as the record shows it. */
    public static String line(Ledger.Silence s) {
        return TIME.format(Instant.ofEpochMilli(s.created())) + "  静默#" + s.id() + " " + s.projectId()
                + (s.ruleId() == null ? "" : " " + s.ruleId()) + " 至" + TIME.format(Instant.ofEpochMilli(s.until()))
                + "，由" + s.by() + "设置：" + s.reason();
    }

    public static List<String> lines(List<Ledger.Event> events) {
        return events.stream().map(NoticeHistory::line).toList();
    }

    static String level(String level) {
        return level == null
                ? ""
                : switch (level) {
                    case "RED" -> "红色";
                    case "YELLOW" -> "黄色";
                    default -> "蓝色";
                };
    }

    static String transition(String transition) {
        return transition == null
                ? ""
                : switch (transition) {
                    case "RAISED" -> "预警";
                    case "ESCALATED" -> "预警升级";
                    case "DOWNGRADED" -> "预警降级";
                    case "CLEARED" -> "预警消除";
                    case "FOLLOW_UP" -> "跟踪回访";
                    default -> "通知";
                };
    }
}
