package org.paywatch.policy.rules;

import java.text.DecimalFormat;

/** Shares in messages: 0.8 -> "80%", 0.7925 -> "79.3%" (one decimal at most). */
public final class Percent {
    private Percent() {}

    public static String of(double share) {
        return new DecimalFormat("0.#").format(share * 100) + "%";
    }
}
