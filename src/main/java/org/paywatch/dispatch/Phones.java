package org.paywatch.dispatch;

/** Phone numbers are personal data: every log line and printout shows them masked. */
public final class Phones {
    private Phones() {}

    /** Keeps the first 3 and the last 2 digits: 138******01. */
    public static String mask(String phone) {
        if (phone == null) {
            return null;
        }
        if (phone.length() <= 5) {
            return "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 5) + phone.substring(phone.length() - 2);
    }
}
