package org.paywatch.policy;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The configured name, basis and thresholds of one rule. A rule reads each threshold it needs
 * with its allowed range; what it does not read is an unknown key, reported by {@link #checkAllRead}.
 */
public class RuleSettings implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public String name;
    public String basis;
    public Map<String, Double> thresholds = new LinkedHashMap<>();
    /** Values that differ by category or town, each with a "default" row. */
    public Map<String, Map<String, Double>> tables = new LinkedHashMap<>();

    private final Set<String> read = new LinkedHashSet<>();
    private final Set<String> readTables = new LinkedHashSet<>();

    public RuleInfo info(String id) {
        if (name == null || name.isBlank()) {
            throw new ConfigurationProblem("rules." + id + ".name is missing: give the rule's Chinese name");
        }
        if (basis == null || basis.isBlank()) {
            throw new ConfigurationProblem("rules." + id + ".basis is missing: cite the clause the rule implements");
        }
        return new RuleInfo(id, name, basis);
    }

    /** A threshold that must be present and lie in [min, max]. */
    public double threshold(String id, String key, double min, double max) {
        read.add(key);
        Double value = thresholds == null ? null : thresholds.get(key);
        String path = "rules." + id + ".thresholds." + key;
        if (value == null) {
            throw new ConfigurationProblem(path + " is missing: set it to a number from " + fmt(min) + " to " + fmt(max));
        }
        if (value < min || value > max || value.isNaN()) {
            throw new ConfigurationProblem(path + " = " + fmt(value) + " is out of range: allowed is " + fmt(min) + " to " + fmt(max));
        }
        return value;
    }

    public int days(String id, String key, int min, int max) {
        double v = threshold(id, key, min, max);
        if (v != Math.rint(v)) {
            throw new ConfigurationProblem("rules." + id + ".thresholds." + key + " = " + fmt(v) + " must be a whole number");
        }
        return (int) v;
    }

    /**
     * A table of values by key (a category, a town) with a required "default" row; every value in [min, max].
     * Returned as given; look rows up with {@link #row}.
     */
    public Map<String, Double> table(String id, String name, double min, double max) {
        readTables.add(name);
        String path = "rules." + id + ".tables." + name;
        Map<String, Double> t = tables == null ? null : tables.get(name);
        if (t == null || !t.containsKey("default")) {
            throw new ConfigurationProblem(path + ".default is missing: give the value for every key not listed");
        }
        for (Map.Entry<String, Double> e : t.entrySet()) {
            if (e.getValue() == null || e.getValue() < min || e.getValue() > max) {
                throw new ConfigurationProblem(path + "." + e.getKey() + " = " + e.getValue()
                        + " is out of range: allowed is " + fmt(min) + " to " + fmt(max));
            }
        }
        return new LinkedHashMap<>(t);
    }

    public static double row(Map<String, Double> table, String key) {
        return key != null && table.containsKey(key) ? table.get(key) : table.get("default");
    }

    /** A whole number (days, months, workers) that must be present and lie in [min, max]. */
    public int count(String id, String key, int min, int max) {
        return days(id, key, min, max);
    }

    /** Fails on a configured threshold that the rule does not have. */
    public void checkAllRead(String id) {
        Set<String> unknown = new TreeSet<>(thresholds == null ? Set.of() : thresholds.keySet());
        unknown.removeAll(read);
        Set<String> unknownTables = new TreeSet<>(tables == null ? Set.of() : tables.keySet());
        unknownTables.removeAll(readTables);
        if (!unknownTables.isEmpty()) {
            throw new ConfigurationProblem("rules." + id + ".tables." + unknownTables.iterator().next()
                    + " is not a table of " + id + (readTables.isEmpty() ? ": it has none" : ": allowed are " + String.join(", ", readTables)));
        }
        if (!unknown.isEmpty()) {
            throw new ConfigurationProblem("rules." + id + ".thresholds." + unknown.iterator().next()
                    + " is not a threshold of " + id + (read.isEmpty() ? ": it has none" : ": allowed are " + String.join(", ", read)));
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
