package org.paywatch.io;

import java.time.Instant;
import java.time.LocalDate;
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

  private static final DateTimeFormatter WHOLE_SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");
  private static final DateTimeFormatter WITH_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSxxx");

  private ContractTime() {}

  /** An ISO-8601 instant with offset; throws {@code DateTimeException} on any other text. */
  static Instant parseInstant(String text) {
    return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  public static String formatInstant(long epochMillis) {
    OffsetDateTime time = Instant.ofEpochMilli(epochMillis).atOffset(BUSINESS_OFFSET);
    return (epochMillis % 1000 == 0 ? WHOLE_SECONDS : WITH_MILLIS).format(time);
  }

  /** Days since 1970-01-01 of a strict {@code YYYY-MM-DD} date; throws on any other text. */
  static int parseDate(String text) {
    return Math.toIntExact(LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE).toEpochDay());
  }

  static String formatDate(int epochDay) {
    return LocalDate.ofEpochDay(epochDay).format(DateTimeFormatter.ISO_LOCAL_DATE);
  }
}
