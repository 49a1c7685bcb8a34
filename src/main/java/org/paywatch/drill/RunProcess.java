package org.paywatch.drill;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.paywatch.cli.Paywatch;
import org.paywatch.local.FlinkRest;

/** `paywatch run` as its own process, as an operator starts it: the process a process-kill drill kills. */
final class RunProcess implements LiveRun {
    private final Path dir;
    private final Path jobFile;
    private final int webUiPort;
    private Process process;
    private int starts;

    RunProcess(Path dir, Path jobFile, int webUiPort) {
        this.dir = dir;
        this.jobFile = jobFile;
        this.webUiPort = webUiPort;
    }

    /** Starts `paywatch run --config FILE`; the same command every time, so a second start resumes from the state folder. */
    @Override
    public void start() throws IOException {
        starts++;
        process = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx1g",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Paywatch.class.getName(),
                        "run",
                        "--config",
                        jobFile.toString()))
                .redirectOutput(dir.resolve("run-" + starts + ".out").toFile())
                .redirectError(dir.resolve("run-" + starts + ".err").toFile())
                .start();
    }

    /** kill -9. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    boolean alive() {
        return process.isAlive();
    }

    @Override
    public String restUrl() {
        return "http://127.0.0.1:" + webUiPort;
    }

    @Override
    public Map<String, Long> counters() throws Exception {
        FlinkRest rest = new FlinkRest(restUrl());
        return rest.accumulators(rest.runningJob());
    }

    @Override
    public int failures() throws Exception {
        FlinkRest rest = new FlinkRest(restUrl());
        return rest.failures(rest.runningJob());
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM, as Ctrl-C
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
