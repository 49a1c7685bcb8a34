package org.paywatch.sim;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/**
 * Numbers that look like the county's real ones (credit codes, ID-card numbers, account numbers)
 * and are unique within one simulation. Check characters are computed as the national standards
 * define them, so that nobody mistakes a typo for a fake.
 */
final class CountyNumbers {
    /** Gaotai County's administrative division code: the first six digits of local ID cards. */
    static final String GAOTAI = "620724";

    private static final String CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static final int[] CREDIT_WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String ID_CHECK = "10X98765432";

    private final Random random;
    private final Set<String> issued = new HashSet<>();

    CountyNumbers(Random random) {
        this.random = random;
    }

    /**
     * A unified social credit code (GB 32100): department and type ("91" company, "11" government
     * body), the division code, a nine-character organisation code and the check character.
     */
    String creditCode(String kind, String division) {
        while (true) {
            StringBuilder code = new StringBuilder(kind).append(division);
            for (int i = 0; i < 9; i++) {
                code.append(CREDIT_CHARS.charAt(random.nextInt(i < 8 ? CREDIT_CHARS.length() : 10)));
            }
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += CREDIT_CHARS.indexOf(code.charAt(i)) * CREDIT_WEIGHTS[i];
            }
            code.append(CREDIT_CHARS.charAt((31 - sum % 31) % 31));
            if (issued.add(code.toString())) {
                return code.toString();
            }
        }
    }

    /** An 18-digit resident ID number of Gaotai (GB 11643); numbers whose check would be X are skipped. */
    String idCard(LocalDate birthday) {
        while (true) {
            String body = GAOTAI + birthday.toString().replace("-", "") + String.format("%03d", random.nextInt(1000));
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += (body.charAt(i) - '0') * ID_WEIGHTS[i];
            }
            char check = ID_CHECK.charAt(sum % 11);
            if (check != 'X' && issued.add(body + check)) {
                return body + check;
            }
        }
    }

    /** A 19-digit account or card number with the given leading digits. */
    String account(String prefix) {
        while (true) {
            StringBuilder n = new StringBuilder(prefix);
            while (n.length() < 19) {
                n.append(random.nextInt(10));
            }
            if (issued.add(n.toString())) {
                return n.toString();
            }
        }
    }
}
