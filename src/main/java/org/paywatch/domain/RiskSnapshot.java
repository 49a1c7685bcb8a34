package org.paywatch.domain;

import java.util.ArrayList;
import java.util.List;
import org.paywatch.contract.AlertLevel;

/** A project's risk at one instant: the `project_risk` measurement (dashboards/README.md). */
public class RiskSnapshot {
    public String projectId;
    public String projectName;
    public String town;
    public String category;
    public String status;
    public long time;
    /** Highest level among open alerts; null when none is open. */
    public AlertLevel level;

    public int openBlue;
    public int openYellow;
    public int openRed;
    public int unpaidWorkers;
    public long overdueFen;
    public long balanceFen;
    /** The project's pay months, from a year before to the current one (the `project_month` measurement). */
    public List<PayMonth> months = new ArrayList<>();
}
