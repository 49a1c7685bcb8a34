package org.paywatch.pipeline;

/** The registry's word that a dedicated account (pseudonym) belongs to a project. */
public class AccountBinding {
    public String accountNo;
    public String projectId;
    public long since;

    public AccountBinding() {}

    public AccountBinding(String accountNo, String projectId, long since) {
        this.accountNo = accountNo;
        this.projectId = projectId;
        this.since = since;
    }
}
