package org.paywatch.cli;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.policy.HolidayWindow;
import org.paywatch.policy.Money;
import org.paywatch.policy.RuleSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** `paywatch rules`: the rule catalog as configured, in Chinese, for the officers who sign it off. */
@Command(
        name = "rules",
        mixinStandardHelpOptions = true,
        description = "Print the rule catalog as configured (id, name, thresholds, basis) in Chinese, "
                + "after validating the job file.")
public final class RulesCommand implements Callable<Integer> {
    @Option(
            names = "--config",
            paramLabel = "FILE",
            defaultValue = "jobs/risk-monitor.yaml",
            description = "the job file (default: ${DEFAULT-VALUE})")
    Path config;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        JobConfig job = JobConfigFile.load(config);
        Properties labels = new Properties();
        try (var in = RulesCommand.class.getResourceAsStream("thresholds_zh.properties")) {
            labels.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("paywatch 预警规则目录（" + config + "）");
        out.println();
        for (Map.Entry<String, RuleSettings> e : job.rules.entrySet()) {
            String id = e.getKey();
            RuleSettings r = e.getValue();
            out.println(id + "  " + r.name);
            r.thresholds.forEach(
                    (key, value) -> out.println("    " + label(labels, id, key) + "：" + show(labels, id, key, value)));
            r.tables.forEach((table, rows) -> {
                out.println("    " + label(labels, id, table) + "：");
                rows.forEach((row, value) -> out.println(
                        "        " + labels.getProperty("category." + row, "default".equals(row) ? "其他" : row) + "："
                                + show(labels, id, table, value)));
            });
            out.println("    依据：" + r.basis);
            out.println();
        }
        out.println("停工期（考勤中断不预警）：");
        for (HolidayWindow w : job.calendar.holidays) {
            out.println("    " + w.name + "：" + w.from + " 至 " + w.to);
        }
        out.flush();
        return 0;
    }

    private static String label(Properties labels, String id, String key) {
        return labels.getProperty(id + "." + key, key);
    }

    /** Fen in yuan, shares in per cent, the rest as configured. */
    private static String show(Properties labels, String id, String key, double value) {
        String label = labels.getProperty(id + "." + key, "");
        if (label.contains("元）")) {
            return Money.yuan(Math.round(value));
        }
        if (label.contains("比例") || label.contains("覆盖率") || label.contains("占比")) {
            return BigDecimal.valueOf(value * 100).stripTrailingZeros().toPlainString() + "%";
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
