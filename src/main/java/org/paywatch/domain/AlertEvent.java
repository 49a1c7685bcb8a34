package org.paywatch.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.AlertTransition;

/** One alert transition (CONTRACTS.md `alerts`), plus the project facts the sinks tag it with. */
public class AlertEvent {
    public String alertId;
    public String projectId;
    public String ruleId;
    public AlertLevel level;
    public AlertTransition transition;
    public String scope;
    public long eventTime;
    public String message;
    public String legalBasis;
    public Map<String, Double> metrics = new TreeMap<>();
    public List<String> recipients = new ArrayList<>();
    public boolean taskForce;
    public boolean rebound;

    // not in the alert contract: for dashboards and dispatch
    public String projectName;
    public String town;
    public String category;
}
