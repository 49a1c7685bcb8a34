package org.paywatch.local;

import java.time.Duration;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A Flink MiniCluster in this process, every socket on 127.0.0.1: the runtime of replay, demo and `run`. */
public final class LocalFlink {
    /**
     * How often the REST API renews its copy of a monitored job (Flink's default is 3 s). `run` reads each failure from
     * the job's exception history as often; with 3 s, a job that failed, restarted and failed for good within 3 s
     * stopped before the history showed its first failure.
     */
    public static final Duration REST_REFRESH = Duration.ofMillis(250);

    private LocalFlink() {}

    public static Configuration loopback() {
        return Configuration.fromMap(Map.of(
                "rest.bind-address", "127.0.0.1",
                "rest.address", "127.0.0.1",
                "rest.bind-port", "0",
                "jobmanager.bind-host", "127.0.0.1",
                "jobmanager.rpc.address", "127.0.0.1",
                "taskmanager.bind-host", "127.0.0.1",
                "taskmanager.host", "127.0.0.1",
                "taskmanager.numberOfTaskSlots", "8"));
    }

    /** Loopback, with the web UI (and REST API) on {@code webUiPort} and Prometheus metrics on {@code prometheusPort}. */
    public static Configuration monitored(int webUiPort, int prometheusPort) {
        Configuration c = loopback();
        c.set(RestOptions.BIND_PORT, String.valueOf(webUiPort));
        c.set(RestOptions.PORT, webUiPort);
        c.set(WebOptions.REFRESH_INTERVAL, REST_REFRESH);
        c.setString(
                "metrics.reporter.prometheus.factory.class",
                "org.apache.flink.metrics.prometheus.LoopbackPrometheusReporterFactory");
        c.setString("metrics.reporter.prometheus.port", String.valueOf(prometheusPort));
        return c;
    }

    public static StreamExecutionEnvironment environment() {
        return environment(loopback());
    }

    public static StreamExecutionEnvironment environment(Configuration configuration) {
        return StreamExecutionEnvironment.createLocalEnvironment(configuration);
    }
}
