package org.paywatch.policy;

import java.math.BigDecimal;
import java.text.DecimalFormat;

/** Money is integer fen; this only formats it in yuan for messages. */
public final class Money {
    private Money() {}

    /** e.g. 9240000 fen -> "92,400.00元". */
    public static String yuan(long fen) {
        return new DecimalFormat("#,##0.00").format(BigDecimal.valueOf(fen, 2)) + "元";
    }
}
