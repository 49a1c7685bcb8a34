package org.paywatch.policy;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import org.paywatch.domain.ConfigurationProblem;

/** A stoppage when sites are expected to be quiet (default: the Spring Festival), configured per year. */
public class HolidayWindow implements Serializable {
    private static final long serialVersionUID = 1L;

    public String name;
    /** First day, "YYYY-MM-DD". */
    public String from;
    /** Last day, inclusive, "YYYY-MM-DD". */
    public String to;
    /** from and to parsed once: PW15 asks about every day of its look-back, for every project, every day (docs/performance.md). */
    private transient LocalDate first;

    private transient LocalDate last;

    public boolean contains(LocalDate day) {
        if (first == null) {
            first = LocalDate.parse(from);
            last = LocalDate.parse(to);
        }
        return !day.isBefore(first) && !day.isAfter(last);
    }

    public void validate(int index) {
        String key = "calendar.holidays[" + index + "]";
        try {
            if (LocalDate.parse(to).isBefore(LocalDate.parse(from))) {
                throw new ConfigurationProblem(
                        key + " ends (" + to + ") before it starts (" + from + "): swap from and to");
            }
        } catch (DateTimeParseException | NullPointerException e) {
            throw new ConfigurationProblem(
                    key + " needs from and to as dates YYYY-MM-DD, e.g. from: 2026-02-10, to: 2026-02-24");
        }
    }
}
