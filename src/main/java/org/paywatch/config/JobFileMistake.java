package org.paywatch.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.paywatch.domain.ConfigurationProblem;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A job file that Jackson or SnakeYAML could not read, told to the county officer who edits it: the file, the line
 * and column, the mistake in plain words and the fix, in one sentence. Their own messages speak of Java types and
 * parser states ("expected &lt;block end&gt;, but found '&lt;scalar&gt;'") and often point past the real mistake.
 */
final class JobFileMistake {
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");
    private static final Pattern KEY_WITH_VALUE = Pattern.compile("\\s*(- )?[^#\\s][^#]*?:\\s+[^#\\s].*");
    private static final Pattern CANNOT_START = Pattern.compile("found character '(.+?)' that cannot start any token");
    private static final Set<Class<?>> WHOLE_NUMBERS =
            Set.of(int.class, long.class, short.class, Integer.class, Long.class, Short.class);
    private static final Set<Class<?>> NUMBERS = Set.of(double.class, float.class, Double.class, Float.class);
    private static final String SYNTAX_FIX =
            "check the indentation, the colon after each key, and that every quote and bracket is closed";

    private JobFileMistake() {}

    /** {@code example} is the shipped job file of the same kind, e.g. jobs/risk-monitor.yaml, that the officer can compare with. */
    static ConfigurationProblem of(Path file, String text, JsonProcessingException e, String example) {
        MarkedYAMLException syntax = syntaxError(e);
        JsonNode tree = null;
        if (syntax == null) {
            try {
                // Jackson maps as it parses: a value of the wrong shape may stop it before a syntax error further down
                tree = new ObjectMapper(new YAMLFactory()).readTree(text);
            } catch (JsonProcessingException p) {
                syntax = syntaxError(p);
            }
        }
        if (syntax != null) {
            return syntax(file, text, syntax);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException p && p.getOriginalMessage() != null) {
                Matcher duplicate = DUPLICATE.matcher(p.getOriginalMessage());
                if (duplicate.matches()) {
                    return duplicate(
                            file,
                            text,
                            p.getLocation(),
                            e instanceof JsonMappingException m ? path(m) : "",
                            duplicate.group(1));
                }
            }
        }
        JsonLocation location = e.getLocation();
        String at = location == null
                ? file.toString()
                : file + " line " + location.getLineNr() + ", column " + location.getColumnNr();
        if (e instanceof UnrecognizedPropertyException u) {
            if (location != null) {
                at = file + " line " + location.getLineNr() + ", column "
                        + keyColumn(text, location.getLineNr(), u.getPropertyName(), location.getColumnNr());
            }
            return new ConfigurationProblem(at + ": unknown key " + path(u) + ": allowed there are "
                    + u.getKnownPropertyIds().stream()
                            .map(String::valueOf)
                            .sorted()
                            .collect(Collectors.joining(", ")));
        }
        if (e instanceof InvalidFormatException f) {
            return new ConfigurationProblem(
                    at + ": " + path(f) + " = " + f.getValue() + " is not " + kindOf(f.getTargetType(), example));
        }
        if (e instanceof MismatchedInputException m) {
            return new ConfigurationProblem(
                    at + ": " + shapeMismatch(path(m), m.getTargetType(), nodeAt(tree, m.getPath()), example));
        }
        if (e instanceof JsonMappingException m) {
            return new ConfigurationProblem(
                    at + ": " + named(path(m)) + " is not what paywatch expects there: compare it with " + example);
        }
        return new ConfigurationProblem(at + " is not valid YAML: " + SYNTAX_FIX);
    }

    private static MarkedYAMLException syntaxError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MarkedYAMLException m && m.getProblemMark() != null) {
                return m;
            }
        }
        return null;
    }

    private static ConfigurationProblem syntax(Path file, String text, MarkedYAMLException m) {
        String problem = m.getProblem() == null ? "" : m.getProblem();
        String context = m.getContext() == null ? "" : m.getContext();
        int line = m.getProblemMark().getLine() + 1;
        int column = m.getProblemMark().getColumn() + 1;
        if (problem.toLowerCase(Locale.ROOT).contains("tab")) {
            return invalid(
                    file,
                    line,
                    column,
                    "a tab character: YAML indents with spaces only",
                    "replace the tab with spaces");
        }
        if (context.startsWith("while scanning a quoted scalar") && m.getContextMark() != null) {
            return invalid(
                    file,
                    m.getContextMark().getLine() + 1,
                    m.getContextMark().getColumn() + 1,
                    "a quote that is never closed",
                    "close it at the end of the value");
        }
        int[] quote = unclosedQuoteReaching(text, line);
        if (quote != null) {
            // SnakeYAML stumbles where the runaway quoted text ends, often many lines below the quote that opened it
            return invalid(
                    file,
                    quote[0],
                    quote[1],
                    "a quote that is not closed on its line",
                    "close it at the end of the value");
        }
        if (context.startsWith("while parsing a flow sequence") && m.getContextMark() != null) {
            return invalid(
                    file,
                    m.getContextMark().getLine() + 1,
                    m.getContextMark().getColumn() + 1,
                    "a [ list that is not closed",
                    "end it with ] on the same line");
        }
        if (context.startsWith("while parsing a flow mapping") && m.getContextMark() != null) {
            return invalid(
                    file,
                    m.getContextMark().getLine() + 1,
                    m.getContextMark().getColumn() + 1,
                    "a { mapping that is not closed",
                    "end it with } on the same line");
        }
        if (context.startsWith("while scanning a simple key") && m.getContextMark() != null) {
            return invalid(
                    file,
                    m.getContextMark().getLine() + 1,
                    m.getContextMark().getColumn() + 1,
                    "a key without a colon after it",
                    "write the key, a colon and a space, then the value, e.g. parallelism: 2");
        }
        if (problem.startsWith("mapping values are not allowed") && line >= 2) {
            // a key indented under one that has its value already reads as the rest of that value, until its colon
            List<String> lines = text.lines().toList();
            String here = lines.get(line - 1);
            for (int k = line - 2; k >= 0; k--) {
                String above = lines.get(k);
                if (above.isBlank() || above.strip().startsWith("#")) {
                    continue;
                }
                if (indentOf(here) > indentOf(above)
                        && KEY_WITH_VALUE.matcher(above).matches()) {
                    return invalid(
                            file,
                            line,
                            indentOf(here) + 1,
                            "this key is indented deeper than the key above it, which has its value already",
                            "indent it like the key above");
                }
                break;
            }
        }
        if (problem.startsWith("mapping values are not allowed")) {
            return invalid(
                    file,
                    line,
                    column,
                    "a mapping value is not allowed here",
                    "check the indentation and the colon after each key, and put a value that holds ': ' in quotes");
        }
        if (problem.startsWith("expected <block end>")) {
            return invalid(
                    file,
                    line,
                    column,
                    "this line is indented differently from the lines of its section",
                    "indent it by as many spaces as the keys or items beside it");
        }
        Matcher c = CANNOT_START.matcher(problem);
        if (c.find()) {
            return invalid(
                    file, line, column, "a value cannot start with " + c.group(1), "put the value in double quotes");
        }
        return invalid(file, line, column, problem.isEmpty() ? context : problem, SYNTAX_FIX);
    }

    private static ConfigurationProblem invalid(Path file, int line, int column, String what, String fix) {
        return new ConfigurationProblem(
                file + " line " + line + ", column " + column + " is not valid YAML (" + what + "): " + fix);
    }

    /**
     * The line and column of a quote that opens on an earlier line and whose quoted text runs on to the given line, or
     * null. Quotes are paired the way YAML pairs them: one opens a value only where a value starts (after "key: ",
     * "- ", "[", "{" or ","), and none counts inside a comment.
     */
    private static int[] unclosedQuoteReaching(String text, int problemLine) {
        List<String> lines = text.lines().toList();
        char quote = 0;
        int[] opened = null;
        int[] closedHere = null;
        for (int n = 0; n < lines.size() && n < problemLine; n++) {
            String l = lines.get(n);
            for (int i = 0; i < l.length(); i++) {
                char ch = l.charAt(i);
                if (quote == '"' && ch == '\\') {
                    i++;
                } else if (quote == '\'' && ch == '\'' && i + 1 < l.length() && l.charAt(i + 1) == '\'') {
                    i++;
                } else if (quote != 0 && ch == quote) {
                    quote = 0;
                    if (closedHere == null && n + 1 == problemLine && opened[0] < problemLine) {
                        closedHere = opened;
                    }
                } else if (quote == 0 && ch == '#' && (i == 0 || Character.isWhitespace(l.charAt(i - 1)))) {
                    break;
                } else if (quote == 0 && (ch == '"' || ch == '\'') && startsAValue(l, i)) {
                    quote = ch;
                    opened = new int[] {n + 1, i + 1};
                }
            }
        }
        return quote != 0 && opened[0] < problemLine ? opened : closedHere;
    }

    private static boolean startsAValue(String line, int i) {
        String before = line.substring(0, i).stripTrailing();
        return before.isEmpty()
                || before.endsWith(":")
                || before.endsWith("-")
                || before.endsWith("[")
                || before.endsWith("{")
                || before.endsWith(",")
                || before.endsWith("?");
    }

    /** Where the key starts on its line, its last place before Jackson's column: Jackson points past it. */
    private static int keyColumn(String text, int lineNumber, String key, int jacksonColumn) {
        List<String> lines = text.lines().toList();
        String line = lineNumber >= 1 && lineNumber <= lines.size() ? lines.get(lineNumber - 1) : "";
        int column = jacksonColumn;
        Matcher m =
                Pattern.compile("(?<![\\w-])" + Pattern.quote(key) + "\\s*:").matcher(line);
        while (m.find() && m.start() < jacksonColumn) {
            column = m.start() + 1;
        }
        return column;
    }

    private static ConfigurationProblem duplicate(
            Path file, String text, JsonLocation location, String parent, String key) {
        List<String> lines = text.lines().toList();
        int n = location.getLineNr();
        String line = n >= 1 && n <= lines.size() ? lines.get(n - 1) : "";
        int column = keyColumn(text, n, key, location.getColumnNr());
        String first = "";
        if (keyColumn(text, n, key, column - 1) < column - 1) {
            first = " (first earlier on the same line)";
        } else {
            int indent = indentOf(line);
            for (int k = n - 2; k >= 0; k--) {
                String earlier = lines.get(k);
                if (earlier.isBlank() || earlier.strip().startsWith("#")) {
                    continue;
                }
                if (indentOf(earlier) < indent) {
                    break;
                }
                if (indentOf(earlier) == indent && earlier.strip().matches("(- )?" + Pattern.quote(key) + "\\s*:.*")) {
                    first = " (first on line " + (k + 1) + ")";
                    break;
                }
            }
        }
        String name = parent.isEmpty() ? key : parent + "." + key;
        return new ConfigurationProblem(file + " line " + n + ", column " + column + " sets " + name + " a second time"
                + first + ": keep only the right one");
    }

    private static int indentOf(String line) {
        return line.length() - line.stripLeading().length();
    }

    private static String kindOf(Class<?> type, String example) {
        if (WHOLE_NUMBERS.contains(type)) {
            return "a whole number: write it in digits, e.g. 500";
        }
        if (NUMBERS.contains(type)) {
            return "a number: write it in digits with a dot for decimals and no unit or % sign, e.g. 0.8";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false: write one of them";
        }
        if (type == java.time.Duration.class) {
            return "a duration: " + DurationText.FIX;
        }
        if (type == java.time.LocalDate.class) {
            return "a date: write it as YYYY-MM-DD, e.g. 2016-01-01";
        }
        if (type != null && type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(String::valueOf)
                            .collect(Collectors.joining(", ")) + ": write one of them";
        }
        return "what paywatch expects there: compare it with " + example;
    }

    /** What the file holds where the mapping failed (Jackson has closed its parser by then). */
    private static JsonNode nodeAt(JsonNode tree, List<JsonMappingException.Reference> path) {
        JsonNode node = tree;
        for (JsonMappingException.Reference r : path) {
            node = node == null ? null : r.getFieldName() != null ? node.get(r.getFieldName()) : node.get(r.getIndex());
        }
        return node;
    }

    /** A list where keys with values belong, a single value where a list belongs, and so on. */
    private static String shapeMismatch(String path, Class<?> expected, JsonNode found, String example) {
        boolean wantsKeys = expected != null
                && (Map.class.isAssignableFrom(expected)
                        || (expected.getName().startsWith("org.paywatch.") && !expected.isEnum()));
        boolean wantsList = expected != null && (Collection.class.isAssignableFrom(expected) || expected.isArray());
        if (path.isEmpty()) {
            return "the file is not a set of keys with values: start from a copy of " + example;
        }
        String name = path;
        boolean list = found != null && found.isArray();
        boolean keys = found != null && found.isObject();
        boolean value = found != null && found.isValueNode();
        if (list && wantsKeys) {
            return name
                    + " is a list (lines starting with -) where keys with values belong: remove the dashes and write one key: value a line";
        }
        if (keys && wantsList) {
            return name
                    + " holds keys with values where a list belongs: write its items as [a, b] or one a line after '- '";
        }
        if (value && wantsKeys) {
            return name
                    + " is a single value where keys with values belong: write its keys on the lines below it, indented";
        }
        if (value && wantsList) {
            return name + " is a single value where a list belongs: write it in brackets, e.g. [a, b]";
        }
        if ((list || keys) && !wantsKeys && !wantsList) {
            return name + " is " + (list ? "a list" : "a group of keys") + " where a single value belongs: "
                    + "write one value after the colon";
        }
        return name + " is not what paywatch expects there: compare it with " + example;
    }

    private static String named(String path) {
        return path.isEmpty() ? "the file as a whole" : path;
    }

    static String path(JsonMappingException e) {
        StringBuilder p = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                p.append(p.isEmpty() ? "" : ".").append(r.getFieldName());
            } else {
                p.append('[').append(r.getIndex()).append(']');
            }
        }
        return p.toString();
    }
}
