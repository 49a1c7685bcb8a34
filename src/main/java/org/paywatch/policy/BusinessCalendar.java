package org.paywatch.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/** Business time is Asia/Shanghai: days, pay periods and deadlines are counted there. */
public final class BusinessCalendar {
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private static final long DAY_MILLIS = 86_400_000L;
    /**
     * Since its last transition (the end of daylight saving in 1991) the zone keeps one offset: from then on a day is
     * computed by arithmetic, as every record needs its day and the zone rules' lookup showed in profiles.
     */
    private static final long FIXED_SINCE;

    private static final long FIXED_OFFSET_MILLIS;

    static {
        ZoneRules rules = ZONE.getRules();
        Instant far = Instant.parse("3000-01-01T00:00:00Z");
        ZoneOffsetTransition last = rules.previousTransition(far);
        FIXED_SINCE = last == null ? Long.MIN_VALUE : last.getInstant().toEpochMilli();
        FIXED_OFFSET_MILLIS = rules.getOffset(far).getTotalSeconds() * 1000L;
    }

    private BusinessCalendar() {}

    public static LocalDate date(long epochMillis) {
        if (epochMillis >= FIXED_SINCE && epochMillis < Long.MAX_VALUE - FIXED_OFFSET_MILLIS) {
            return LocalDate.ofEpochDay(Math.floorDiv(epochMillis + FIXED_OFFSET_MILLIS, DAY_MILLIS));
        }
        return Instant.ofEpochMilli(epochMillis).atZone(ZONE).toLocalDate();
    }

    public static YearMonth period(long epochMillis) {
        return YearMonth.from(date(epochMillis));
    }

    public static long startOfDay(LocalDate day) {
        if (day.getYear() > 1991 && day.getYear() < 10_000) {
            return day.toEpochDay() * DAY_MILLIS - FIXED_OFFSET_MILLIS;
        }
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
