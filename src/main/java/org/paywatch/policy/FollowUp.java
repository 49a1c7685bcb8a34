package org.paywatch.policy;

/** A cleared RED alert awaiting its follow-up checks (跟踪回访, PW91): the next one is number {@link #done} + 1. */
public class FollowUp {
    public String alertId;
    public String ruleId;
    public String scope;
    public long clearedAt;
    public int done;
}
