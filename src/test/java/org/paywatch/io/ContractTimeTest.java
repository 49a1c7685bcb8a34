package org.paywatch.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The quick reading of the feeds' own timestamp form accepts and refuses exactly what ISO-8601 parsing does. */
class ContractTimeTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-06-01T08:30:00+08:00",
                "2025-12-31T23:59:59-05:30",
                "2024-02-29T00:00:00+00:00",
                "2025-06-01T08:30:00+18:00",
                "2025-06-01T08:30:00.250+08:00",
                "2025-06-01T08:30+08:00",
                "2025-06-01T00:30:00Z",
                "+12025-06-01T08:30:00+08:00",
                "2025-06-01T08:30:00+08:00:30"
            })
    void shouldReadAnInstantAsTheIsoParserDoes(String text) {
        assertThat(ContractTime.parseInstant(text))
                .isEqualTo(OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                        .toInstant());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2025-02-29T08:30:00+08:00",
                "2025-06-31T08:30:00+08:00",
                "2025-06-01T24:00:00+08:00",
                "2025-06-01T08:60:00+08:00",
                "2025-06-01T08:30:60+08:00",
                "2025-06-01T08:30:00+19:00",
                "2025-06-01T08:30:00+08:60",
                "2025-13-01T08:30:00+08:00",
                "2025-06-01 08:30:00+08:00",
                "2025-06-0AT08:30:00+08:00",
                "2025-06-01T08:30:00*08:00",
                "2025-06-01T08:30:00"
            })
    void shouldRefuseWhatTheIsoParserRefusesWithItsReason(String text) {
        String reason = null;
        try {
            OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeException e) {
            reason = e.getMessage();
        }
        assertThat(reason).as("the ISO parser refuses it").isNotNull();
        assertThatThrownBy(() -> ContractTime.parseInstant(text))
                .isInstanceOf(DateTimeException.class)
                .hasMessage(reason);
    }
}
