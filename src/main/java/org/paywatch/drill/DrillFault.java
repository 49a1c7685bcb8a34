package org.paywatch.drill;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The faults a drill injects into the live job mid-stream, after alerts have been committed. */
public enum DrillFault {
    /** kill -9 of `paywatch run`, then the same command again: it must resume from its state folder. */
    PROCESS_KILL("process-kill", false),
    /** kill -9 of a TaskManager of the cluster, and a replacement started as Kubernetes would. */
    TASKMANAGER_KILL("taskmanager-kill", true),
    /** influxd stopped for half a minute, then started again on the same port and data. */
    INFLUX_OUTAGE("influx-outage", true),
    /** The Kafka broker stopped for ten seconds and started again. */
    BROKER_RESTART("broker-restart", true),
    /** A bank record of about 1 MB with a negative amount, on a topic that allows 4 MB. */
    POISON_RECORD("poison-record", true);

    public final String label;
    /** Whether the job runs on the multi-process cluster (else as `paywatch run`, the process that is killed). */
    public final boolean onCluster;

    DrillFault(String label, boolean onCluster) {
        this.label = label;
        this.onCluster = onCluster;
    }

    public static String labels() {
        return Arrays.stream(values()).map(f -> f.label).collect(Collectors.joining(", "));
    }
}
