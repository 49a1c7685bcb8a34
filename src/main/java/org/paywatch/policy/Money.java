package org.paywatch.policy;

/** Money is integer fen; this only formats it in yuan for messages. */
public final class Money {
    private Money() {}

    /**
     * e.g. 9240000 fen -> "92,400.00元": thousands grouped by commas whatever the machine's locale (the messages are
     * part of the alerts, which a replay writes byte for byte), and without building a number format per call.
     */
    public static String yuan(long fen) {
        String digits = Long.toString(Math.abs(fen / 100));
        int cents = (int) Math.abs(fen % 100);
        StringBuilder s = new StringBuilder(digits.length() * 4 / 3 + 6);
        if (fen < 0) {
            s.append('-');
        }
        int group = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        s.append(digits, 0, group);
        for (int i = group; i < digits.length(); i += 3) {
            s.append(',').append(digits, i, i + 3);
        }
        return s.append('.')
                .append(cents < 10 ? "0" : "")
                .append(cents)
                .append('元')
                .toString();
    }
}
