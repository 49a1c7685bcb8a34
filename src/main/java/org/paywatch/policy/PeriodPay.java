package org.paywatch.policy;

import java.util.Arrays;

/**
 * What was paid for one pay period, by worker number (a project book's roster): the net fen (payouts less returns)
 * and who had a payout booked for it at all, so that a payout returned in full still shows who was paid (PW10).
 * Arrays rather than maps: a checkpoint then holds eight bytes a worker, not a boxed key and value.
 */
public class PeriodPay {
    /** Net fen by worker number; 0 beyond the end. */
    public long[] fen = new long[0];
    /** Bit n of word n / 64: worker n had a payout booked for the period. */
    public long[] payees = new long[0];

    /** Books a payout (or, negative, a return) for worker n of a roster of {@code workers}. */
    void book(int n, long amountFen, int workers) {
        if (fen.length <= n) {
            fen = Arrays.copyOf(fen, Math.max(n + 1, workers));
        }
        if (payees.length <= n >> 6) {
            payees = Arrays.copyOf(payees, (fen.length + 63) >> 6);
        }
        fen[n] += amountFen;
        payees[n >> 6] |= 1L << n;
    }

    boolean paidTo(int n) {
        return n >= 0 && n >> 6 < payees.length && (payees[n >> 6] & 1L << n) != 0;
    }

    long fen(int n) {
        return n >= 0 && n < fen.length ? fen[n] : 0;
    }

    /** The highest worker number that may have been paid, plus one. */
    int size() {
        return fen.length;
    }
}
