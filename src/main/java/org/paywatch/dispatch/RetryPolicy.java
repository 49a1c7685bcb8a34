package org.paywatch.dispatch;

import java.time.Duration;
import org.paywatch.domain.ConfigurationProblem;

/**
 * How long to wait for an answer, how often to try, and how long to wait in between: the initial
 * backoff, doubling after each failed attempt, at most the maximum. The settings come from the job
 * file's {@code gateway} section, so a bad one is reported under that name.
 */
public record RetryPolicy(Duration timeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

    /** More would keep a message from being parked for hours, and hold up the ones behind it. */
    static final int MOST_ATTEMPTS = 100;

    public RetryPolicy {
        positive("gateway.timeout", timeout);
        positive("gateway.initialBackoff", initialBackoff);
        positive("gateway.maxBackoff", maxBackoff);
        if (maxAttempts < 1 || maxAttempts > MOST_ATTEMPTS) {
            throw new ConfigurationProblem(
                    "gateway.maxAttempts = " + maxAttempts + " is out of range: use 1 (no retry) to " + MOST_ATTEMPTS);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new ConfigurationProblem(
                    "gateway.maxBackoff = " + text(maxBackoff) + " is shorter than gateway.initialBackoff = "
                            + text(initialBackoff) + ": make it at least as long");
        }
    }

    /** The wait after the failed attempt number {@code attempt} (1 for the first): doubling, capped. */
    public Duration backoffAfter(int attempt) {
        Duration wait = initialBackoff;
        for (int i = 1; i < attempt; i++) {
            wait = wait.multipliedBy(2);
            if (wait.compareTo(maxBackoff) >= 0) {
                return maxBackoff;
            }
        }
        return wait;
    }

    /** The wait a gateway asked for (Retry-After), but never longer than the maximum backoff. */
    public Duration askedWait(Duration asked) {
        if (asked.isNegative()) {
            return Duration.ZERO;
        }
        return asked.compareTo(maxBackoff) > 0 ? maxBackoff : asked;
    }

    private static void positive(String key, Duration value) {
        if (value == null) {
            throw new ConfigurationProblem(key + " is missing: write a duration, e.g. 10s");
        }
        if (value.isNegative() || value.isZero()) {
            throw new ConfigurationProblem(key + " = " + text(value) + " is not positive: write a duration, e.g. 10s");
        }
    }

    /** As the job file writes it: 10s, 1m, 0.5s. */
    static String text(Duration d) {
        return d.toString().substring(2).toLowerCase();
    }
}
