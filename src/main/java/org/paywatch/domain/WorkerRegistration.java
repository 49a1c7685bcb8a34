package org.paywatch.domain;

import java.time.LocalDate;
import org.paywatch.contract.WageType;

/** A worker's real-name registration on a project (CONTRACTS.md `workers`); workerId is a pseudonym. */
public class WorkerRegistration {
    public String projectId;
    public String workerId;
    public String employerCreditCode;
    public String team;
    public WageType wageType;
    public long wageRateFen;
    public LocalDate entryDate;
    public LocalDate exitDate;
    public long updatedAt;
}
