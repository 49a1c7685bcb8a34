package org.paywatch.domain;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The event times a record can truthfully carry: not before the earliest date (time.earliestEventDate)
 * and not more than a clock skew (time.maxClockSkew) ahead of now — the wall clock live, --as-of in a
 * replay. A record outside them is dead-lettered before its time can move the watermark: a record
 * dated 9999 would otherwise end every deadline at once, and one dated 1970 would wait for a
 * registration that cannot precede it.
 */
public final class EventTimeBounds implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final ZoneOffset BUSINESS_OFFSET = ZoneOffset.ofHours(8);

    private final LocalDate earliestDate;
    private final long earliest;
    private final Duration maxSkew;

    public EventTimeBounds(LocalDate earliestDate, Duration maxSkew) {
        this.earliestDate = earliestDate;
        this.earliest = earliestDate.atStartOfDay(BUSINESS_OFFSET).toInstant().toEpochMilli();
        this.maxSkew = maxSkew;
    }

    /**
     * Why {@code eventTime} cannot be true, or null.
     *
     * @param now     the reference instant: the wall clock live, the as-of instant in a replay
     * @param nowName how the reason names that reference ("the wall clock", "--as-of")
     */
    public String violation(long eventTime, long now, String nowName) {
        if (eventTime < earliest) {
            return "event time " + format(eventTime) + " is before time.earliestEventDate " + earliestDate
                    + ": correct the sender's clock or the record's time field";
        }
        if (eventTime - now > maxSkew.toMillis()) {
            return "event time " + format(eventTime) + " is more than " + text(maxSkew)
                    + " (time.maxClockSkew) ahead of " + nowName + " " + format(now)
                    + ": correct the sender's clock or the record's time field";
        }
        return null;
    }

    private static String format(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atOffset(BUSINESS_OFFSET).toString();
    }

    private static String text(Duration d) {
        return d.toString().substring(2).toLowerCase();
    }
}
