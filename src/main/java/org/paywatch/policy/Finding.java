package org.paywatch.policy;

import java.util.Map;
import java.util.TreeMap;
import org.paywatch.contract.AlertLevel;

/**
 * What a rule finds warranted for one scope right now: a level, the figures, the Chinese sentence,
 * and whether the task force is needed (PW90) or the problem came back (PW91).
 */
public record Finding(
        AlertLevel level, Map<String, Double> metrics, String message, boolean taskForce, boolean rebound) {
    public Finding {
        metrics = new TreeMap<>(metrics);
    }

    public Finding(AlertLevel level, Map<String, Double> metrics, String message) {
        this(level, metrics, message, false, false);
    }
}
