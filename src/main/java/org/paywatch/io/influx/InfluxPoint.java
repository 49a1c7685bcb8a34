package org.paywatch.io.influx;

import java.io.Serializable;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One InfluxDB point, as a plain POJO that Flink can carry between operators: a measurement, a
 * sorted tag set, field values and a time in epoch milliseconds.
 *
 * <p>InfluxDB identifies a point by measurement + tags + time: writing the same point again
 * overwrites it, so replays after a Flink restart do not duplicate data.
 */
public class InfluxPoint implements Serializable {

    private static final long serialVersionUID = 1L;

    public String measurement;
    /** Rendered in key order, so the same point is always the same line. Empty values are left out. */
    public SortedMap<String, String> tags = new TreeMap<>();
    /** Long/Integer/Short/Byte (integer), Double/Float, Boolean or String values. */
    public Map<String, Object> fields = new TreeMap<>();

    public long timestampMillis;

    public InfluxPoint() {}

    public InfluxPoint(String measurement, long timestampMillis) {
        this.measurement = measurement;
        this.timestampMillis = timestampMillis;
    }

    public InfluxPoint tag(String key, String value) {
        tags.put(key, value);
        return this;
    }

    public InfluxPoint field(String key, Object value) {
        if (value != null && !isSupported(value)) {
            throw unstorable(key, value);
        }
        fields.put(key, value);
        return this;
    }

    /**
     * The point in InfluxDB line protocol with millisecond precision.
     *
     * @throws IllegalStateException if there is no measurement or no storable field value
     * @throws IllegalArgumentException if a field value has a type InfluxDB cannot store
     */
    public String toLineProtocol() {
        if (measurement == null || measurement.isEmpty()) {
            throw new IllegalStateException("point has no measurement: " + this.fields);
        }
        StringBuilder line = new StringBuilder(64);
        appendEscaped(line, measurement, false);
        for (Map.Entry<String, String> tag : inKeyOrder(tags).entrySet()) {
            if (isEmpty(tag.getKey()) || isEmpty(tag.getValue())) {
                continue; // InfluxDB rejects the whole line for an empty tag value
            }
            line.append(',');
            appendEscaped(line, tag.getKey(), true);
            line.append('=');
            appendEscaped(line, tag.getValue(), true);
        }
        char separator = ' ';
        for (Map.Entry<String, Object> field : inKeyOrder(fields).entrySet()) {
            Object value = field.getValue();
            if (isEmpty(field.getKey()) || value == null || isNonFinite(value)) {
                continue; // InfluxDB has no null, NaN or infinity
            }
            line.append(separator);
            appendEscaped(line, field.getKey(), true);
            line.append('=');
            appendValue(line, field.getKey(), value);
            separator = ',';
        }
        if (separator == ' ') {
            throw new IllegalStateException(
                    "point " + measurement + tags + " has no field InfluxDB can store: " + fields);
        }
        return line.append(' ').append(timestampMillis).toString();
    }

    // The public fields may hold any map (or null): Flink's serializer, for one, turns the field
    // map into a HashMap. Sorting here keeps the rendered line the same wherever the point has been.
    private static <V> SortedMap<String, V> inKeyOrder(Map<String, V> map) {
        if (map instanceof SortedMap<String, V> sorted && sorted.comparator() == null) {
            return sorted;
        }
        SortedMap<String, V> sorted = new TreeMap<>();
        if (map != null) {
            sorted.putAll(map);
        }
        return sorted;
    }

    private static void appendEscaped(StringBuilder line, String text, boolean escapeEquals) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case ',', ' ' -> line.append('\\').append(c);
                case '=' -> line.append(escapeEquals ? "\\=" : "=");
                // Line protocol has no escape for line breaks outside string fields.
                case '\n', '\r' -> line.append("\\ ");
                default -> line.append(c);
            }
        }
    }

    private static void appendValue(StringBuilder line, String key, Object value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            line.append(((Number) value).longValue()).append('i');
        } else if (value instanceof Double || value instanceof Float || value instanceof Boolean) {
            line.append(value);
        } else if (value instanceof String text) {
            line.append('"');
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '"' || c == '\\') {
                    line.append('\\');
                }
                line.append(c);
            }
            line.append('"');
        } else {
            throw unstorable(key, value);
        }
    }

    /** What is thrown for a field value of a type InfluxDB cannot store, wherever it is found. */
    public static IllegalArgumentException unstorable(String key, Object value) {
        return new IllegalArgumentException("field " + key + " has a "
                + value.getClass().getName() + " value; InfluxDB stores integers, floats, booleans and strings");
    }

    private static boolean isSupported(Object value) {
        return value instanceof Long
                || value instanceof Integer
                || value instanceof Short
                || value instanceof Byte
                || value instanceof Double
                || value instanceof Float
                || value instanceof Boolean
                || value instanceof String;
    }

    private static boolean isNonFinite(Object value) {
        return (value instanceof Double d && !Double.isFinite(d)) || (value instanceof Float f && !Float.isFinite(f));
    }

    private static boolean isEmpty(String text) {
        return text == null || text.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InfluxPoint other
                && timestampMillis == other.timestampMillis
                && Objects.equals(measurement, other.measurement)
                && Objects.equals(tags, other.tags)
                && Objects.equals(fields, other.fields);
    }

    @Override
    public int hashCode() {
        return Objects.hash(measurement, tags, fields, timestampMillis);
    }

    @Override
    public String toString() {
        return "InfluxPoint{" + measurement + tags + fields + " @" + timestampMillis + "}";
    }
}
