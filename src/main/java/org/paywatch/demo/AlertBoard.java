package org.paywatch.demo;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.paywatch.contract.Alert;
import org.paywatch.contract.AlertLevel;

/** What an officer watching `paywatch.alerts` knows: the open alerts by level and the latest messages. */
final class AlertBoard {
    private static final int LATEST = 8;

    private final Map<String, AlertLevel> open = new HashMap<>();
    private final Deque<String> latest = new ArrayDeque<>();
    private long transitions;

    void apply(Alert a) {
        transitions++;
        switch (a.getTransition()) {
            case RAISED, ESCALATED, DOWNGRADED -> open.put(a.getAlertId(), a.getLevel());
            case CLEARED -> open.remove(a.getAlertId());
            case FOLLOW_UP -> {
                // a reminder about a cleared alert: nothing opens or closes
            }
        }
        latest.addFirst("[" + chinese(a.getLevel()) + "] " + a.getMessage());
        while (latest.size() > LATEST) {
            latest.removeLast();
        }
    }

    long transitions() {
        return transitions;
    }

    Map<AlertLevel, Long> openByLevel() {
        Map<AlertLevel, Long> counts = new EnumMap<>(AlertLevel.class);
        for (AlertLevel level : AlertLevel.values()) {
            counts.put(level, 0L);
        }
        open.values().forEach(level -> counts.merge(level, 1L, Long::sum));
        return counts;
    }

    /** Newest first. */
    List<String> latest() {
        return List.copyOf(latest);
    }

    static String chinese(AlertLevel level) {
        return switch (level) {
            case RED -> "红";
            case YELLOW -> "黄";
            case BLUE -> "蓝";
        };
    }
}
