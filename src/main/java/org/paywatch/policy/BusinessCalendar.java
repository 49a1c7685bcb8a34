package org.paywatch.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/** Business time is Asia/Shanghai: days, pay periods and deadlines are counted there. */
public final class BusinessCalendar {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private BusinessCalendar() {}

    public static LocalDate date(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis).atZone(ZONE).toLocalDate();
    }

    public static YearMonth period(long epochMillis) {
        return YearMonth.from(date(epochMillis));
    }

    public static long startOfDay(LocalDate day) {
        return day.atStartOfDay(ZONE).toInstant().toEpochMilli();
    }

    /** The first midnight strictly after the given instant. */
    public static long nextMidnight(long epochMillis) {
        return startOfDay(date(epochMillis).plusDays(1));
    }

    public static long daysBetween(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to);
    }
}
