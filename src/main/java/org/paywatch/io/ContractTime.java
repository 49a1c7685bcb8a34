package org.paywatch.io;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The contract's text forms of instants and dates.
 *
 * <p>Instants are written in one deterministic form, at the fixed offset +08:00 (business time is
 * Asia/Shanghai, which has kept +08:00 since 1991; a fixed offset keeps output independent of the
 * tz database): always with seconds, with exactly three fraction digits only when the millis are
 * not zero: {@code 2025-06-01T00:00:00+08:00}, {@code 2025-06-01T00:00:00.250+08:00}.
 * Any ISO-8601 offset is accepted on input.
 */
public final class ContractTime {

    static final ZoneOffset BUSINESS_OFFSET = ZoneOffset.ofHours(8);

    private static final DateTimeFormatter WHOLE_SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
    private static final DateTimeFormatter WITH_MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

    private ContractTime() {}

    /** An ISO-8601 instant with offset; throws {@code DateTimeException} on any other text. */
    static Instant parseInstant(String text) {
        Instant written = parseWrittenForm(text);
        return written != null
                ? written
                : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant();
    }

    /**
     * The form every feed writes, {@code 2025-06-01T08:30:00+08:00}, read without the general parser, which
     * took a quarter of a replay's reading; null for any other text, and for a date or time that does not
     * exist, so that the general parser accepts or refuses it as always.
     */
    private static Instant parseWrittenForm(String text) {
        if (text.length() != 25
                || text.charAt(4) != '-'
                || text.charAt(7) != '-'
                || text.charAt(10) != 'T'
                || text.charAt(13) != ':'
                || text.charAt(16) != ':'
                || text.charAt(22) != ':'
                || (text.charAt(19) != '+' && text.charAt(19) != '-')) {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        int offsetHours = digits(text, 20, 2);
        int offsetMinutes = digits(text, 23, 2);
        if ((year | month | day | hour | minute | second | offsetHours | offsetMinutes) < 0) {
            return null;
        }
        int sign = text.charAt(19) == '-' ? -1 : 1;
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second)
                    .toInstant(ZoneOffset.ofHoursMinutes(sign * offsetHours, sign * offsetMinutes));
        } catch (DateTimeException doesNotExist) {
            return null;
        }
    }

    /** The number of {@code count} ASCII digits from {@code from}, or -1 if one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    public static String formatInstant(long epochMillis) {
        OffsetDateTime time = Instant.ofEpochMilli(epochMillis).atOffset(BUSINESS_OFFSET);
        return (epochMillis % 1000 == 0 ? WHOLE_SECONDS : WITH_MILLIS).format(time);
    }

    /** Days since 1970-01-01 of a strict {@code YYYY-MM-DD} date; throws on any other text. */
    static int parseDate(String text) {
        return Math.toIntExact(
                LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).toEpochDay());
    }

    static String formatDate(int epochDay) {
        return LocalDate.ofEpochDay(epochDay).format(DateTimeFormatter.ISO_LOCAL_DATE);
    }
}
