package org.paywatch.policy;

import java.time.LocalDate;
import java.time.YearMonth;

/** A pay period is a calendar month; wages of M are due on the project's pay day in M+1. */
public final class PayPeriod {
    private PayPeriod() {}

    public static YearMonth parse(String period) {
        return YearMonth.parse(period);
    }

    /**
     * The day by which wages of {@code period} must be paid: the pay day of the next month
     * (clamped to that month's length), or its last day when the project sets none (RULES.md PW05).
     */
    public static LocalDate dueDate(String period, Integer payDay) {
        return dueDate(parse(period), payDay);
    }

    public static LocalDate dueDate(YearMonth period, Integer payDay) {
        YearMonth next = period.plusMonths(1);
        int day = payDay == null ? next.lengthOfMonth() : Math.min(payDay, next.lengthOfMonth());
        return next.atDay(day);
    }

    /** A payout with no wagePeriod is for the calendar month before its booking month (RULES.md). */
    public static String ofPayout(String wagePeriod, long bookedAt) {
        return wagePeriod != null
                ? wagePeriod
                : BusinessCalendar.period(bookedAt).minusMonths(1).toString();
    }
}
