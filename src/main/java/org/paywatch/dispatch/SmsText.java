package org.paywatch.dispatch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paywatch.contract.Alert;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.AlertTransition;
import org.paywatch.domain.ConfigurationProblem;

/**
 * The Chinese SMS of an alert transition, or of a digest of several alerts for one recipient, from the job file's
 * templates. Every text fits two SMS with the signature: a Chinese SMS holds 70 characters, or 67 a segment when it
 * runs longer, so at most 134 (counted in UTF-16 units, as UCS-2 sends them). It names the project, the problem, the
 * figure and what to do, and is built from the alert's rule, level, scope and metrics only: no ID-card or bank-card
 * number, no pseudonym of a worker or an account.
 *
 * <p>Too long a text shortens the project's name to fit: first the county's name is dropped from its front (every
 * project is in the county; the signature names it), then its middle is cut to "…", keeping its beginning (town and
 * works) and its closing bracket (（二期）, （3标段）), which tells the phases and lots of one works apart. A name keeps
 * at least {@value #SHORTEST_PROJECT_NAME} characters; the job file is refused when a template would not fit with
 * that at its longest values. A digest lists as many projects as fit with names of at least
 * {@value #READABLE_PROJECT_NAME} characters, the most severe first, and ends in 等N个项目.
 */
public final class SmsText {
    public static final int ONE_SEGMENT = 70;
    public static final int PER_SEGMENT = 67;
    public static final int MAX_SEGMENTS = 2;
    /** Two segments of 67 characters: the longest text, signature included. */
    public static final int MAX_CHARS = MAX_SEGMENTS * PER_SEGMENT;
    /** A shortened project name keeps this many characters. */
    public static final int SHORTEST_PROJECT_NAME = 10;
    /** A digest lists fewer projects rather than cut their names below this (town and works: 城关镇老旧小区改造…). */
    public static final int READABLE_PROJECT_NAME = 16;
    /** Placeholders of the transition templates. */
    public static final Set<String> PLACEHOLDERS =
            Set.of("project", "rule", "level", "scope", "problem", "figure", "action");
    /** Placeholders of the digest: the number of alerts, the projects, the count by level (红色1条、黄色2条). */
    public static final Set<String> DIGEST_PLACEHOLDERS = Set.of("count", "projects", "levels");

    /** A run this long in a registry's free text could be an ID-card or account number. */
    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{8,}");

    private static final String ELLIPSIS = "…";
    private static final String DEFAULT_ACTION = "登录平台查看处理";

    private final DispatchConfig.Sms sms;
    private final Map<String, String> ruleNames;

    /** Refuses templates with unknown placeholders or that do not fit two SMS at their longest values. */
    public SmsText(DispatchConfig config) {
        this.sms = config.sms();
        this.ruleNames = config.ruleNames();
        checkTemplates();
    }

    public String signature() {
        return sms.signature();
    }

    /** How many SMS a text takes (signature included): 1 up to 70 characters, else one per 67. */
    public static int segments(String text) {
        int n = text.length();
        return n <= ONE_SEGMENT ? 1 : (n + PER_SEGMENT - 1) / PER_SEGMENT;
    }

    /** The text (without the signature) of one transition; {@code projectName} null or blank: the project's id stands for it. */
    public String of(Alert alert, String projectName) {
        String template = sms.templates().of(alert.getTransition());
        Map<String, String> values = values(alert);
        String name = displayName(projectName, alert.getProjectId());
        for (int max = name.length(); max >= Math.min(SHORTEST_PROJECT_NAME, name.length()); max--) {
            values.put("project", shortened(name, max));
            String text = fill(template, values);
            if (fits(text)) {
                return text;
            }
        }
        return cut(fill(template, values));
    }

    /**
     * One text for several alerts to one recipient, naming their projects, the most severe first.
     *
     * @param projectNames a project's name by its id; null: the id stands for it
     */
    public String digest(List<Alert> alerts, Function<String, String> projectNames) {
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("a digest of no alerts");
        }
        Map<String, AlertLevel> worst = new LinkedHashMap<>();
        Map<AlertLevel, Integer> byLevel = new EnumMap<>(AlertLevel.class);
        for (Alert a : alerts) {
            worst.merge(a.getProjectId(), a.getLevel(), (x, y) -> x.compareTo(y) >= 0 ? x : y);
            byLevel.merge(a.getLevel(), 1, Integer::sum);
        }
        List<String> ids = new ArrayList<>(worst.keySet());
        ids.sort(Comparator.comparing((String id) -> worst.get(id))
                .reversed()); // stable: first seen first within a level
        List<String> names =
                ids.stream().map(id -> displayName(projectNames.apply(id), id)).toList();
        Map<String, String> values = new HashMap<>();
        values.put("count", Integer.toString(alerts.size()));
        values.put("levels", levels(byLevel));
        String template = sms.templates().digest();
        // as many projects as fit with names a reader recognises; if not even one does, names at their shortest
        for (int shortest : List.of(READABLE_PROJECT_NAME, SHORTEST_PROJECT_NAME)) {
            for (int n = Math.min(names.size(), MAX_CHARS / shortest); n >= 1; n--) {
                int longest = names.subList(0, n).stream()
                        .mapToInt(String::length)
                        .max()
                        .orElse(0);
                for (int max = longest; max >= Math.min(shortest, longest); max--) {
                    values.put("projects", projects(names, n, max));
                    String text = fill(template, values);
                    if (fits(text)) {
                        return text;
                    }
                }
            }
        }
        return cut(fill(template, values));
    }

    private String projects(List<String> names, int n, int max) {
        List<String> listed = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            listed.add(shortened(names.get(i), max));
        }
        return String.join("、", listed) + (n < names.size() ? "等" + names.size() + "个项目" : "");
    }

    private static String levels(Map<AlertLevel, Integer> byLevel) {
        List<String> parts = new ArrayList<>();
        for (AlertLevel level : List.of(AlertLevel.RED, AlertLevel.YELLOW, AlertLevel.BLUE)) {
            if (byLevel.containsKey(level)) {
                parts.add(AlertWording.level(level) + byLevel.get(level) + "条");
            }
        }
        return String.join("、", parts);
    }

    private Map<String, String> values(Alert alert) {
        String rule = ruleNames.getOrDefault(alert.getRuleId(), alert.getRuleId());
        String scope = AlertWording.scope(alert.getScope(), ruleNames);
        Map<String, String> v = new HashMap<>();
        v.put("rule", rule);
        v.put("level", AlertWording.level(alert.getLevel()));
        v.put("scope", scope);
        v.put("problem", scope + rule);
        v.put("figure", AlertWording.figure(alert));
        v.put("action", sms.actions().getOrDefault(alert.getRuleId(), DEFAULT_ACTION));
        return v;
    }

    private String displayName(String projectName, String projectId) {
        String name = projectName == null || projectName.isBlank() ? projectId : projectName.strip();
        return LONG_NUMBER.matcher(name).replaceAll(m -> "*".repeat(m.group().length()));
    }

    /**
     * The name in at most {@code max} characters: whole if it fits, else without the county in front, else its
     * beginning, "…" and its closing bracket (or just its beginning and "…" when the bracket leaves too little).
     */
    String shortened(String name, int max) {
        if (name.length() <= max) {
            return name;
        }
        String county = sms.county();
        if (!county.isEmpty() && name.startsWith(county) && name.length() > county.length()) {
            name = name.substring(county.length());
            if (name.length() <= max) {
                return name;
            }
        }
        int bracket = name.endsWith("）") ? name.lastIndexOf('（') : -1;
        String tail = bracket > 0 ? name.substring(bracket) : "";
        if (max - tail.length() - ELLIPSIS.length() < SHORTEST_PROJECT_NAME / 2) {
            tail = "";
        }
        return head(name, max - tail.length() - ELLIPSIS.length()) + ELLIPSIS + tail;
    }

    /** The first {@code n} UTF-16 units, one fewer rather than half a surrogate pair. */
    private static String head(String s, int n) {
        n = Math.max(0, Math.min(n, s.length()));
        if (n > 0 && n < s.length() && Character.isHighSurrogate(s.charAt(n - 1))) {
            n--;
        }
        return s.substring(0, n);
    }

    private boolean fits(String text) {
        return sms.signature().length() + text.length() <= MAX_CHARS;
    }

    /** The last resort, for figures beyond any county's: the text cut to fit. The job file check keeps real ones from it. */
    private String cut(String text) {
        return fits(text) ? text : head(text, MAX_CHARS - sms.signature().length() - ELLIPSIS.length()) + ELLIPSIS;
    }

    private static String fill(String template, Map<String, String> values) {
        Matcher m = DispatchConfigFile.PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(values.getOrDefault(m.group(1), "")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private void checkTemplates() {
        DispatchConfig.Templates t = sms.templates();
        for (AlertTransition transition : AlertTransition.values()) {
            DispatchConfigFile.placeholders(DispatchConfig.Templates.key(transition), t.of(transition), PLACEHOLDERS);
        }
        DispatchConfigFile.placeholders("sms.templates.digest", t.digest(), DIGEST_PLACEHOLDERS);
        String shortest = "项".repeat(SHORTEST_PROJECT_NAME);
        for (Alert sample : longestAlerts()) {
            Map<String, String> values = values(sample);
            values.put("project", shortest);
            String text = fill(t.of(sample.getTransition()), values);
            if (!fits(text)) {
                throw tooLong(
                        DispatchConfig.Templates.key(sample.getTransition()),
                        text,
                        sample.getRuleId() + " " + AlertWording.level(sample.getLevel()) + "，figure "
                                + values.get("figure"));
            }
        }
        Map<String, String> digest = new HashMap<>();
        digest.put("count", "9999");
        digest.put("levels", "红色9999条、黄色9999条、蓝色9999条");
        digest.put("projects", shortest + "等9999个项目");
        String text = fill(t.digest(), digest);
        if (!fits(text)) {
            throw tooLong("sms.templates.digest", text, "9999 alerts of every level");
        }
    }

    private ConfigurationProblem tooLong(String key, String text, String values) {
        int length = sms.signature().length() + text.length();
        return new ConfigurationProblem(key + " is too long: with the signature, the longest values (" + values
                + ") and the project's name cut to " + SHORTEST_PROJECT_NAME + " characters it takes " + length
                + " characters, more than the " + MAX_CHARS + " of two SMS; shorten it by " + (length - MAX_CHARS)
                + " characters");
    }

    /** Every rule's every figure at its longest, at every level, as each transition, each as if it had a pay period's scope (PW91: the longest rule's). */
    private List<Alert> longestAlerts() {
        String longestRule = ruleNames.entrySet().stream()
                .filter(e -> !e.getKey().equals("PW91"))
                .max(Comparator.comparingInt(e -> e.getValue().length()))
                .map(Map.Entry::getKey)
                .orElse("");
        List<Alert> samples = new ArrayList<>();
        Map<String, List<Map<String, Double>>> longest = AlertWording.longestMetrics();
        for (String ruleId : ruleNames.keySet()) {
            String scope = ruleId.equals("PW91") ? longestRule : "2025-12";
            for (Map<String, Double> metrics : longest.getOrDefault(ruleId, List.of(Map.of()))) {
                for (AlertLevel level : AlertLevel.values()) {
                    for (AlertTransition transition : AlertTransition.values()) {
                        Map<String, Double> m = switch (transition) {
                            case CLEARED -> Map.of();
                            case FOLLOW_UP -> Map.of("daysSinceCleared", 9999.0);
                            default -> metrics;
                        };
                        samples.add(sample(ruleId, level, transition, scope, m));
                    }
                }
            }
        }
        return samples;
    }

    private static Alert sample(
            String ruleId, AlertLevel level, AlertTransition transition, String scope, Map<String, Double> metrics) {
        return Alert.newBuilder()
                .setAlertId(ruleId + "-sample")
                .setProjectId("P")
                .setRuleId(ruleId)
                .setLevel(level)
                .setTransition(transition)
                .setScope(scope)
                .setEventTime(java.time.Instant.EPOCH)
                .setMessage("")
                .setLegalBasis("")
                .setMetrics(metrics)
                .setRecipients(List.of())
                .setTaskForce(false)
                .setRebound(false)
                .build();
    }
}
