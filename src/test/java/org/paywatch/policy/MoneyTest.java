package org.paywatch.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MoneyTest {
    @Test
    void shouldWriteFenAsYuanWithTwoDecimalsAndThousandsGroupedByCommas() {
        assertThat(Money.yuan(0)).isEqualTo("0.00元");
        assertThat(Money.yuan(5)).isEqualTo("0.05元");
        assertThat(Money.yuan(35_000)).isEqualTo("350.00元");
        assertThat(Money.yuan(9_240_000)).isEqualTo("92,400.00元");
        assertThat(Money.yuan(123_456_789_012L)).isEqualTo("1,234,567,890.12元");
        assertThat(Money.yuan(-123_456)).isEqualTo("-1,234.56元");
        assertThat(Money.yuan(-7)).isEqualTo("-0.07元");
    }

    @Test
    void shouldWriteWhatTheMessagesAlwaysSaidForAnyAmount() {
        // The messages of earlier releases used DecimalFormat("#,##0.00") (in a locale that groups by commas).
        DecimalFormat before = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        SplittableRandom random = new SplittableRandom(13);
        long[] edges = {Long.MAX_VALUE, Long.MIN_VALUE, 99, 100, 101, 99_999, 100_000, -100, -99_999_999};
        for (long fen : edges) {
            assertThat(Money.yuan(fen)).isEqualTo(before.format(BigDecimal.valueOf(fen, 2)) + "元");
        }
        for (int i = 0; i < 10_000; i++) {
            long fen = random.nextLong() >> random.nextInt(64);
            assertThat(Money.yuan(fen)).isEqualTo(before.format(BigDecimal.valueOf(fen, 2)) + "元");
        }
    }
}
