package org.paywatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PersonalNumbersTest {
    private final PersonalNumbers numbers = new PersonalNumbers("a-test-key-of-sixteen+".getBytes(StandardCharsets.UTF_8));

    @Test
    void shouldGiveTheSameWorkerTheSamePseudonymInEveryFeed() {
        assertThat(numbers.worker("62072419840128726X")).isEqualTo(numbers.worker("62072419840128726x"))
                .startsWith("W-").doesNotContain("620724");
    }

    @Test
    void shouldGiveDifferentPseudonymsUnderAnotherKey() {
        PersonalNumbers other = new PersonalNumbers("another-key-sixteen!!".getBytes(StandardCharsets.UTF_8));
        assertThat(other.worker("620724198401287260")).isNotEqualTo(numbers.worker("620724198401287260"));
    }

    @Test
    void shouldKeepAccountsAndWorkersApartEvenForTheSameDigits() {
        assertThat(numbers.account("6252601815908301661")).startsWith("A-").isNotEqualTo(numbers.worker("6252601815908301661"));
    }

    @Test
    void shouldMaskIdAndCardNumbersButTheirLastFourDigitsKeepingTheLength() {
        byte[] raw = "{\"workerId\": \"62072419840128726X\", \"accountNo\": \"6252601815908301661\", \"amountFen\": 35000}"
                .getBytes(StandardCharsets.UTF_8);
        String masked = new String(PersonalNumbers.mask(raw), StandardCharsets.UTF_8);
        assertThat(masked).hasSize(new String(raw, StandardCharsets.UTF_8).length())
                .contains("**************726X", "***************1661", "35000")
                .doesNotContain("620724", "62526018");
    }

    @Test
    void shouldLeaveShortNumbersSuchAsAmountsAndDatesAlone() {
        byte[] raw = "2025-06-20 12000000 12345678901234".getBytes(StandardCharsets.UTF_8);
        assertThat(PersonalNumbers.mask(raw)).isEqualTo(raw);
    }
}
