package org.paywatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Personal numbers for the dead-letter tests, chosen to share no 6 consecutive digits with each
 * other (but the two phones, both of the fictional 138-0000 block) nor with the other fields of the
 * records they are put in, and the check that none of them survives in an output.
 */
public final class PersonalData {
    /** Digit-heavy, like many banks' serial numbers: the bank needs it to find a rejected record. */
    public static final String DIGIT_HEAVY_TXN_ID = "202504100000000042";

    public static final String ID_CARD = "62072419840128726X";
    /** The first-generation ID card: 15 digits. */
    public static final String OLD_ID_CARD = "620724840128726";

    public static final String COUNTERPARTY_ACCOUNT = "6228480402564890018";
    public static final String COUNTERPARTY_NAME = "张三丰";
    /** A project's contacts: the general contractor's labour manager and the construction unit's contact. */
    public static final String LABOUR_MANAGER = "王建国";

    public static final String LABOUR_MANAGER_PHONE = "13800000417";
    public static final String UNIT_CONTACT = "李秀英";
    public static final String UNIT_CONTACT_PHONE = "13800002961";
    /** The longest account the tests use; shorter ones are its prefixes. */
    private static final String LONGEST_ACCOUNT = "955880371246093158274619305827";

    private PersonalData() {}

    /** An account number of {@code length} digits, 8 to 30. */
    public static String account(int length) {
        return LONGEST_ACCOUNT.substring(0, length);
    }

    /** Asserts that no 6 consecutive digits of any of {@code numbers} are in the payload or the reason. */
    public static void assertNoSixDigitsOf(List<String> numbers, byte[] payload, String reason) {
        String bytes = new String(payload, StandardCharsets.ISO_8859_1); // one char a byte: digits as they are
        List<String> leaked = numbers.stream()
                .flatMap(n -> sixDigitWindows(n).stream())
                .filter(six -> bytes.contains(six) || reason.contains(six))
                .toList();
        assertThat(leaked)
                .as("digits of a personal number in the payload %s or the reason %s", bytes, reason)
                .isEmpty();
    }

    private static List<String> sixDigitWindows(String number) {
        String digits = number.replaceAll("[^0-9]+$", "");
        assertThat(digits).as("a personal number for this check").matches("[0-9]{6,}");
        return IntStream.rangeClosed(0, digits.length() - 6)
                .mapToObj(i -> digits.substring(i, i + 6))
                .toList();
    }
}
