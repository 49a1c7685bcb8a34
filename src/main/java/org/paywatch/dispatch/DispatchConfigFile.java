package org.paywatch.dispatch;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.paywatch.config.DurationText;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.contract.AlertLevel;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.policy.ResponsibilityList;

/**
 * Reads and checks the dispatcher's job file: everything a running dispatcher would trip over later is one sentence
 * now, naming the file, the key and the fix. YAML and shape mistakes come with their line and column, as for the risk
 * monitor's job file ({@link JobConfigFile#read}).
 */
public final class DispatchConfigFile {
    private static final Path EXAMPLE = Path.of("jobs/alert-dispatch.yaml");
    private static final Pattern TIME_OF_DAY = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** ${name} in the job file's templates. */
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");

    private DispatchConfigFile() {}

    public static DispatchConfig load(Path file) {
        FileShape raw = JobConfigFile.read(file, FileShape.class, EXAMPLE);
        Path riskMonitorFile;
        try {
            riskMonitorFile = riskMonitorFile(file, raw);
        } catch (ConfigurationProblem p) {
            throw new ConfigurationProblem(file + ": " + p.getMessage());
        }
        // its own problems name its own file
        JobConfig riskMonitor = JobConfigFile.load(riskMonitorFile);
        try {
            DispatchConfig config = typed(raw, riskMonitor);
            covers(config, riskMonitor.routing, riskMonitorFile);
            new SmsText(config); // checks every template at its longest values
            return config;
        } catch (ConfigurationProblem p) {
            throw new ConfigurationProblem(file + ": " + p.getMessage());
        }
    }

    /** Relative to the dispatcher's job file, so that the two files in jobs/ find each other from any working folder. */
    private static Path riskMonitorFile(Path file, FileShape raw) {
        Dispatch d = required("dispatch", raw.dispatch, "start from a copy of " + EXAMPLE);
        String name = required(
                "dispatch.riskMonitorConfig",
                d.riskMonitorConfig,
                "name the risk monitor's job file, whose rule names and routing the dispatcher follows, e.g. risk-monitor.yaml");
        Path p = Path.of(name);
        Path folder = file.toAbsolutePath().getParent();
        return p.isAbsolute() || folder == null ? p : folder.resolve(p).normalize();
    }

    private static DispatchConfig typed(FileShape raw, JobConfig riskMonitor) {
        Dispatch d = raw.dispatch;
        String name = text("dispatch.name", d.name, "name the job, e.g. paywatch-alert-dispatch");
        Path stateDir = Path.of(
                text("dispatch.stateDir", d.stateDir, "give the ledger's folder, e.g. /var/lib/paywatch/dispatch"));

        KafkaSection k = required("kafka", raw.kafka, "give the broker and the topics");
        DispatchConfig.Kafka kafka = new DispatchConfig.Kafka(
                text("kafka.bootstrapServers", k.bootstrapServers, "give the brokers, e.g. 127.0.0.1:9092"),
                text("kafka.groupId", k.groupId, "name the consumer group, e.g. paywatch-alert-dispatch"),
                text("kafka.alertsTopic", k.alertsTopic, "name the alerts topic, e.g. paywatch.alerts"),
                text(
                        "kafka.projectsTopic",
                        k.projectsTopic,
                        "name the project registry topic, e.g. paywatch.registry.projects"),
                text(
                        "kafka.failedTopic",
                        k.failedTopic,
                        "name the topic for parked messages, e.g. paywatch.dispatch.failed"));

        InfluxSection i = required("influx", raw.influx, "give its url and database");
        DispatchConfig.Influx influx = new DispatchConfig.Influx(
                url("influx.url", text("influx.url", i.url, "give InfluxDB's address, e.g. http://127.0.0.1:8086"))
                        .toString(),
                text("influx.database", i.database, "name the database, e.g. paywatch"));

        DispatchConfig.Gateway gateway = gateway(required("gateway", raw.gateway, "describe the bureau's SMS gateway"));
        DispatchConfig.Timing timing =
                timing(required("timing", raw.timing, "give groupWindow, debounce, quietHours and dailyCapPerNumber"));
        DispatchConfig.Sms sms =
                sms(required("sms", raw.sms, "give the signature, the templates and an action per rule"), riskMonitor);

        Map<String, UnitSection> units =
                required("directory", raw.directory, "list every responsible unit the routing names");
        Map<String, DispatchConfig.Unit> directory = new LinkedHashMap<>();
        for (Map.Entry<String, UnitSection> e : units.entrySet()) {
            directory.put(e.getKey(), unit(e.getKey(), e.getValue(), timing.quietHours()));
        }
        Map<String, String> ruleNames = new TreeMap<>();
        riskMonitor.rules.forEach(
                (id, settings) -> ruleNames.put(id, settings.bound(id).info().name()));
        return new DispatchConfig(
                name,
                stateDir,
                kafka,
                influx,
                gateway,
                sms,
                timing,
                Collections.unmodifiableMap(directory),
                Collections.unmodifiableMap(ruleNames));
    }

    private static DispatchConfig.Gateway gateway(GatewaySection g) {
        URI url = url(
                "gateway.url",
                text(
                        "gateway.url",
                        g.url,
                        "give the address of the bureau's SMS gateway, e.g. https://sms.example.gov.cn/send"));
        Map<String, String> headers = new LinkedHashMap<>(required(
                "gateway.headers",
                g.headers,
                "give the headers the gateway needs, e.g. {Authorization: \"Bearer …\"}, or {} for none"));
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String key = "gateway.headers." + h.getKey();
            if (!HEADER_NAME.matcher(h.getKey()).matches()) {
                throw new ConfigurationProblem(
                        key + " is not an HTTP header name: use letters, digits and dashes, e.g. Authorization");
            }
            if (h.getKey().equalsIgnoreCase("Idempotency-Key")) {
                throw new ConfigurationProblem(
                        key + " is set by paywatch on every request, the same on every retry of a message: remove it");
            }
            if (h.getValue() == null || h.getValue().contains("\n")) {
                throw new ConfigurationProblem(
                        key + " has no value on one line: write its value after the colon, in quotes");
            }
        }
        String body = text(
                "gateway.bodyTemplate",
                g.bodyTemplate,
                "write the request body the gateway expects, with ${phone}, ${signature}, ${textJson} and ${idempotencyKey}");
        placeholders("gateway.bodyTemplate", body, DispatchConfig.Gateway.PLACEHOLDERS);
        if (!body.contains("${phone}")) {
            throw new ConfigurationProblem(
                    "gateway.bodyTemplate has no ${phone}: the gateway must be told whom to send to");
        }
        if (!body.contains("${text}") && !body.contains("${textJson}")) {
            throw new ConfigurationProblem(
                    "gateway.bodyTemplate has neither ${text} nor ${textJson}: the gateway must be given the message");
        }
        Duration timeout = positive("gateway.timeout", g.timeout);
        int maxAttempts = atLeast("gateway.maxAttempts", g.maxAttempts, 1);
        Duration initial = positive("gateway.initialBackoff", g.initialBackoff);
        Duration max = positive("gateway.maxBackoff", g.maxBackoff);
        if (max.compareTo(initial) < 0) {
            throw new ConfigurationProblem("gateway.maxBackoff = " + g.maxBackoff
                    + " is shorter than gateway.initialBackoff = " + g.initialBackoff + ": make it at least as long");
        }
        DispatchConfig.Gateway gateway = new DispatchConfig.Gateway(
                url, Collections.unmodifiableMap(headers), body, timeout, maxAttempts, initial, max);
        gateway.settings(); // what the client refuses (a body that makes no JSON, say) is refused on load too
        return gateway;
    }

    private static DispatchConfig.Timing timing(TimingSection t) {
        Duration groupWindow = positive("timing.groupWindow", t.groupWindow);
        Duration debounce = DurationText.parse(
                "timing.debounce", text("timing.debounce", t.debounce, "write 0s to send every clearing"));
        DispatchConfig.QuietHours quiet = quietHours(
                "timing.quietHours",
                required(
                        "timing.quietHours",
                        t.quietHours,
                        "give them as {from: \"22:00\", to: \"07:00\"}, or equal times for none"));
        int cap = atLeast("timing.dailyCapPerNumber", t.dailyCapPerNumber, 1);
        return new DispatchConfig.Timing(groupWindow, debounce, quiet, cap);
    }

    private static DispatchConfig.Sms sms(SmsSection s, JobConfig riskMonitor) {
        String signature = text("sms.signature", s.signature, "give the 签名 the carrier registered, e.g. 【高台县人社局】");
        String county = required(
                "sms.county", s.county, "name the county that begins project names, e.g. 高台县, or \"\" for none");
        TemplatesSection t = required(
                "sms.templates", s.templates, "give raised, escalated, downgraded, cleared, followUp and digest");
        String hint = "write the Chinese text of this message, e.g. as in " + EXAMPLE;
        DispatchConfig.Templates templates = new DispatchConfig.Templates(
                text("sms.templates.raised", t.raised, hint), text("sms.templates.escalated", t.escalated, hint),
                text("sms.templates.downgraded", t.downgraded, hint), text("sms.templates.cleared", t.cleared, hint),
                text("sms.templates.followUp", t.followUp, hint), text("sms.templates.digest", t.digest, hint));
        Map<String, String> actions = new TreeMap<>(required("sms.actions", s.actions, "say what to do for each rule"));
        for (String id : riskMonitor.rules.keySet()) {
            text("sms.actions." + id, actions.get(id), "say in a few words who must do what, e.g. 总承包单位立即足额支付工资");
        }
        for (String id : actions.keySet()) {
            if (!riskMonitor.rules.containsKey(id)) {
                throw new ConfigurationProblem("sms.actions." + id + " is not a rule of the risk monitor: known are "
                        + String.join(", ", riskMonitor.rules.keySet()));
            }
        }
        return new DispatchConfig.Sms(signature, county, templates, Collections.unmodifiableMap(actions));
    }

    private static DispatchConfig.Unit unit(String name, UnitSection u, DispatchConfig.QuietHours defaultQuiet) {
        String key = "directory." + name;
        if (name.isBlank()) {
            throw new ConfigurationProblem(
                    "directory has a unit without a name: write the name alerts give it, e.g. 县人社局");
        }
        if (u == null) {
            throw new ConfigurationProblem(
                    key
                            + " is empty: give its levels, contacts and webhooks, e.g. levels: [YELLOW, RED], contacts: [], webhooks: []");
        }
        List<AlertLevel> levels =
                required(key + ".levels", u.levels, "list the levels it wants, e.g. [YELLOW, RED], or [] for none");
        if (levels.contains(null)) {
            throw new ConfigurationProblem(key + ".levels has an empty item: use BLUE, YELLOW or RED");
        }
        List<PersonSection> contacts = required(
                key + ".contacts", u.contacts, "list its people as {name: 张三, phone: \"13900000001\"}, or [] for none");
        List<DispatchConfig.Person> people = new ArrayList<>();
        for (int i = 0; i < contacts.size(); i++) {
            String at = key + ".contacts[" + i + "]";
            PersonSection p = required(at, contacts.get(i), "write it as {name: 张三, phone: \"13900000001\"}");
            String person = text(at + ".name", p.name, "give the person's name");
            String phone = text(at + ".phone", p.phone, "give the person's mobile number in quotes");
            if (!Phones.isMobile(phone)) {
                // the number is personal data even when it is wrong: masked here too
                throw new ConfigurationProblem(
                        at + ".phone (" + person + ", " + Phones.mask(phone)
                                + ") is not a mobile number: write the 11 digits of a mobile phone, without spaces or +86, in quotes");
            }
            people.add(new DispatchConfig.Person(person, phone));
        }
        List<String> hooks =
                required(key + ".webhooks", u.webhooks, "list the URLs its systems receive alerts at, or [] for none");
        List<URI> webhooks = new ArrayList<>();
        for (int i = 0; i < hooks.size(); i++) {
            webhooks.add(url(key + ".webhooks[" + i + "]", hooks.get(i)));
        }
        DispatchConfig.QuietHours quiet =
                u.quietHours == null ? defaultQuiet : quietHours(key + ".quietHours", u.quietHours);
        Set<AlertLevel> wanted = levels.isEmpty() ? EnumSet.noneOf(AlertLevel.class) : EnumSet.copyOf(levels);
        return new DispatchConfig.Unit(
                name, List.copyOf(people), List.copyOf(webhooks), Collections.unmodifiableSet(wanted), quiet);
    }

    /** Every unit the routing names by a fixed name is in the directory; towns and banks come from the registry. */
    private static void covers(DispatchConfig config, ResponsibilityList routing, Path riskMonitorFile) {
        for (String unit : routing.fixedNames()) {
            if (!config.directory().containsKey(unit)) {
                throw new ConfigurationProblem("directory has no unit " + unit + ", which the routing of "
                        + riskMonitorFile + " names: add it (its contacts may stay empty)");
            }
        }
    }

    private static DispatchConfig.QuietHours quietHours(String key, QuietHoursSection q) {
        return new DispatchConfig.QuietHours(timeOfDay(key + ".from", q.from), timeOfDay(key + ".to", q.to));
    }

    private static LocalTime timeOfDay(String key, String value) {
        text(key, value, "write the time as \"HH:MM\" in quotes, e.g. \"22:00\"");
        if (!TIME_OF_DAY.matcher(value.strip()).matches()) {
            throw new ConfigurationProblem(key + " = " + value
                    + " is not a time of day: write it as \"HH:MM\" in quotes, e.g. \"22:00\" or \"07:00\"");
        }
        return LocalTime.parse(value.strip());
    }

    private static URI url(String key, String value) {
        try {
            URI u = new URI(value.strip());
            if (("http".equals(u.getScheme()) || "https".equals(u.getScheme())) && u.getHost() != null) {
                return u;
            }
        } catch (URISyntaxException e) {
            // told below
        }
        throw new ConfigurationProblem(key + " = " + value
                + " is not an http or https URL: write it in full, e.g. https://example.gov.cn/alerts");
    }

    /** Every ${name} in a template is one paywatch fills in. */
    static void placeholders(String key, String template, Set<String> known) {
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!known.contains(m.group(1))) {
                throw new ConfigurationProblem(key + " has the unknown placeholder ${" + m.group(1) + "}: use "
                        + String.join(
                                ", ",
                                new TreeSet<>(known)
                                        .stream().map(p -> "${" + p + "}").toList()));
            }
        }
        int open = template.replaceAll(PLACEHOLDER.pattern(), "").indexOf("${");
        if (open >= 0) {
            throw new ConfigurationProblem(key + " has a ${ that is never closed: end the placeholder with }");
        }
    }

    private static Duration positive(String key, String value) {
        Duration d = DurationText.parse(key, text(key, value, "write a number and a unit, e.g. 30s, 10m or 1h"));
        if (d.isZero()) {
            throw new ConfigurationProblem(key + " = " + value + " is zero: give it a length, e.g. 10s");
        }
        return d;
    }

    private static int atLeast(String key, Integer value, int min) {
        required(key, value, "give a whole number, " + min + " or more");
        if (value < min) {
            throw new ConfigurationProblem(key + " = " + value + " is out of range: use " + min + " or more");
        }
        return value;
    }

    private static String text(String key, String value, String fix) {
        if (value == null || value.isBlank()) {
            throw new ConfigurationProblem(key + " is missing: " + fix);
        }
        return value;
    }

    private static <T> T required(String key, T value, String fix) {
        if (value == null) {
            throw new ConfigurationProblem(key + " is missing: " + fix);
        }
        return value;
    }

    // The file as written, before checks: each field is a key of jobs/alert-dispatch.yaml, null when missing.

    static final class FileShape {
        public Dispatch dispatch;
        public KafkaSection kafka;
        public InfluxSection influx;
        public GatewaySection gateway;
        public SmsSection sms;
        public TimingSection timing;
        public Map<String, UnitSection> directory;
    }

    static final class Dispatch {
        public String name;
        public String stateDir;
        public String riskMonitorConfig;
    }

    static final class KafkaSection {
        public String bootstrapServers;
        public String groupId;
        public String alertsTopic;
        public String projectsTopic;
        public String failedTopic;
    }

    static final class InfluxSection {
        public String url;
        public String database;
    }

    static final class GatewaySection {
        public String url;
        public Map<String, String> headers;
        public String bodyTemplate;
        public String timeout;
        public Integer maxAttempts;
        public String initialBackoff;
        public String maxBackoff;
    }

    static final class SmsSection {
        public String signature;
        public String county;
        public TemplatesSection templates;
        public Map<String, String> actions;
    }

    static final class TemplatesSection {
        public String raised;
        public String escalated;
        public String downgraded;
        public String cleared;
        public String followUp;
        public String digest;
    }

    static final class TimingSection {
        public String groupWindow;
        public String debounce;
        public QuietHoursSection quietHours;
        public Integer dailyCapPerNumber;
    }

    static final class QuietHoursSection {
        public String from;
        public String to;
    }

    static final class UnitSection {
        public List<AlertLevel> levels;
        public List<PersonSection> contacts;
        public List<String> webhooks;
        public QuietHoursSection quietHours;
    }

    static final class PersonSection {
        public String name;
        public String phone;
    }
}
