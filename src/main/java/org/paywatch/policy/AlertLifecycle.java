package org.paywatch.policy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.AlertTransition;
import org.paywatch.domain.AlertEvent;

/**
 * The alert lifecycle of RULES.md: one alert per (project, rule, scope); RAISED with a level, then
 * ESCALATED / DOWNGRADED as the level changes, then CLEARED. An unchanged level emits nothing. It is the one
 * writer of a project's {@link AlertMemory}, and changes it only along with a transition it returns: the monitor
 * writes the memory back to state only then.
 */
public final class AlertLifecycle {
    private final ResponsibilityList routing;

    public AlertLifecycle(ResponsibilityList routing) {
        this.routing = routing;
    }

    /** Compares a rule's warranted alerts with the open ones, updates the memory, returns the transitions. */
    public List<AlertEvent> reconcile(
            ProjectBook book, AlertMemory alerts, RuleInfo rule, Map<String, Finding> findings, long now) {
        List<AlertEvent> out = new ArrayList<>();
        // In scope order, for deterministic output; most assessments find nothing or one scope.
        Map<String, Finding> inOrder =
                findings.size() > 1 && !(findings instanceof TreeMap) ? new TreeMap<>(findings) : findings;
        for (Map.Entry<String, Finding> e : inOrder.entrySet()) {
            String scope = e.getKey();
            Finding f = e.getValue();
            OpenAlert open = alerts.open(rule.id(), scope);
            AlertTransition transition;
            if (open == null) {
                open = new OpenAlert();
                open.ruleId = rule.id();
                open.scope = scope;
                open.raisedAt = now;
                open.alertId = alertId(book.project().projectId, rule.id(), scope, now);
                open.raisedAfterClearingAt = alerts.lastSevereClearing(rule.id());
                alerts.raised(open);
                transition = AlertTransition.RAISED;
            } else if (f.level().compareTo(open.level) > 0) {
                transition = AlertTransition.ESCALATED;
            } else if (f.level().compareTo(open.level) < 0) {
                transition = AlertTransition.DOWNGRADED;
            } else {
                continue;
            }
            open.level = f.level();
            out.add(event(book, rule, open, transition, now, f.message(), f));
        }
        List<OpenAlert> cleared = new ArrayList<>();
        for (OpenAlert open : alerts.openAlerts()) {
            if (open.ruleId.equals(rule.id()) && !findings.containsKey(open.scope)) {
                cleared.add(open);
            }
        }
        cleared.sort((a, b) -> a.scope.compareTo(b.scope));
        for (OpenAlert open : cleared) {
            alerts.cleared(open);
            remember(alerts, open, now);
            String what = open.scope.isEmpty() ? "" : "（" + open.scope + "）";
            String message = String.format("%s「%s」%s预警已消除。", book.project().name, rule.name(), what);
            out.add(event(book, rule, open, AlertTransition.CLEARED, now, message, null));
        }
        return out;
    }

    /** A cleared YELLOW or RED alert counts for rebounds; a cleared RED one also gets follow-up checks (PW91). */
    private static void remember(AlertMemory alerts, OpenAlert open, long now) {
        if (open.level == AlertLevel.BLUE) {
            return;
        }
        alerts.severeCleared(open.ruleId, now);
        if (open.level == AlertLevel.RED) {
            FollowUp f = new FollowUp();
            f.alertId = open.alertId;
            f.ruleId = open.ruleId;
            f.scope = open.scope;
            f.clearedAt = now;
            alerts.awaitFollowUps(f);
        }
    }

    /**
     * The follow-up checks (跟踪回访) that fall due by {@code now}: one FOLLOW_UP event each, {@code days}
     * after the RED alert cleared, in order; a follow-up is done once all of them are emitted.
     */
    public List<AlertEvent> followUps(
            ProjectBook book, AlertMemory alerts, RuleCatalog catalog, List<Integer> days, long now) {
        List<AlertEvent> out = new ArrayList<>();
        for (FollowUp f : alerts.followUps()) {
            while (f.done < days.size() && f.clearedAt + days.get(f.done) * 86_400_000L <= now) {
                int after = days.get(f.done);
                f.done++;
                RuleInfo rule = catalog.info(f.ruleId);
                OpenAlert cleared = new OpenAlert();
                cleared.alertId = f.alertId;
                cleared.ruleId = f.ruleId;
                cleared.scope = f.scope;
                cleared.level = AlertLevel.RED;
                String what = f.scope.isEmpty() ? "" : "（" + f.scope + "）";
                String message = String.format(
                        "%s「%s」%s红色预警消除已满%d天，请开展第%d次跟踪回访，确认问题未反弹。",
                        book.project().name, rule.name(), what, after, f.done);
                long due = f.clearedAt + after * 86_400_000L;
                AlertEvent e = event(
                        book,
                        rule,
                        cleared,
                        AlertTransition.FOLLOW_UP,
                        due,
                        message,
                        new Finding(AlertLevel.RED, java.util.Map.of("daysSinceCleared", (double) after), message));
                out.add(e);
            }
        }
        alerts.dropFollowedUp(days.size());
        return out;
    }

    private AlertEvent event(
            ProjectBook book,
            RuleInfo rule,
            OpenAlert open,
            AlertTransition transition,
            long now,
            String message,
            Finding finding) {
        AlertEvent a = new AlertEvent();
        a.alertId = open.alertId;
        org.paywatch.domain.Project project = book.project();
        a.projectId = project.projectId;
        a.ruleId = rule.id();
        a.level = open.level;
        a.transition = transition;
        a.scope = open.scope;
        a.eventTime = now;
        a.message = message;
        a.legalBasis = rule.basis();
        if (finding != null) {
            a.metrics.putAll(finding.metrics());
            a.taskForce = finding.taskForce();
            a.rebound = finding.rebound();
        }
        a.recipients = routing.recipients(project, rule.id(), open.level);
        a.projectName = project.name;
        a.town = project.town;
        a.category = project.category == null ? null : project.category.name();
        return a;
    }

    /** Deterministic: the same project, rule, scope and raising instant give the same id, in every replay. */
    static String alertId(String projectId, String ruleId, String scope, long raisedAt) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest(
                    (projectId + "\n" + ruleId + "\n" + scope + "\n" + raisedAt).getBytes(StandardCharsets.UTF_8));
            return ruleId + "-" + HexFormat.of().formatHex(digest, 0, 10);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
