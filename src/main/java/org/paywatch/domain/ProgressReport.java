package org.paywatch.domain;

/** A monthly progress report (CONTRACTS.md `progress`). */
public class ProgressReport {
    public String projectId;
    /** The construction month, "YYYY-MM". */
    public String period;

    public long completedValueFen;
    public long progressPaymentFen;
    public long reportedAt;
}
