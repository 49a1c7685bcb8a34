package org.paywatch.sim;

/**
 * The ways a simulated project goes wrong. Each shape is chosen so that the warnings it should
 * provoke (blue, yellow and red) arise within a few simulated months.
 */
public enum Fault {
    /** Pays the first, partial month, then no wages at all: overdue, then seriously overdue. */
    WAGES_WITHHELD,
    /** Always pays on the due date itself, so every pay day is preceded by a warning. */
    LAST_MINUTE_PAYROLL,
    /** One worker is left off every payroll: a small share of the crew unpaid. */
    ONE_WORKER_UNPAID,
    /** About a third of the crew is left off every payroll. */
    CREW_PARTLY_UNPAID,
    /** Only the opening labour-cost deposit; the account runs dry later. */
    DEPOSITS_STOPPED,
    /** Deposits stop 45 days before the end of the simulation. */
    DEPOSITS_LAPSING,
    /** Money moved out of the dedicated account to the contractor's own account. */
    TRANSFER_OUT,
    /** Cash taken out of the dedicated account. */
    CASH_WITHDRAWN,
    /** The account is frozen by a court order and stays frozen; payouts stop. */
    FROZEN,
    /** The account is frozen, then released two or three weeks later. */
    FROZEN_THEN_RELEASED
}
