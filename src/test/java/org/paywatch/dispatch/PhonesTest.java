package org.paywatch.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhonesTest {

    @Test
    void shouldKeepTheFirstThreeAndTheLastTwoDigits() {
        assertThat(Phones.mask("13900000001")).isEqualTo("139******01");
    }

    @Test
    void shouldMaskDigitsOnlyAndKeepSeparators() {
        assertThat(Phones.mask("139-5720-4816")).isEqualTo("139-****-**16");
    }

    @Test
    void shouldMaskAShortNumberWhole() {
        assertThat(Phones.mask("12345")).isEqualTo("*****");
        assertThat(Phones.mask("")).isEmpty();
    }
}
