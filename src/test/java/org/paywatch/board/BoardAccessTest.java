package org.paywatch.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.cli.Paywatch;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.local.FreePort;
import org.paywatch.local.InfluxServer;
import picocli.CommandLine;

/** Who may see the board, and what it does when InfluxDB is empty, missing at start, or goes away. */
class BoardAccessTest {
    private static final String TOKEN = "3a7c1f0e9b2d4c6a8e0f1b3d5c7a9e1f";

    @TempDir
    static Path dir;

    static InfluxServer influx;
    static JobConfig job;

    @BeforeAll
    static void startAnEmptyInfluxDb() {
        influx = InfluxServer.start(dir.resolve("influx"));
        job = JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"));
    }

    @AfterAll
    static void stop() {
        if (influx != null) {
            influx.close();
        }
    }

    @Test
    void shouldRefuseToListenBeyondThisMachineWithoutAToken() {
        Run run = board("--influx", influx.url(), "--bind", "0.0.0.0", "--port", String.valueOf(FreePort.onLoopback()));
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err.strip())
                .isEqualTo("paywatch board: --bind 0.0.0.0 exposes the board beyond this machine: "
                        + "give --token-file FILE with a secret token too");
    }

    @Test
    void shouldRefuseAnEmptyTokenFileInOneSentence() throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.token"), "\n");
        Run run = board("--influx", influx.url(), "--bind", "0.0.0.0", "--token-file", empty.toString());
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err.lines()).hasSize(1);
        assertThat(run.err).contains("--token-file " + empty + " has no token on its first line");
    }

    @Test
    void shouldSayInOneSentenceThatInfluxDbDoesNotAnswer() {
        String nobody = "http://127.0.0.1:" + FreePort.onLoopback();
        Run run = board("--influx", nobody, "--port", String.valueOf(FreePort.onLoopback()));
        assertThat(run.exit).isEqualTo(2);
        assertThat(run.err.lines()).hasSize(1);
        assertThat(run.err)
                .contains("InfluxDB at " + nobody + " does not answer (")
                .contains("): start influxd or correct --influx");
    }

    @Test
    void shouldNameThePortInUseAndTheOptionToChooseAnother() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Run run = board("--influx", influx.url(), "--port", String.valueOf(taken.getLocalPort()));
            assertThat(run.exit).isEqualTo(2);
            assertThat(run.err.lines()).hasSize(1);
            assertThat(run.err)
                    .contains("port " + taken.getLocalPort() + " on 127.0.0.1 is in use")
                    .contains("--port");
        }
    }

    @Test
    void shouldAskEveryRequestForTheTokenAndAcceptItByHeaderQueryOrCookie() throws Exception {
        Path tokenFile =
                Files.writeString(dir.resolve("board.token"), TOKEN + "\nanything after the first line is ignored\n");
        try (BoardServer board = BoardServer.start(
                views(influx.url()), InetAddress.getLoopbackAddress(), 0, BoardToken.fromFile(tokenFile))) {
            BoardClient client = new BoardClient(board.url());
            for (String path : new String[] {"/", "/vendor/echarts.min.js", "/api/overview", "/api/projects/X"}) {
                HttpResponse<String> refused = client.get(path);
                assertThat(refused.statusCode()).as(path).isEqualTo(401);
                assertThat(refused.body()).contains("需要看板令牌").contains("The board needs its token");
            }
            assertThat(client.get("/api/overview", "Authorization", "Bearer wrong" + TOKEN)
                            .statusCode())
                    .isEqualTo(401);
            assertThat(client.get("/api/overview?token=" + TOKEN.substring(1)).statusCode())
                    .isEqualTo(401);
            assertThat(client.get("/api/overview", "Cookie", BoardServer.COOKIE + "=" + TOKEN + "x")
                            .statusCode())
                    .isEqualTo(401);

            assertThat(client.get("/api/overview", "Authorization", "Bearer " + TOKEN)
                            .statusCode())
                    .isEqualTo(200);
            HttpResponse<String> page = client.get("/?token=" + TOKEN);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Set-Cookie"))
                    .hasValue(BoardServer.COOKIE + "=" + TOKEN + "; Path=/; HttpOnly; SameSite=Strict");
            assertThat(client.get("/api/overview", "Cookie", "other=1; " + BoardServer.COOKIE + "=" + TOKEN)
                            .statusCode())
                    .isEqualTo(200);
        }
    }

    @Test
    void shouldShowAnEmptyCountyWhenNothingHasBeenWrittenYet() throws Exception {
        try (BoardServer board = BoardServer.start(views(influx.url()), InetAddress.getLoopbackAddress(), 0, null)) {
            BoardClient client = new BoardClient(board.url());
            var overview = client.json("/api/overview");
            assertThat(overview.get("counts").get("projects").asInt()).isZero();
            assertThat(overview.get("ranking")).isEmpty();
            assertThat(overview.get("asOf").isNull()).isTrue();
            assertThat(client.json("/api/levels-over-time").get("days")).isEmpty();
            assertThat(client.json("/api/notifications").get("byUnit")).isEmpty();
            assertThat(client.get("/api/projects/GT2025-001").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void shouldAnswer503QuicklyWhileInfluxDbIsDown() throws Exception {
        InfluxServer goingAway = InfluxServer.start(dir.resolve("influx-going-away"));
        try (BoardServer board = BoardServer.start(views(goingAway.url()), InetAddress.getLoopbackAddress(), 0, null)) {
            BoardClient client = new BoardClient(board.url());
            assertThat(client.get("/api/overview").statusCode()).isEqualTo(200);
            goingAway.close();

            long began = System.nanoTime();
            for (String path : new String[] {
                "/api/overview", "/api/levels-over-time", "/api/projects/GT2025-001", "/api/notifications"
            }) {
                HttpResponse<String> response = client.get(path);
                assertThat(response.statusCode()).as(path).isEqualTo(503);
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
                assertThat(BoardClient.parse(response.body()).get("error").asText())
                        .contains("数据源暂不可用", goingAway.url());
            }
            assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(20));
            assertThat(client.get("/").statusCode())
                    .as("the page itself stays up")
                    .isEqualTo(200);
        } finally {
            goingAway.close();
        }
    }

    private static CountyViews views(String url) {
        return new CountyViews(new BoardInflux(url, "paywatch"), job);
    }

    private record Run(int exit, String err) {}

    /** The CLI in this JVM, for the runs that refuse to start (one that starts would serve until Ctrl-C). */
    private static Run board(String... options) {
        CommandLine cl = Paywatch.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        String[] args = new String[options.length + 1];
        args[0] = "board";
        System.arraycopy(options, 0, args, 1, options.length);
        return new Run(cl.execute(args), err.toString());
    }
}
