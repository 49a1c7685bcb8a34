package org.paywatch.policy;

import java.time.LocalDate;
import org.paywatch.contract.WageType;
import org.paywatch.domain.WorkerRegistration;

/**
 * What a project's book keeps of a worker's real-name registration: what the rules read (the wage that accrues, the
 * exit date, and when the registration was last updated, so the latest wins). The worker and the project are the
 * book's; employer, team and entry date are read by no rule and are not written into every checkpoint.
 */
public class Enrolment {
    public WageType wageType;
    public long wageRateFen;
    /** Null while the worker is on the project. */
    public LocalDate exitDate;

    public long updatedAt;

    static Enrolment of(WorkerRegistration w) {
        Enrolment e = new Enrolment();
        e.wageType = w.wageType;
        e.wageRateFen = w.wageRateFen;
        e.exitDate = w.exitDate;
        e.updatedAt = w.updatedAt;
        return e;
    }
}
