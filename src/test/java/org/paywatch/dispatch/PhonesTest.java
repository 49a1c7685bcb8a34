package org.paywatch.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhonesTest {
    @Test
    void shouldKeepTheFirstThreeAndTheLastTwoDigits() {
        assertThat(Phones.mask("13900000001")).isEqualTo("139******01");
        assertThat(Phones.mask("093655123456")).isEqualTo("093*******56");
    }

    @Test
    void shouldMaskDigitsOnlyAndKeepSeparators() {
        assertThat(Phones.mask("139-5720-4816")).isEqualTo("139-****-**16");
    }

    @Test
    void shouldMaskAShortNumberWholeAndNothingAsEmpty() {
        assertThat(Phones.mask("12345")).isEqualTo("*****");
        assertThat(Phones.mask("")).isEmpty();
        assertThat(Phones.mask(null)).isEmpty();
    }

    @Test
    void shouldTakeOnlyMobileNumbersAsWritten() {
        assertThat(Phones.isMobile("13800000001")).isTrue();
        assertThat(Phones.isMobile("19912345678")).isTrue();
        assertThat(Phones.isMobile("12800000001")).isFalse();
        assertThat(Phones.isMobile("+8613800000001")).isFalse();
        assertThat(Phones.isMobile("138 0000 0001")).isFalse();
        assertThat(Phones.isMobile("09365512345")).isFalse();
    }
}
