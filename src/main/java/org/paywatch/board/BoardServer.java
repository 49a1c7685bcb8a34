package org.paywatch.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.paywatch.domain.ConfigurationProblem;

/**
 * The county board over HTTP: the page, its script and style, ECharts from its WebJar, and the JSON API of
 * {@link CountyViews}. The JDK's own server: a few read-only routes need no web framework. With a token, every
 * request must carry it (header, cookie, or ?token= on the page URL, which sets the cookie).
 */
public final class BoardServer implements AutoCloseable {
    static final String COOKIE = "paywatch_board";
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
    private static final String PAGE = "org/paywatch/board/";
    private static final String JSON = "application/json; charset=utf-8";
    private static final String UNAUTHORIZED = "需要看板令牌：请使用带 ?token= 的网址打开。"
            + " The board needs its token: open it with ?token=TOKEN or send Authorization: Bearer TOKEN.\n";

    private static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final HttpServer server;
    private final ExecutorService threads;
    private final CountyViews views;
    private final BoardToken token;
    private final Map<String, Asset> assets;

    private record Asset(byte[] bytes, String contentType, boolean cacheable) {}

    private BoardServer(HttpServer server, ExecutorService threads, CountyViews views, BoardToken token) {
        this.server = server;
        this.threads = threads;
        this.views = views;
        this.token = token;
        this.assets = Map.of(
                "/", new Asset(resource(PAGE + "index.html"), "text/html; charset=utf-8", false),
                "/index.html", new Asset(resource(PAGE + "index.html"), "text/html; charset=utf-8", false),
                "/board.js", new Asset(resource(PAGE + "board.js"), "text/javascript; charset=utf-8", false),
                "/board.css", new Asset(resource(PAGE + "board.css"), "text/css; charset=utf-8", false),
                "/vendor/echarts.min.js", new Asset(resource(ECHARTS), "text/javascript; charset=utf-8", true));
    }

    /**
     * Serves the board on {@code bind}:{@code port} (0 = any free port); {@code token} null serves without one, which the
     * caller allows only on a loopback address.
     */
    public static BoardServer start(CountyViews views, InetAddress bind, int port, BoardToken token) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 0);
        } catch (BindException e) {
            throw new ConfigurationProblem("port " + port + " on " + bind.getHostAddress() + " is in use ("
                    + e.getMessage() + "): stop what listens there or choose another port with --port");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "paywatch-board-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        BoardServer board = new BoardServer(server, threads, views, token);
        server.createContext("/", board::handle);
        server.setExecutor(threads);
        server.start();
        return board;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The page's URL, e.g. http://127.0.0.1:8090/ */
    public String url() {
        InetAddress address = server.getAddress().getAddress();
        String host = address.isAnyLocalAddress() ? "127.0.0.1" : address.getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            x.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            if (!"GET".equals(x.getRequestMethod())) {
                x.getResponseHeaders().set("Allow", "GET");
                send(
                        x,
                        405,
                        "text/plain; charset=utf-8",
                        "只读看板，仅支持 GET。 The board is read-only: GET only.\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            Map<String, String> query = query(x.getRequestURI().getRawQuery());
            if (token != null && !admitted(x, query)) {
                send(x, 401, "text/plain; charset=utf-8", UNAUTHORIZED.getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = x.getRequestURI().getPath(); // decoded by the JDK
            Asset asset = assets.get(path);
            if (asset != null) {
                x.getResponseHeaders().set("Cache-Control", asset.cacheable() ? "max-age=86400" : "no-cache");
                if (asset.contentType().startsWith("text/html")) {
                    x.getResponseHeaders()
                            .set(
                                    "Content-Security-Policy",
                                    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
                }
                send(x, 200, asset.contentType(), asset.bytes());
                return;
            }
            if (path.startsWith("/api/")) {
                api(x, path, query);
                return;
            }
            send(x, 404, "text/plain; charset=utf-8", "页面不存在。 Not found.\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void api(HttpExchange x, String path, Map<String, String> query) throws IOException {
        try {
            Object body;
            if (path.equals("/api/overview")) {
                body = views.overview(BoardFilters.from(query));
            } else if (path.equals("/api/levels-over-time")) {
                body = views.levelsOverTime(BoardFilters.from(query));
            } else if (path.equals("/api/notifications")) {
                body = views.notifications();
            } else if (path.startsWith("/api/projects/") && path.length() > "/api/projects/".length()) {
                String projectId = path.substring("/api/projects/".length());
                var detail = views.project(projectId);
                if (detail.isEmpty()) {
                    json(
                            x,
                            404,
                            Map.of("error", "项目 " + projectId + " 没有监测数据。 No project " + projectId + " in the data."));
                    return;
                }
                body = detail.get();
            } else {
                json(x, 404, Map.of("error", "no such API: " + path));
                return;
            }
            json(x, 200, body);
        } catch (BadRequest e) {
            json(x, 400, Map.of("error", e.getMessage()));
        } catch (InfluxUnavailable e) {
            json(x, 503, Map.of("error", "数据源暂不可用。 " + e.getMessage()));
        } catch (RuntimeException e) {
            System.err.println("paywatch board: " + path + ": " + e);
            json(x, 500, Map.of("error", "看板内部错误。 The board failed: " + e.getMessage()));
        }
    }

    /** Every string leaving the API passes through {@link PublicText}. */
    private static void json(HttpExchange x, int status, Object body) throws IOException {
        x.getResponseHeaders().set("Cache-Control", "no-store");
        send(x, status, JSON, MAPPER.writeValueAsBytes(PublicText.in(MAPPER.valueToTree(body))));
    }

    private boolean admitted(HttpExchange x, Map<String, String> query) {
        String authorization = x.getRequestHeaders().getFirst("Authorization");
        if (authorization != null
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && token.admits(authorization.substring(7).strip())) {
            return true;
        }
        for (String cookies : x.getRequestHeaders().getOrDefault("Cookie", List.of())) {
            for (String cookie : cookies.split(";")) {
                String c = cookie.strip();
                if (c.startsWith(COOKIE + "=") && token.admits(c.substring(COOKIE.length() + 1))) {
                    return true;
                }
            }
        }
        String given = query.get("token");
        if (token.admits(given)) {
            // the page's own requests then carry it without it showing in every URL
            x.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + given + "; Path=/; HttpOnly; SameSite=Strict");
            return true;
        }
        return false;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(name, value);
        }
        return query;
    }

    private static void send(HttpExchange x, int status, String contentType, byte[] body) throws IOException {
        x.getResponseHeaders().set("Content-Type", contentType);
        x.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            x.getResponseBody().write(body);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = BoardServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(
                        name + " is not on the class path: build paywatch.jar with `mvn package`");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
