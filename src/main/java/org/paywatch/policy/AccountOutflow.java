package org.paywatch.policy;

/** Money that left the dedicated account other than as wages, in one month (PW10). */
public class AccountOutflow {
    public int count;
    public long amountFen;
}
