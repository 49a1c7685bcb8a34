package org.paywatch.policy;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.paywatch.domain.ConfigurationProblem;

/**
 * The configured name, basis and thresholds of one rule, as the job file holds them; a rule reads them
 * through {@link #bound}.
 */
public class RuleSettings implements java.io.Serializable {
    private static final long serialVersionUID = 1L;

    public String name;
    public String basis;
    public Map<String, Double> thresholds = new LinkedHashMap<>();
    /** Values that differ by category or town, each with a "default" row. */
    public Map<String, Map<String, Double>> tables = new LinkedHashMap<>();

    /** The settings as the rule {@code id} reads them: paths in problems name the rule, and what it reads is tracked. */
    public Bound bound(String id) {
        return new Bound(this, id);
    }

    public static double row(Map<String, Double> table, String key) {
        return key != null && table.containsKey(key) ? table.get(key) : table.get("default");
    }

    /**
     * One rule's settings, bound to its id. The rule reads each threshold it needs with its allowed range;
     * what it does not read is an unknown key, reported by {@link #checkAllRead} once the rule is built.
     */
    public static final class Bound {
        private final RuleSettings settings;
        private final String id;
        private final Set<String> read = new LinkedHashSet<>();
        private final Set<String> readTables = new LinkedHashSet<>();

        private Bound(RuleSettings settings, String id) {
            this.settings = settings;
            this.id = id;
        }

        public String id() {
            return id;
        }

        public RuleInfo info() {
            if (settings.name == null || settings.name.isBlank()) {
                throw new ConfigurationProblem("rules." + id + ".name is missing: give the rule's Chinese name");
            }
            if (settings.basis == null || settings.basis.isBlank()) {
                throw new ConfigurationProblem(
                        "rules." + id + ".basis is missing: cite the clause the rule implements");
            }
            return new RuleInfo(id, settings.name, settings.basis);
        }

        /** A threshold that must be present and lie in [min, max]. */
        public double threshold(String key, double min, double max) {
            read.add(key);
            Double value = settings.thresholds == null ? null : settings.thresholds.get(key);
            String path = "rules." + id + ".thresholds." + key;
            if (value == null) {
                throw new ConfigurationProblem(
                        path + " is missing: set it to a number from " + fmt(min) + " to " + fmt(max));
            }
            if (value < min || value > max || value.isNaN()) {
                throw new ConfigurationProblem(
                        path + " = " + fmt(value) + " is out of range: allowed is " + fmt(min) + " to " + fmt(max));
            }
            return value;
        }

        public int days(String key, int min, int max) {
            double v = threshold(key, min, max);
            if (v != Math.rint(v)) {
                throw new ConfigurationProblem(
                        "rules." + id + ".thresholds." + key + " = " + fmt(v) + " must be a whole number");
            }
            return (int) v;
        }

        /** A whole number (days, months, workers) that must be present and lie in [min, max]. */
        public int count(String key, int min, int max) {
            return days(key, min, max);
        }

        /**
         * A table of values by key (a category, a town) with a required "default" row; every value in [min, max].
         * Returned as given; look rows up with {@link RuleSettings#row}.
         */
        public Map<String, Double> table(String name, double min, double max) {
            readTables.add(name);
            String path = "rules." + id + ".tables." + name;
            Map<String, Double> t = settings.tables == null ? null : settings.tables.get(name);
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

        /** Fails on a configured threshold or table that the rule does not have. */
        public void checkAllRead() {
            Set<String> unknown = new TreeSet<>(settings.thresholds == null ? Set.of() : settings.thresholds.keySet());
            unknown.removeAll(read);
            Set<String> unknownTables = new TreeSet<>(settings.tables == null ? Set.of() : settings.tables.keySet());
            unknownTables.removeAll(readTables);
            if (!unknownTables.isEmpty()) {
                throw new ConfigurationProblem("rules." + id + ".tables."
                        + unknownTables.iterator().next() + " is not a table of " + id
                        + (readTables.isEmpty() ? ": it has none" : ": allowed are " + String.join(", ", readTables)));
            }
            if (!unknown.isEmpty()) {
                throw new ConfigurationProblem(
                        "rules." + id + ".thresholds." + unknown.iterator().next() + " is not a threshold of " + id
                                + (read.isEmpty() ? ": it has none" : ": allowed are " + String.join(", ", read)));
            }
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
