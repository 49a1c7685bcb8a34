package org.paywatch.policy;

import java.util.Map;
import java.util.TreeMap;
import org.paywatch.contract.AlertLevel;

/** What a rule finds warranted for one scope right now: a level, the figures, and the Chinese sentence. */
public record Finding(AlertLevel level, Map<String, Double> metrics, String message) {
    public Finding {
        metrics = new TreeMap<>(metrics);
    }
}
