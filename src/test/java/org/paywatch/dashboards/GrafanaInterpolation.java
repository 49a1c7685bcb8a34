package org.paywatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A raw InfluxQL query with its variables put in as Grafana 11's InfluxDB data source puts them: {@code $timeFilter}
 * as {@code time >= …ms and time <= …ms}; a multi-value or include-All variable as the regex alternation of its
 * escaped values, {@code (城关镇|宣化镇)}, a single value escaped alone; All as the variable's custom all value when
 * it has one, unformatted, else as every option; {@code ${name:raw}} as the values themselves.
 */
final class GrafanaInterpolation {
    static final String ALL = "$__all";
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{(\\w+)(?::(\\w+))?}|\\$(\\w+)");
    private static final Pattern REGEX_SPECIAL = Pattern.compile("[\\\\^$.|?*+()\\[\\]{}/]");

    private final Map<String, JsonNode> variables;
    private final Map<String, List<String>> options;

    /**
     * @param variables the dashboard's {@code templating.list} entries by name
     * @param options   each variable's options, as its query or its custom list gives them (without All)
     */
    GrafanaInterpolation(Map<String, JsonNode> variables, Map<String, List<String>> options) {
        this.variables = variables;
        this.options = options;
    }

    String interpolate(String query, Map<String, List<String>> selected, long fromMs, long toMs, String interval) {
        String withTime = query.replace("$timeFilter", "time >= " + fromMs + "ms and time <= " + toMs + "ms")
                .replace("$__interval", interval);
        Matcher m = VARIABLE.matcher(withTime);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            m.appendReplacement(out, Matcher.quoteReplacement(value(name, m.group(2), selected.get(name))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String value(String name, String format, List<String> chosen) {
        JsonNode variable = variables.get(name);
        if (variable == null) {
            throw new IllegalArgumentException("$" + name + " is not a variable of the dashboard");
        }
        if (chosen == null || chosen.isEmpty()) {
            throw new IllegalArgumentException("no value chosen for $" + name);
        }
        List<String> values = chosen;
        if (chosen.contains(ALL)) {
            String allValue = variable.path("allValue").asText("");
            if (!allValue.isEmpty()) {
                return allValue; // Grafana leaves a custom all value unformatted
            }
            values = options.get(name);
        }
        if ("raw".equals(format)) {
            return String.join(",", values);
        }
        if (format != null) {
            throw new IllegalArgumentException("format :" + format + " of $" + name + " is not one this test knows");
        }
        boolean alternation = variable.path("multi").asBoolean()
                || variable.path("includeAll").asBoolean();
        if (!alternation) {
            return isNumber(values.get(0)) ? values.get(0) : escape(values.get(0));
        }
        List<String> escaped = new ArrayList<>();
        for (String v : values) {
            escaped.add(escape(v));
        }
        return escaped.size() == 1 ? escaped.get(0) : escaped.stream().collect(Collectors.joining("|", "(", ")"));
    }

    private static boolean isNumber(String value) {
        try {
            Double.parseDouble(value);
            return true;
        } catch (NumberFormatException notANumber) {
            return false;
        }
    }

    private static String escape(String value) {
        return REGEX_SPECIAL.matcher(value).replaceAll("\\\\$0");
    }
}
