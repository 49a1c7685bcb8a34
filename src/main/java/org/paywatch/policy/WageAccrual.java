package org.paywatch.policy;

import org.paywatch.contract.WageType;
import org.paywatch.domain.ConfigurationProblem;

/**
 * How wages accrue (RULES.md "Accrued wages"): a daily rate by the day, a monthly rate pro-rated by
 * attended days over the paid days of a month, as the job file's {@code wages} section sets them with
 * their basis.
 */
public class WageAccrual implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    /** Paid days of a month: (365 - 104 rest days) / 12 = 21.75 (劳社部发〔2008〕3号). */
    public Double daysPerMonth;
    /** The clause the number comes from. */
    public String basis;

    /** Fails on a missing or implausible setting, naming the fix. */
    public void validate() {
        if (daysPerMonth == null) {
            throw new ConfigurationProblem(
                    "wages.daysPerMonth is missing: set it to the paid days of a month, 21.75 ((365 - 104) / 12)");
        }
        if (daysPerMonth.isNaN() || daysPerMonth < 20 || daysPerMonth > 31) {
            throw new ConfigurationProblem(
                    "wages.daysPerMonth = " + daysPerMonth + " is out of range: allowed is 20 to 31, usually 21.75");
        }
        if (basis == null || basis.isBlank()) {
            throw new ConfigurationProblem(
                    "wages.basis is missing: cite the clause the paid days of a month come from");
        }
    }

    /** Accrued wages for {@code days} attended days at a daily or monthly rate; a monthly rate is the most a month accrues. */
    public long accruedFen(WageType wageType, long wageRateFen, int days) {
        if (wageType == WageType.DAILY) {
            return wageRateFen * days;
        }
        return Math.min(wageRateFen, Math.round(wageRateFen * days / daysPerMonth));
    }
}
