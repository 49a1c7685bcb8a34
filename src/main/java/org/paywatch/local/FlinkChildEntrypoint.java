package org.paywatch.local;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint;
import org.apache.flink.runtime.taskexecutor.TaskManagerRunner;

/**
 * The main class of {@link FlinkCluster}'s child JVMs: runs Flink's own JobManager or TaskManager
 * entrypoint with the given arguments, and exits (through Flink's shutdown hooks) when the pipe from
 * the parent closes. So a test JVM that dies, even by {@code kill -9}, leaves no Flink JVM behind,
 * while a {@code kill -9} of this JVM is still a real TaskManager crash.
 */
final class FlinkChildEntrypoint {

    static final String JOB_MANAGER = "jobmanager";
    static final String TASK_MANAGER = "taskmanager";

    private FlinkChildEntrypoint() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            throw new IllegalArgumentException("the first argument must be " + JOB_MANAGER + " or " + TASK_MANAGER);
        }
        Thread parentWatch = new Thread(FlinkChildEntrypoint::exitWhenParentGoes, "parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();

        String[] flinkArgs = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case JOB_MANAGER -> StandaloneSessionClusterEntrypoint.main(flinkArgs);
            case TASK_MANAGER -> TaskManagerRunner.main(flinkArgs);
            default ->
                throw new IllegalArgumentException(
                        "unknown Flink process '" + args[0] + "': expected " + JOB_MANAGER + " or " + TASK_MANAGER);
        }
    }

    private static void exitWhenParentGoes() {
        try (InputStream parent = System.in) {
            while (parent.read() != -1) {
                // the parent writes nothing; end of stream means it closed the pipe or died
            }
        } catch (IOException e) {
            // a broken pipe means the same
        }
        System.exit(0);
    }
}
