package org.paywatch.dispatch;

import java.util.regex.Pattern;

/** Phone numbers are personal data: whatever logs or prints one masks it here. */
public final class Phones {
    /** A mainland mobile number as carriers issue them: 11 digits, 1 then 3 to 9. */
    private static final Pattern MOBILE = Pattern.compile("1[3-9]\\d{9}");

    private static final int KEPT_AT_START = 3;
    private static final int KEPT_AT_END = 2;

    private Phones() {}

    /**
     * The number with its digits masked but the first 3 and the last 2, e.g. 139******01; other
     * characters (+, spaces, dashes) stay. A number of 5 digits or fewer is masked whole, or it would
     * show in full; null is "".
     */
    public static String mask(String phone) {
        if (phone == null) {
            return "";
        }
        long digits = phone.chars().filter(Character::isDigit).count();
        boolean keepAny = digits > KEPT_AT_START + KEPT_AT_END;
        StringBuilder masked = new StringBuilder(phone.length());
        int index = 0;
        for (char c : phone.toCharArray()) {
            if (!Character.isDigit(c)) {
                masked.append(c);
                continue;
            }
            boolean kept = keepAny && (index < KEPT_AT_START || index >= digits - KEPT_AT_END);
            masked.append(kept ? c : '*');
            index++;
        }
        return masked.toString();
    }

    /** Whether the text is a mobile number as written in the directory: 11 digits, nothing else. */
    public static boolean isMobile(String phone) {
        return phone != null && MOBILE.matcher(phone).matches();
    }
}
