package org.paywatch.domain;

/**
 * Why a record was dead-lettered, as a category that counters and dashboards can group by; the
 * reason text of each dead letter says the particulars.
 */
public enum RejectionCause {
    /** The bytes are not a record of the feed's contract: not Avro (or JSON in a replay) of a known schema version. */
    UNDECODABLE("undecodable"),
    /** It decodes but breaks a rule of CONTRACTS.md: a negative amount, a missing payee, a bad pay period. */
    CONTRACT("contract"),
    /** Larger than entry.maxRecordBytes. */
    OVERSIZED("oversized"),
    /** An event time that cannot be true: before time.earliestEventDate, or too far ahead of the clock or --as-of. */
    IMPOSSIBLE_TIME("impossibleTime"),
    /** Its account, enterprise or project was not registered within the grace period. */
    UNREGISTERED("unregistered"),
    /** A txnId received before with other content (CONTRACTS.md, "Re-sent and conflicting records"). */
    CONFLICT("conflict");

    /** The form in metrics labels and in the dead letter's {@code cause} field. */
    public final String label;

    RejectionCause(String label) {
        this.label = label;
    }
}
