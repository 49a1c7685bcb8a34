package org.paywatch.sim;

/**
 * The ways a simulated project goes wrong. Each shape is chosen so that the warnings it should
 * provoke (blue, yellow and red) arise within a few simulated months; everything else the project
 * does is compliant, so its alerts are its fault's: the intended rules, and those that follow from
 * them as the county's officers would expect (named under "also").
 */
public enum Fault {
    /**
     * Pays the first, partial month, then no wages at all: PW05 (blue before the pay day, yellow
     * past it, red a month later). Also PW90 (the task force) once 20 workers are owed; in a long
     * simulation PW04, when the balance no longer covers the unpaid wages.
     */
    WAGES_WITHHELD,
    /** Always pays on the due date itself, so every pay day is preceded by a PW05 blue warning, cleared by the payroll. */
    LAST_MINUTE_PAYROLL,
    /** One worker is left off every payroll: a small share of the crew unpaid, PW06 yellow for every month. */
    ONE_WORKER_UNPAID,
    /**
     * About a third of the crew is left off every payroll: PW06 red for every month. Also, in a long
     * simulation or with a large crew, PW90 once the unpaid wages or workers reach its thresholds.
     */
    CREW_PARTLY_UNPAID,
    /**
     * Only the opening labour-cost deposit: PW02 (yellow after 31 days, red after 62) and PW01 (yellow,
     * then red for two months in a row). Also, as the account runs dry: PW04, payrolls that wait (PW05)
     * and PW90.
     */
    DEPOSITS_STOPPED,
    /**
     * Deposits stop 45 days before the end of the simulation, after a last small one: PW02 yellow.
     * Also PW01 when a month without a deposit has ended before the simulation does.
     */
    DEPOSITS_LAPSING,
    /** Money moved out of the dedicated account to the contractor's own account: PW10 red at once. Also PW04 if the balance then falls short. */
    TRANSFER_OUT,
    /** Cash taken out of the dedicated account: PW10 red at once. Also PW04 if the balance then falls short. */
    CASH_WITHDRAWN,
    /**
     * The account is frozen by a court order and stays frozen: PW11 red. Also, as payouts stop: PW05
     * (blue, yellow, red) and PW90.
     */
    FROZEN,
    /**
     * The account is frozen, then released two or three weeks later: PW11 red, cleared, then its
     * follow-ups (PW91 FOLLOW_UP at 30, 60 and 90 days). Also PW05 if the freeze holds a payroll past
     * its warning or due date, cleared when the payroll follows the release.
     */
    FROZEN_THEN_RELEASED
}
