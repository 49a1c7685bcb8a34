package org.paywatch.local;

import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A Flink MiniCluster in this process, every socket on 127.0.0.1: the runtime of replay, demo and `run`. */
public final class LocalFlink {
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

    public static StreamExecutionEnvironment environment() {
        return StreamExecutionEnvironment.createLocalEnvironment(loopback());
    }
}
