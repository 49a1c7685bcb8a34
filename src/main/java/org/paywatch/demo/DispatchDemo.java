package org.paywatch.demo;

import java.time.Duration;
import java.time.LocalTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.paywatch.config.JobConfig;
import org.paywatch.dispatch.DispatchConfig;
import org.paywatch.local.StandInGateway;

/** The demo's dispatch: the demo directory pointed at the local stand-in gateway, its windows at the demo's pace. */
final class DispatchDemo {
    /** A simulated day passes in a fraction of a second: hold for seconds, not minutes, and no quiet hours. */
    private static final DispatchConfig.Timing DEMO_TIMING = new DispatchConfig.Timing(
            Duration.ofSeconds(3),
            Duration.ofSeconds(3),
            new DispatchConfig.QuietHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT),
            1000);

    private DispatchDemo() {}

    static DispatchConfig pointedAt(
            DispatchConfig c,
            StandInGateway gateway,
            String bootstrapServers,
            String influxUrl,
            JobConfig.Topics topics) {
        DispatchConfig.Gateway g = c.gateway();
        Map<String, DispatchConfig.Unit> directory = new LinkedHashMap<>();
        c.directory()
                .forEach((name, u) -> directory.put(
                        name,
                        new DispatchConfig.Unit(
                                u.name(),
                                u.contacts(),
                                u.webhooks().stream()
                                        .map(w -> gateway.url(w.getPath()))
                                        .toList(),
                                u.levels(),
                                DEMO_TIMING.quietHours())));
        return new DispatchConfig(
                c.name(),
                c.stateDir(),
                new DispatchConfig.Kafka(
                        bootstrapServers,
                        "paywatch-demo-dispatch",
                        topics.alerts,
                        topics.projects,
                        c.kafka().failedTopic()),
                new DispatchConfig.Influx(influxUrl, c.influx().database()),
                g.withUrl(gateway.url()),
                c.sms(),
                DEMO_TIMING,
                directory,
                c.ruleNames());
    }
}
