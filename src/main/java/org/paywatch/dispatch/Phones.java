package org.paywatch.dispatch;

import java.util.regex.Pattern;

/** Phone numbers are personal data: whatever logs or prints one masks it here. */
public final class Phones {
    /** A mainland mobile number as carriers issue them: 11 digits, 1 then 3 to 9. */
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

    private Phones() {}

    /** Keeps the first 3 and the last 2 characters, e.g. 13900000001 -> 139******01; a short one is masked whole. */
    public static String mask(String phone) {
        if (phone == null) {
            return "";
        }
        if (phone.length() < 6) {
            return "*".repeat(phone.length());
        }
        return phone.substring(0, 3) + "*".repeat(phone.length() - 5) + phone.substring(phone.length() - 2);
    }

    /** Whether an SMS can reach it: a landline or a number with spaces or +86 cannot be sent to as written. */
    public static boolean isMobile(String phone) {
        return phone != null && MOBILE.matcher(phone).matches();
    }
}
