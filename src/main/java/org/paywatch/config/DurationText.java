package org.paywatch.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paywatch.domain.ConfigurationProblem;

/**
 * A duration as the county's files write it: a number and a unit, "250ms", "30s", "10m", "24h" or "400d". Job files
 * are read into {@link Duration} fields once, at load ({@link JobConfigFile}); nothing re-parses them later.
 */
public final class DurationText {
    /** What a county officer is told to write when a duration is wrong. */
    public static final String FIX = "write a number and a unit, e.g. 30s, 10m, 24h or 400d";

    private static final Pattern SHAPE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private DurationText() {}

    /** The duration {@code value} of setting {@code key}, or one sentence naming the key and the fix. */
    public static Duration parse(String key, String value) {
        Duration d = parseOrNull(value);
        if (d == null) {
            throw new ConfigurationProblem(key + " = " + value + " is not a duration: " + FIX);
        }
        return d;
    }

    /** The shortest text {@link #parse} reads back as {@code d}: "400d" rather than "9600h". */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % Duration.ofDays(1).toMillis() == 0 && ms != 0) {
            return d.toDays() + "d";
        }
        if (ms % Duration.ofHours(1).toMillis() == 0 && ms != 0) {
            return d.toHours() + "h";
        }
        if (ms % Duration.ofMinutes(1).toMillis() == 0 && ms != 0) {
            return d.toMinutes() + "m";
        }
        if (ms % 1000 == 0) {
            return d.toSeconds() + "s";
        }
        return ms + "ms";
    }

    /** The duration, or null when {@code value} is not one. */
    static Duration parseOrNull(String value) {
        Matcher m = value == null ? null : SHAPE.matcher(value.trim());
        if (m == null || !m.matches()) {
            return null;
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }
}
