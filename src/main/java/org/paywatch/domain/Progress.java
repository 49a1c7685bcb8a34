package org.paywatch.domain;

/** Whoever follows a long task (a progress bar on a terminal): told now and then how far it has come. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (stage, records, fraction) -> {};

    /**
     * @param stage    what is being done, a word such as "sorting" or "writing"
     * @param records  records done so far in this stage
     * @param fraction how much of this stage is done, 0 to 1, or a negative number when not known
     */
    void advanced(String stage, long records, double fraction);
}
