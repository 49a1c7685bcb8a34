package org.paywatch.domain;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.paywatch.contract.ProjectCategory;
import org.paywatch.contract.ProjectStatus;

/** A project's registry entry (CONTRACTS.md `projects`), with account numbers already pseudonymised. */
public class Project {
    public String projectId;
    public String name;
    public ProjectCategory category;
    public String town;
    public long contractValueFen;
    public LocalDate startDate;
    public LocalDate plannedEndDate;
    public boolean governmentInvested;
    public Enterprise constructionUnit;
    public Enterprise generalContractor;
    public List<Enterprise> subcontractors = new ArrayList<>();
    /** Bank of the dedicated wage account; null until the account is bound. */
    public String payrollBankCode;
    /** Pseudonym of the dedicated wage account; null until the account is bound. */
    public String payrollAccountNo;

    public LocalDate onboardedDate;
    public long wageDepositFen;
    /** Day of month M+1 by which wages of M are due; null: the last day of M+1. */
    public Integer payDay;

    public ProjectStatus status;
    public long updatedAt;
    /** Whom alert dispatch tells on the project's side; always empty after the entry operator (phones are personal data). */
    public List<ProjectContact> contacts = new ArrayList<>();

    /** Every enterprise with a role on the project, each once (construction unit, contractor, subcontractors). */
    public List<String> enterpriseCodes() {
        List<String> codes = new ArrayList<>();
        for (Enterprise e : roles()) {
            if (e != null && e.creditCode != null && !codes.contains(e.creditCode)) {
                codes.add(e.creditCode);
            }
        }
        return codes;
    }

    private List<Enterprise> roles() {
        List<Enterprise> all = new ArrayList<>();
        all.add(constructionUnit);
        all.add(generalContractor);
        if (subcontractors != null) {
            all.addAll(subcontractors);
        }
        return all;
    }
}
