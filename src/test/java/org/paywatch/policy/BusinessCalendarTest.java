package org.paywatch.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class BusinessCalendarTest {
    @Test
    void shouldGiveTheZoneRulesDayForEveryHourFromBeforeDaylightSavingEndedToNow() {
        long from = Instant.parse("1986-01-01T00:00:00Z").toEpochMilli();
        long to = Instant.parse("2031-01-01T00:00:00Z").toEpochMilli();
        for (long t = from; t < to; t += 3_600_000L - 1) {
            assertThat(BusinessCalendar.date(t))
                    .as("day of %s", Instant.ofEpochMilli(t))
                    .isEqualTo(Instant.ofEpochMilli(t)
                            .atZone(BusinessCalendar.ZONE)
                            .toLocalDate());
        }
    }

    @Test
    void shouldStartEachDayAtShanghaiMidnightAlsoInTheDaylightSavingYears() {
        for (LocalDate d = LocalDate.of(1986, 1, 1); d.isBefore(LocalDate.of(2031, 1, 1)); d = d.plusDays(1)) {
            assertThat(BusinessCalendar.startOfDay(d))
                    .as("start of %s", d)
                    .isEqualTo(d.atStartOfDay(BusinessCalendar.ZONE).toInstant().toEpochMilli());
        }
    }

    @Test
    void shouldPutTheLastMillisecondBeforeMidnightOnTheDayBefore() {
        long midnight = BusinessCalendar.startOfDay(LocalDate.of(2026, 12, 3));
        assertThat(BusinessCalendar.date(midnight - 1)).isEqualTo(LocalDate.of(2026, 12, 2));
        assertThat(BusinessCalendar.date(midnight)).isEqualTo(LocalDate.of(2026, 12, 3));
    }
}
