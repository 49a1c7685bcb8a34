package org.paywatch.domain;

import org.paywatch.contract.Direction;

/** A real-name attendance clock-in (CONTRACTS.md `clockins`); workerId is a pseudonym. */
public class ClockIn {
    public String projectId;
    public String workerId;
    public String deviceId;
    public Direction direction;
    public long eventTime;
}
