package org.paywatch.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the alert lifecycle remembers of one project: its open alerts, when a YELLOW or RED alert of each rule
 * last cleared, and the cleared RED alerts awaiting their follow-up checks (PW91). Only {@link AlertLifecycle}
 * writes it; rules and the book read the open alerts.
 *
 * <p>Kept in Flink state field by field (a POJO of its private fields), beside the book: a new field is a
 * state-layout change (CHANGELOG.md).
 */
public class AlertMemory {
    /** "ruleId|scope" -> the open alert. */
    private Map<String, OpenAlert> openAlerts = new HashMap<>();
    /** ruleId -> when a YELLOW or RED alert of the rule last cleared (PW91). */
    private Map<String, Long> lastSevereClearing = new HashMap<>();
    /** Cleared RED alerts whose follow-up checks are not all done (PW91). */
    private List<FollowUp> followUps = new ArrayList<>();

    /** The open alerts, one per (rule, scope), in no particular order. */
    public Collection<OpenAlert> openAlerts() {
        return Collections.unmodifiableCollection(openAlerts.values());
    }

    public boolean hasOpenAlert(String ruleId) {
        for (OpenAlert open : openAlerts.values()) {
            if (open.ruleId.equals(ruleId)) {
                return true;
            }
        }
        return false;
    }

    /** Cleared RED alerts whose follow-up checks are not all done yet (PW91). */
    public List<FollowUp> followUps() {
        return Collections.unmodifiableList(followUps);
    }

    /** Whether there is nothing to remember: no open alert, no severe clearing, no follow-up pending. */
    public boolean isEmpty() {
        return openAlerts.isEmpty() && lastSevereClearing.isEmpty() && followUps.isEmpty();
    }

    // ---- written by the lifecycle alone ----

    OpenAlert open(String ruleId, String scope) {
        return openAlerts.get(key(ruleId, scope));
    }

    void raised(OpenAlert open) {
        openAlerts.put(key(open.ruleId, open.scope), open);
    }

    void cleared(OpenAlert open) {
        openAlerts.remove(key(open.ruleId, open.scope));
    }

    /** When a YELLOW or RED alert of the rule last cleared, or null. */
    Long lastSevereClearing(String ruleId) {
        return lastSevereClearing.get(ruleId);
    }

    void severeCleared(String ruleId, long at) {
        lastSevereClearing.merge(ruleId, at, Math::max);
    }

    void awaitFollowUps(FollowUp f) {
        followUps.add(f);
    }

    /** Drops the follow-ups that have had all their {@code checks}. */
    void dropFollowedUp(int checks) {
        followUps.removeIf(f -> f.done >= checks);
    }

    private static String key(String ruleId, String scope) {
        return ruleId + "|" + scope;
    }
}
