package org.paywatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfluxServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dataDir;

    @Test
    void shouldAnswerPingOnLoopback() throws Exception {
        try (InfluxServer influx = InfluxServer.start(dataDir)) {
            assertThat(influx.url()).matches("http://127\\.0\\.0\\.1:\\d+");
            assertThat(ping(influx.url())).isEqualTo(204);
        }
    }

    @Test
    void shouldListenOnLoopbackOnly() throws Exception {
        try (InfluxServer influx = InfluxServer.start(dataDir)) {
            long pid = influx.influxd().orElseThrow().pid();

            List<String> listening = listeningAddresses(pid);

            assertThat(listening)
                    .hasSize(2) // HTTP and RPC
                    .allSatisfy(address -> assertThat(address).startsWith("0100007F:"));
        }
    }

    @Test
    void shouldStopInfluxdWhenClosed() throws Exception {
        InfluxServer influx = InfluxServer.start(dataDir);
        ProcessHandle influxd = influx.influxd().orElseThrow();

        influx.close();

        assertThat(influxd.isAlive()).isFalse();
        assertThatThrownBy(() -> ping(influx.url())).isInstanceOf(ConnectException.class);
    }

    @Test
    void shouldStopInfluxdWhenTheJvmThatStartedItIsKilled() throws Exception {
        Process jvm = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        RunUntilKilled.class.getName(),
                        dataDir.toString())
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out =
                new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
            String url = out.lines()
                    .filter(line -> line.startsWith("http://"))
                    .findFirst()
                    .orElseThrow();
            assertThat(ping(url)).isEqualTo(204);
            ProcessHandle influxd = influxdRunningIn(dataDir);

            jvm.destroyForcibly(); // SIGKILL: no shutdown hook runs

            assertThat(jvm.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(influxd.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
        } finally {
            jvm.destroyForcibly();
        }
    }

    @Test
    void shouldNameTheInstallCommandWhenInfluxdIsMissing() {
        assertThatThrownBy(() -> InfluxServer.influxdBinary(dataDir.resolve("influxd"), dataDir.toString()))
                .isInstanceOf(InfluxNotInstalledException.class)
                .hasMessage("influxd is not installed: run `sudo apt-get install -y influxdb` (Debian/Ubuntu)"
                        + " and try again.");
    }

    @Test
    void shouldFindInfluxdOnThePath() {
        Path found = InfluxServer.influxdBinary(dataDir.resolve("influxd"), dataDir + ":/usr/bin");

        assertThat(found).isEqualTo(Path.of("/usr/bin/influxd"));
    }

    /** Main of the child JVM in {@link #shouldStopInfluxdWhenTheJvmThatStartedItIsKilled}. */
    static final class RunUntilKilled {
        public static void main(String[] args) throws InterruptedException {
            InfluxServer influx = InfluxServer.start(Path.of(args[0]));
            System.out.println(influx.url());
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }

    private static int ping(String url) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/ping"))
                .timeout(Duration.ofSeconds(2))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static ProcessHandle influxdRunningIn(Path dataDir) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("influxd")).orElse(false))
                .filter(p -> p.info()
                        .arguments()
                        .map(a -> String.join(" ", a).contains(dataDir.toString()))
                        .orElse(false))
                .findFirst()
                .orElseThrow();
    }

    /** Local addresses (hex, as in /proc/net/tcp) of the sockets the process listens on. */
    private static List<String> listeningAddresses(long pid) throws IOException {
        Set<String> inodes;
        try (Stream<Path> fds = Files.list(Path.of("/proc", String.valueOf(pid), "fd"))) {
            inodes = fds.map(InfluxServerTest::linkTarget)
                    .filter(target -> target.startsWith("socket:["))
                    .map(target -> target.substring(8, target.length() - 1))
                    .collect(Collectors.toSet());
        }
        try (Stream<String> tcp =
                Stream.concat(Files.lines(Path.of("/proc/net/tcp")), Files.lines(Path.of("/proc/net/tcp6")))) {
            return tcp.map(line -> line.trim().split("\\s+"))
                    .filter(cols -> cols.length > 9 && "0A".equals(cols[3]) && inodes.contains(cols[9]))
                    .map(cols -> cols[1])
                    .toList();
        }
    }

    private static String linkTarget(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException closedMeanwhile) {
            return "";
        }
    }
}
