package org.paywatch.io;

import java.util.regex.Pattern;

/**
 * A record that breaks the public data contract (CONTRACTS.md): bad JSON, a missing field, an
 * unknown enum symbol, Avro bytes that do not decode.
 *
 * <p>Checked on purpose: every decode site must decide where a bad record goes (the dead-letter
 * topic, the replay's {@code .rejected} file) instead of failing the job.
 *
 * <p>The message is written for the bank or vendor that sent the record and goes to logs and the
 * dead-letter topic, so it names fields and enum symbols but never field values: no ID-card or
 * bank-card number can leak through it. For the same reason it carries no cause, whose message
 * (Jackson's, Avro's) may quote the input.
 */
public final class ContractViolation extends Exception {

    private static final long serialVersionUID = 1L;

    // Runs of 4+ digits in text we did not write ourselves may be part of an ID or card number.
    private static final Pattern DIGIT_RUN = Pattern.compile("\\d{4,}");

    public ContractViolation(String message) {
        super(message);
    }

    /** Text from a third-party library, with anything that could be part of a number masked. */
    static String masked(String foreignText) {
        if (foreignText == null) {
            return "";
        }
        return DIGIT_RUN.matcher(foreignText).replaceAll("***");
    }
}
