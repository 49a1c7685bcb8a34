package org.paywatch.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real InfluxDB 1.x server ({@code influxd}) as a child process, listening on 127.0.0.1 only,
 * with all its files in a directory that belongs to the caller.
 *
 * <p>{@code influxd} runs under a tiny {@code sh} watchdog that reads our stdin: when this JVM
 * exits, even by {@code kill -9}, the pipe closes and the watchdog stops {@code influxd}, so no
 * orphan server outlives the tests or the demo.
 */
public final class InfluxServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxServer.class);
    private static final Path DEBIAN_BINARY = Path.of("/usr/bin/influxd");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    // $0 = influxd, $1 = config file. Exits with influxd's status, so a crash is seen at once.
    private static final String WATCHDOG = String.join(
            "\n",
            "exec 3<&0",
            "\"$0\" -config \"$1\" 3<&- &",
            "influxd=$!",
            "(read -r _ <&3; kill $influxd 2>/dev/null) &",
            "wait $influxd");

    private final Process watchdog;
    private final String url;
    private final Path logFile;
    private final Thread shutdownHook;

    private InfluxServer(Process watchdog, String url, Path logFile) {
        this.watchdog = watchdog;
        this.url = url;
        this.logFile = logFile;
        this.shutdownHook = new Thread(this::stop, "influxd-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts {@code influxd} on a free loopback port and waits until {@code /ping} answers. */
    public static InfluxServer start(Path dataDir) {
        for (int attempt = 1; ; attempt++) {
            try {
                return start(dataDir, FreePort.onLoopback());
            } catch (IllegalStateException e) {
                // A port found free can be taken by another process before influxd binds it: pick others.
                boolean taken = e.getMessage() != null && e.getMessage().contains("address already in use");
                if (!taken || attempt == 3) {
                    throw e;
                }
                LOG.warn("influxd found its port taken, trying other ports: {}", e.getMessage());
            }
        }
    }

    /** As {@link #start(Path)}, on a given HTTP port: to restart a server where clients expect it. */
    public static InfluxServer start(Path dataDir, int httpPort) {
        Path binary = influxdBinary(DEBIAN_BINARY, System.getenv("PATH"));
        String url = "http://127.0.0.1:" + httpPort;
        Path logFile = dataDir.resolve("influxd.log");
        Process watchdog;
        try {
            Path config = writeConfig(dataDir, httpPort, FreePort.onLoopback());
            watchdog = new ProcessBuilder("sh", "-c", WATCHDOG, binary.toString(), config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start influxd in " + dataDir, e);
        }
        InfluxServer server = new InfluxServer(watchdog, url, logFile);
        try {
            server.awaitPing();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.info("influxd {} ready at {}, data in {}", binary, url, dataDir);
        return server;
    }

    public String url() {
        return url;
    }

    /** The {@code influxd} process itself, while it runs: for checks that look at the real process. */
    Optional<ProcessHandle> influxd() {
        return watchdog.descendants()
                .filter(p -> p.info().command().map(c -> c.endsWith("influxd")).orElse(false))
                .findFirst();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException jvmAlreadyShuttingDown) {
            // the hook is running or will run; stop() is idempotent
        }
    }

    /** Finds {@code influxd}: the Debian package's path first, then the {@code PATH}. */
    static Path influxdBinary(Path preferred, String pathVariable) {
        Stream<Path> onPath = pathVariable == null
                ? Stream.empty()
                : Stream.of(pathVariable.split(File.pathSeparator))
                        .filter(dir -> !dir.isBlank())
                        .map(dir -> Path.of(dir, "influxd"));
        return Stream.concat(Stream.of(preferred), onPath)
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(InfluxNotInstalledException::new);
    }

    private void awaitPing() {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ping = HttpRequest.newBuilder(URI.create(url + "/ping"))
                .timeout(Duration.ofSeconds(1))
                .GET()
                .build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!watchdog.isAlive()) {
                throw new IllegalStateException("influxd exited with code " + watchdog.exitValue()
                        + " before answering " + url + "/ping; its log ends with: " + logTail());
            }
            try {
                if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for influxd at " + url, e);
            }
            sleep(Duration.ofMillis(50));
        }
        throw new IllegalStateException("influxd did not answer " + url + "/ping within " + READY_TIMEOUT
                + "; its log ends with: " + logTail());
    }

    // Closing stdin makes the watchdog send SIGTERM to influxd and exit once influxd has.
    private void stop() {
        try {
            watchdog.getOutputStream().close();
            if (!watchdog.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("influxd at {} did not stop within {}: killing it", url, STOP_TIMEOUT);
                kill();
            }
        } catch (IOException e) {
            kill();
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    private void kill() {
        watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
        watchdog.destroyForcibly();
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log at " + logFile + ")";
        }
    }

    private static Path writeConfig(Path dataDir, int httpPort, int rpcPort) throws IOException {
        Files.createDirectories(dataDir);
        String config = String.join(
                "\n",
                "# Written by paywatch's InfluxServer: loopback only, no telemetry, quiet.",
                "# Upstream 1.x reads reporting-disabled; Debian's build renamed it reporting-enabled.",
                "reporting-disabled = true",
                "reporting-enabled = false",
                "bind-address = " + toml("127.0.0.1:" + rpcPort),
                "",
                "[meta]",
                "  dir = " + toml(dataDir.resolve("meta")),
                "  logging-enabled = false",
                "",
                "[data]",
                "  dir = " + toml(dataDir.resolve("data")),
                "  wal-dir = " + toml(dataDir.resolve("wal")),
                "  query-log-enabled = false",
                "",
                "[monitor]",
                "  store-enabled = false",
                "",
                "[http]",
                "  bind-address = " + toml("127.0.0.1:" + httpPort),
                "  log-enabled = false",
                "  pprof-enabled = false",
                "",
                "[continuous_queries]",
                "  log-enabled = false",
                "",
                "[logging]",
                "  level = \"warn\"",
                "  suppress-logo = true",
                "");
        Path file = dataDir.resolve("influxd.conf");
        Files.writeString(file, config, StandardCharsets.UTF_8);
        return file;
    }

    private static String toml(Object value) {
        return '"' + value.toString().replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for influxd", e);
        }
    }
}
