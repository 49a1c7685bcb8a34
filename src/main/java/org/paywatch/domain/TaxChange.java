package org.paywatch.domain;

import org.paywatch.contract.TaxChangeType;

/** A tax-change signal about an enterprise (CONTRACTS.md `tax`). */
public class TaxChange {
    public String creditCode;
    public TaxChangeType changeType;
    public String period;
    public Long previousFen;
    public Long currentFen;
    public long eventTime;
}
