package org.paywatch.deploy;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.FallbackKey;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The configuration options of the Flink on the test classpath (2.2), found by reflection over every
 * {@code *Options} class of flink-core's {@code org.apache.flink.configuration}: checkpointing, state recovery,
 * high availability, restart strategies, memory, metrics and the rest. Options of other modules
 * ({@code kubernetes.*}, {@code state.backend.rocksdb.*}, the file-system plugins' {@code s3.*}) are not among
 * them. {@code metrics.reporter.NAME.*} keys are the reporter's own, so only their factory class is checked.
 */
final class FlinkOptionCatalog {
    private static final Pattern OPTIONS_CLASS =
            Pattern.compile("org/apache/flink/configuration/([A-Za-z]+Options)\\.class");
    private static final Pattern REPORTER_KEY = Pattern.compile("metrics\\.reporter\\.([^.]+)\\.(.+)");

    private final Map<String, ConfigOption<?>> options = new TreeMap<>();
    private final Map<String, String> deprecatedKeys = new TreeMap<>();

    private FlinkOptionCatalog() {}

    static FlinkOptionCatalog flinkCore() throws IOException, ReflectiveOperationException {
        FlinkOptionCatalog catalog = new FlinkOptionCatalog();
        File jar = new File(ConfigOptions.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
        try (JarFile classes = new JarFile(jar)) {
            for (Enumeration<JarEntry> e = classes.entries(); e.hasMoreElements(); ) {
                Matcher m = OPTIONS_CLASS.matcher(e.nextElement().getName());
                if (m.matches()) {
                    catalog.addOptionsOf(Class.forName("org.apache.flink.configuration." + m.group(1)));
                }
            }
        }
        if (catalog.options.size() < 100) {
            throw new IllegalStateException("only " + catalog.options.size() + " Flink options found in " + jar);
        }
        return catalog;
    }

    private void addOptionsOf(Class<?> optionsClass) throws IllegalAccessException {
        for (Field field : optionsClass.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && ConfigOption.class.isAssignableFrom(field.getType())) {
                ConfigOption<?> option = (ConfigOption<?>) field.get(null);
                options.put(option.key(), option);
                for (FallbackKey fallback : option.fallbackKeys()) {
                    if (fallback.isDeprecated()) {
                        deprecatedKeys.putIfAbsent(fallback.getKey(), option.key());
                    } else {
                        options.putIfAbsent(fallback.getKey(), option);
                    }
                }
            }
        }
    }

    /**
     * What is wrong in a Flink configuration, one sentence per key: a key Flink 2.2 does not have (or only as an
     * old name), a value its option cannot parse, a metrics reporter without a loadable factory.
     */
    List<String> problems(Map<String, String> configuration) {
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> reporterHasFactory = new TreeMap<>();
        Configuration parsed = Configuration.fromMap(configuration);
        configuration.forEach((key, value) -> {
            Matcher reporter = REPORTER_KEY.matcher(key);
            if (reporter.matches()) {
                boolean isFactory = reporter.group(2).equals("factory.class");
                reporterHasFactory.merge(reporter.group(1), isFactory, Boolean::logicalOr);
                if (isFactory) {
                    checkReporterFactory(key, value, problems);
                }
            } else if (options.containsKey(key)) {
                try {
                    parsed.get(options.get(key));
                } catch (IllegalArgumentException e) {
                    problems.add(key + ": the value \"" + value + "\" is not valid: " + e.getMessage());
                }
            } else if (deprecatedKeys.containsKey(key)) {
                problems.add(key + " is an old name that Flink 2.2 only reads as a fallback: write "
                        + deprecatedKeys.get(key));
            } else {
                problems.add(
                        key
                                + " is not a Flink 2.2 configuration option (misspelt, or from a module the catalog does not scan)");
            }
        });
        reporterHasFactory.forEach((name, hasFactory) -> {
            if (!hasFactory) {
                problems.add("metrics.reporter." + name + " has no factory.class, so Flink would not start it");
            }
        });
        return problems;
    }

    private static void checkReporterFactory(String key, String className, List<String> problems) {
        try {
            if (!MetricReporterFactory.class.isAssignableFrom(Class.forName(className))) {
                problems.add(key + ": " + className + " is not a MetricReporterFactory");
            }
        } catch (ClassNotFoundException e) {
            problems.add(key + ": no class " + className
                    + " (Flink's reporters are org.apache.flink.metrics.*.*ReporterFactory)");
        }
    }
}
