package org.paywatch.policy;

import org.paywatch.contract.AlertLevel;

/** An alert that has been raised and not yet cleared: one per (rule, scope) of a project. */
public class OpenAlert {
    public String alertId;
    public String ruleId;
    public String scope;
    public AlertLevel level;
    public long raisedAt;
    /** When a YELLOW or RED alert of the same rule last cleared before this one was raised (PW91), or null. */
    public Long raisedAfterClearingAt;
}
