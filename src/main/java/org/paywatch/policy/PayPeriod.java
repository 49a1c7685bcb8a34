package org.paywatch.policy;

import java.time.LocalDate;
import java.time.YearMonth;

/** A pay period is a calendar month; wages of M are due on the project's pay day in M+1. */
public final class PayPeriod {
    private PayPeriod() {}

    /** The period "YYYY-MM"; parsed by hand, as the daily reviews ask it of every period of every project. */
    public static YearMonth parse(String period) {
        if (period.length() == 7 && period.charAt(4) == '-') {
            try {
                return YearMonth.of(Integer.parseInt(period, 0, 4, 10), Integer.parseInt(period, 5, 7, 10));
            } catch (NumberFormatException | java.time.DateTimeException e) {
                // not the plain form: let YearMonth say what is wrong
            }
        }
        return YearMonth.parse(period);
    }

    /** The period "YYYY-MM" of a day, as LocalDate.toString begins; built without formatting (every clock-in). */
    public static String of(LocalDate day) {
        int year = day.getYear();
        if (year < 1000 || year > 9999) {
            return day.toString().substring(0, 7);
        }
        int month = day.getMonthValue();
        return new String(new char[] {
            (char) ('0' + year / 1000),
            (char) ('0' + year / 100 % 10),
            (char) ('0' + year / 10 % 10),
            (char) ('0' + year % 10),
            '-',
            (char) ('0' + month / 10),
            (char) ('0' + month % 10)
        });
    }

    /** The given day of the period "YYYY-MM". */
    public static LocalDate day(String period, int dayOfMonth) {
        return parse(period).atDay(dayOfMonth);
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
