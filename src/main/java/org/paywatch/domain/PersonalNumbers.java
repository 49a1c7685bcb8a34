package org.paywatch.domain;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * ID-card and bank-card numbers never leave the entry operator in clear: known fields are replaced
 * by a keyed HMAC pseudonym (stable, so the same worker or account joins across feeds), and bytes
 * that could not be parsed are masked.
 */
public final class PersonalNumbers {
    private final Mac mac;

    public PersonalNumbers(byte[] key) {
        if (key == null || key.length < 16) {
            throw new IllegalArgumentException("the pseudonymisation key must be at least 16 bytes");
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Pseudonym of an ID-card number, e.g. "W-3f9a…"; upper-cased first so "x" and "X" agree. */
    public String worker(String idCardNo) {
        return idCardNo == null ? null : "W-" + hmac("worker:" + idCardNo.trim().toUpperCase());
    }

    /** Pseudonym of a bank account number, e.g. "A-71c2…". */
    public String account(String accountNo) {
        return accountNo == null ? null : "A-" + hmac("account:" + accountNo.trim());
    }

    /** Replaces every personal number of a decoded record by its pseudonym, in place. */
    public void pseudonymise(FeedEvent e) {
        switch (e.feed) {
            case PROJECTS -> e.project.payrollAccountNo = account(e.project.payrollAccountNo);
            case WORKERS -> e.worker.workerId = worker(e.worker.workerId);
            case CLOCKINS -> e.clockIn.workerId = worker(e.clockIn.workerId);
            case BANK -> {
                e.bank.accountNo = account(e.bank.accountNo);
                e.bank.counterpartyAccountNo = account(e.bank.counterpartyAccountNo);
                e.bank.workerId = worker(e.bank.workerId);
            }
            case PROGRESS, TAX -> {
                // no personal numbers
            }
        }
    }

    private String hmac(String value) {
        byte[] digest = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 12);
    }

    /**
     * Masks every run of 15 or more digits (an ID-card or bank-card number; an ID card may end in X)
     * but its last four, keeping the length so the bytes keep their shape for the sender's engineers.
     */
    public static byte[] mask(byte[] payload) {
        if (payload == null) {
            return new byte[0];
        }
        byte[] out = payload.clone();
        int i = 0;
        while (i < out.length) {
            if (!isDigit(out[i])) {
                i++;
                continue;
            }
            int start = i;
            while (i < out.length && isDigit(out[i])) {
                i++;
            }
            int end = i < out.length && (out[i] == 'X' || out[i] == 'x') && i - start == 17 ? i + 1 : i;
            if (end - start >= 15) {
                for (int j = start; j < end - 4; j++) {
                    out[j] = '*';
                }
            }
            i = end;
        }
        return out;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
