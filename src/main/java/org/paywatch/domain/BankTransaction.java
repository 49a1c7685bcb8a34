package org.paywatch.domain;

import org.paywatch.contract.BankTransactionType;

/** An event on a dedicated wage account (CONTRACTS.md `bank`); account and worker numbers are pseudonyms. */
public class BankTransaction {
    public String txnId;
    public String bankCode;
    public String accountNo;
    public BankTransactionType type;
    public long amountFen;
    public Long balanceAfterFen;
    public String counterpartyAccountNo;
    public String counterpartyName;
    public String workerId;
    public String wagePeriod;
    public long eventTime;
}
