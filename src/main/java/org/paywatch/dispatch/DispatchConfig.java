package org.paywatch.dispatch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.AlertTransition;

/**
 * The alert dispatcher's job file (jobs/alert-dispatch.yaml) as checked and typed by {@link DispatchConfigFile#load}:
 * durations, times of day and URLs are parsed once, there.
 *
 * @param stateDir  the ledger's folder; {@code --state} overrides it
 * @param directory every responsible unit by the name alerts give it, in file order
 * @param ruleNames each rule's Chinese name by id, from the risk monitor's job file (dispatch.riskMonitorConfig)
 */
public record DispatchConfig(
        String name,
        Path stateDir,
        Kafka kafka,
        Influx influx,
        Gateway gateway,
        Sms sms,
        Timing timing,
        Map<String, Unit> directory,
        Map<String, String> ruleNames) {

    /** Business time: quiet hours are Asia/Shanghai wall-clock times. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public record Kafka(
            String bootstrapServers, String groupId, String alertsTopic, String projectsTopic, String failedTopic) {}

    public record Influx(String url, String database) {}

    /**
     * The bureau's SMS gateway. {@code bodyTemplate} may use the {@link #PLACEHOLDERS}; an {@code Idempotency-Key}
     * header is added to every request, so {@code headers} may not set it.
     *
     * @param maxAttempts    attempts of one message before it is parked
     * @param initialBackoff the wait before the second attempt, doubling up to {@code maxBackoff}
     */
    public record Gateway(
            URI url,
            Map<String, String> headers,
            String bodyTemplate,
            Duration timeout,
            int maxAttempts,
            Duration initialBackoff,
            Duration maxBackoff) {
        /** What a body template may use: SmsBodyTemplate's placeholders, one list for the file's check and the sender. */
        public static final Set<String> PLACEHOLDERS = Set.copyOf(SmsBodyTemplate.PLACEHOLDERS);

        /** The settings the gateway client takes (checked again there, in the same one-sentence way). */
        public GatewaySettings settings() {
            return new GatewaySettings(
                    url.toString(), headers, bodyTemplate, timeout, maxAttempts, initialBackoff, maxBackoff);
        }

        /** The same gateway at another address (`dispatch --gateway`, the demo's stand-in). */
        public Gateway withUrl(URI other) {
            return new Gateway(other, headers, bodyTemplate, timeout, maxAttempts, initialBackoff, maxBackoff);
        }
    }

    /**
     * @param signature the 签名 that every SMS carries, counted in its length
     * @param county    dropped from the front of a project's name first when a message must be shortened
     * @param actions   what to do, by rule id, for every rule of the risk monitor
     */
    public record Sms(String signature, String county, Templates templates, Map<String, String> actions) {}

    /** One Chinese SMS template per transition kind, and the digest of several alerts for one recipient. */
    public record Templates(
            String raised, String escalated, String downgraded, String cleared, String followUp, String digest) {
        public String of(AlertTransition transition) {
            return switch (transition) {
                case RAISED -> raised;
                case ESCALATED -> escalated;
                case DOWNGRADED -> downgraded;
                case CLEARED -> cleared;
                case FOLLOW_UP -> followUp;
            };
        }

        /** The key of a transition's template in the job file, e.g. sms.templates.followUp. */
        public static String key(AlertTransition transition) {
            return "sms.templates."
                    + switch (transition) {
                        case RAISED -> "raised";
                        case ESCALATED -> "escalated";
                        case DOWNGRADED -> "downgraded";
                        case CLEARED -> "cleared";
                        case FOLLOW_UP -> "followUp";
                    };
        }
    }

    /**
     * @param groupWindow       BLUE and YELLOW messages to one recipient within it go out as one digest
     * @param debounce          a transition cleared again within it sends nothing
     * @param dailyCapPerNumber messages a number gets a day; the rest fold into the next digest
     */
    public record Timing(Duration groupWindow, Duration debounce, QuietHours quietHours, int dailyCapPerNumber) {}

    /** Wall-clock hours (Asia/Shanghai) that hold BLUE and YELLOW messages back; from after to runs over midnight; equal: none. */
    public record QuietHours(LocalTime from, LocalTime to) {
        public boolean contains(Instant t) {
            LocalTime time = t.atZone(ZONE).toLocalTime();
            if (from.equals(to)) {
                return false;
            }
            return from.isBefore(to)
                    ? !time.isBefore(from) && time.isBefore(to)
                    : !time.isBefore(from) || time.isBefore(to);
        }

        /** When messages held at {@code t} may go: the end of the quiet hours {@code t} falls in, or {@code t} itself. */
        public Instant end(Instant t) {
            if (!contains(t)) {
                return t;
            }
            ZonedDateTime local = t.atZone(ZONE);
            LocalDate day = local.toLocalTime().isBefore(to)
                    ? local.toLocalDate()
                    : local.toLocalDate().plusDays(1);
            return day.atTime(to).atZone(ZONE).toInstant();
        }
    }

    /** A person of a unit who gets its SMS. */
    public record Person(String name, String phone) {}

    /**
     * A responsible unit of the directory.
     *
     * @param levels     the levels it wants; the routing table decides which alerts reach it at all
     * @param quietHours its own, or timing.quietHours
     */
    public record Unit(
            String name, List<Person> contacts, List<URI> webhooks, Set<AlertLevel> levels, QuietHours quietHours) {
        /**
         * Whether it wants to hear of a transition: the alert's level is one it wants, or the alert was downgraded
         * from a level it wants (it heard of that one, so it hears that it is over).
         */
        public boolean wants(AlertLevel level, AlertTransition transition) {
            if (levels.contains(level)) {
                return true;
            }
            return transition == AlertTransition.DOWNGRADED && levels.stream().anyMatch(l -> l.compareTo(level) > 0);
        }
    }
}
