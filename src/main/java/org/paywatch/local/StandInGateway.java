package org.paywatch.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.paywatch.dispatch.Phones;

/**
 * A stand-in for the bureau's SMS gateway (and for webhook endpoints): a real HTTP server on
 * 127.0.0.1 that records every request and answers 200 with a provider-like JSON body, unless told
 * to be trouble — answer an error status (500, 429 with Retry-After, 400 …), stall past the client's
 * timeout, or close the connection — for the next requests, for one idempotency key, or for one path.
 * {@code GET /requests} lists what it received (numbers masked), for the demo and manual trials.
 *
 * <p>It keeps everything in memory: it is for tests, the demo and trials, not for long runs.
 */
public final class StandInGateway implements AutoCloseable {

    public static final String LISTING_PATH = "/requests";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService handlers;
    private final List<Request> received = new ArrayList<>();
    private final List<Script> scripts = new ArrayList<>();
    private final Map<String, String> bizIds = new LinkedHashMap<>();
    private long lastBizId = 900000000000000L;

    private StandInGateway(HttpServer server, ExecutorService handlers) {
        this.server = server;
        this.handlers = handlers;
    }

    /** Starts on a free port of 127.0.0.1. */
    public static StandInGateway start() {
        return start(0);
    }

    /** Starts on {@code port} of 127.0.0.1 (0: any free one). */
    public static StandInGateway start(int port) {
        AtomicInteger threads = new AtomicInteger();
        // One thread a request, so that a stalled request holds up nothing else.
        ExecutorService handlers = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stand-in-gateway-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            StandInGateway gateway = new StandInGateway(server, handlers);
            server.createContext("/", gateway::handle);
            server.setExecutor(handlers);
            server.start();
            return gateway;
        } catch (IOException e) {
            handlers.shutdownNow();
            throw new UncheckedIOException("could not start the stand-in gateway on 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Where to send SMS: http://127.0.0.1:PORT/sms. */
    public URI url() {
        return url("/sms");
    }

    /** {@code path} on this server, e.g. "/webhook/town" for a webhook endpoint; any path is answered. */
    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + (path.startsWith("/") ? "" : "/") + path);
    }

    /** The next {@code times} requests, whatever they are, get {@code trouble}. */
    public void failNext(int times, Trouble trouble) {
        script(request -> true, times, trouble);
    }

    /** The next {@code times} requests with this {@code Idempotency-Key} get {@code trouble}. */
    public void failKey(String idempotencyKey, int times, Trouble trouble) {
        script(request -> idempotencyKey.equals(request.idempotencyKey()), times, trouble);
    }

    /** The next {@code times} requests to {@code path} get {@code trouble}. */
    public void failPath(String path, int times, Trouble trouble) {
        script(request -> request.path().equals(path), times, trouble);
    }

    /** Scripts apply in the order they were given: the first that matches and has times left answers. */
    private synchronized void script(Predicate<Request> which, int times, Trouble trouble) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be 1 or more: " + times);
        }
        scripts.add(new Script(which, times, Objects.requireNonNull(trouble, "trouble")));
    }

    /** Every request received but listings, oldest first. */
    public synchronized List<Request> requests() {
        return List.copyOf(received);
    }

    /** The requests that carried {@code idempotencyKey}, oldest first. */
    public synchronized List<Request> requests(String idempotencyKey) {
        return received.stream()
                .filter(r -> idempotencyKey.equals(r.idempotencyKey()))
                .toList();
    }

    /** The distinct idempotency keys answered 200, in the order first delivered. */
    public synchronized Set<String> deliveredKeys() {
        Set<String> keys = new LinkedHashSet<>();
        received.stream()
                .filter(Request::delivered)
                .map(Request::idempotencyKey)
                .filter(Objects::nonNull)
                .forEach(keys::add);
        return Collections.unmodifiableSet(keys);
    }

    /** The keys answered 200 more than once, with how often: a message sent again after it was delivered. */
    public synchronized Map<String, Integer> keysDeliveredMoreThanOnce() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        received.stream()
                .filter(Request::delivered)
                .map(Request::idempotencyKey)
                .filter(Objects::nonNull)
                .forEach(key -> counts.merge(key, 1, Integer::sum));
        counts.values().removeIf(n -> n < 2);
        return Collections.unmodifiableMap(counts);
    }

    /** Waits until at least {@code count} requests have come, at most {@code within}; returns them all. */
    public synchronized List<Request> awaitRequests(int count, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (received.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException("the stand-in gateway received " + received.size() + " of " + count
                        + " requests within " + within.toMillis() + " ms");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow(); // wakes the stalled requests, which then close their connections
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (exchange.getRequestMethod().equals("GET") && path.equals(LISTING_PATH)) {
                respond(exchange, 200, listing(), Map.of());
                return;
            }
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name, List.copyOf(values)));
            Request request = new Request(
                    exchange.getRequestMethod(),
                    path,
                    Collections.unmodifiableMap(headers),
                    new String(body, StandardCharsets.UTF_8),
                    Instant.now(),
                    0);
            Trouble trouble = receive(request);
            if (trouble == null) {
                respond(exchange, 200, ok(request.idempotencyKey()), Map.of());
            } else if (trouble.kind() == Trouble.Kind.ANSWER) {
                Map<String, String> extra = trouble.retryAfter() == null
                        ? Map.of()
                        : Map.of("Retry-After", String.valueOf(seconds(trouble.retryAfter())));
                respond(
                        exchange,
                        trouble.status(),
                        trouble.body() != null ? trouble.body() : error(trouble.status()),
                        extra);
            } else if (trouble.kind() == Trouble.Kind.STALL) {
                stall(trouble.stall());
            }
            // STALL and CLOSE end here: closing an exchange that has not answered closes its connection.
        }
    }

    /** Records the request with the status it will get, and picks its trouble, if any. */
    private synchronized Trouble receive(Request request) {
        Trouble trouble = null;
        for (Script s : scripts) {
            if (s.left > 0 && s.which.test(request)) {
                s.left--;
                trouble = s.trouble;
                break;
            }
        }
        scripts.removeIf(s -> s.left == 0);
        int status = trouble == null ? 200 : trouble.kind() == Trouble.Kind.ANSWER ? trouble.status() : 0;
        received.add(request.answered(status));
        notifyAll();
        return trouble;
    }

    private static void stall(Duration howLong) {
        try {
            Thread.sleep(howLong.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing: let the connection go
        }
    }

    private static long seconds(Duration d) {
        return (d.toMillis() + 999) / 1000;
    }

    /** As Aliyun answers; the same BizId for the same key, as a gateway that honours the key would. */
    private synchronized String ok(String key) {
        String bizId = key == null ? newBizId() : bizIds.computeIfAbsent(key, k -> newBizId());
        ObjectNode answer = JSON.createObjectNode()
                .put("Code", "OK")
                .put("Message", "OK")
                .put("BizId", bizId)
                .put("RequestId", UUID.randomUUID().toString().toUpperCase());
        return answer.toString();
    }

    private String newBizId() {
        return ++lastBizId + "^0";
    }

    private static String error(int status) {
        String code = status == 429
                ? "isv.BUSINESS_LIMIT_CONTROL"
                : status >= 500 ? "InternalError" : "isv.INVALID_PARAMETERS";
        return JSON.createObjectNode()
                .put("Code", code)
                .put("Message", "stand-in gateway: scripted HTTP " + status)
                .toString();
    }

    private synchronized String listing() {
        ArrayNode list = JSON.createArrayNode();
        for (Request r : received) {
            ObjectNode item = list.addObject()
                    .put("receivedAt", r.receivedAt().toString())
                    .put("method", r.method())
                    .put("path", r.path())
                    .put("idempotencyKey", r.idempotencyKey())
                    .put("status", r.status())
                    .put("body", MOBILE.matcher(r.body()).replaceAll(m -> Phones.mask(m.group())));
            item.set("headers", JSON.valueToTree(r.headers()));
        }
        return list.toPrettyString();
    }

    private static void respond(HttpExchange exchange, int status, String body, Map<String, String> extra)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        extra.forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * One request as received: its method, path, headers (looked up in any case), body, when it came,
     * and the status it was answered with (0: none, the connection was closed or stalled).
     */
    public record Request(
            String method,
            String path,
            Map<String, List<String>> headers,
            String body,
            Instant receivedAt,
            int status) {

        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        public String idempotencyKey() {
            return header(IDEMPOTENCY_KEY);
        }

        public boolean delivered() {
            return status == 200;
        }

        Request answered(int answer) {
            return new Request(method, path, headers, body, receivedAt, answer);
        }
    }

    /** How to be trouble for a request. */
    public record Trouble(Kind kind, int status, Duration retryAfter, Duration stall, String body) {

        public enum Kind {
            ANSWER,
            STALL,
            CLOSE
        }

        /** Answers {@code status} (e.g. 500, 503, 400, 401) with a provider-like error body. */
        public static Trouble status(int status) {
            return status(status, null);
        }

        /** Answers {@code status} with this body, e.g. one that quotes the number it refuses. */
        public static Trouble status(int status, String body) {
            if (status < 300 || status > 599) {
                throw new IllegalArgumentException("not an error status: " + status);
            }
            return new Trouble(Kind.ANSWER, status, null, null, body);
        }

        /** Answers 429 with {@code Retry-After} in whole seconds (rounded up). */
        public static Trouble tooManyRequests(Duration retryAfter) {
            return new Trouble(Kind.ANSWER, 429, retryAfter, null, null);
        }

        /** Holds the request for {@code howLong}, then closes the connection without an answer. */
        public static Trouble stall(Duration howLong) {
            return new Trouble(Kind.STALL, 0, null, howLong, null);
        }

        /** Closes the connection at once, without an answer. */
        public static Trouble closeConnection() {
            return new Trouble(Kind.CLOSE, 0, null, null, null);
        }
    }

    private static final class Script {
        final Predicate<Request> which;
        final Trouble trouble;
        int left;

        Script(Predicate<Request> which, int times, Trouble trouble) {
            this.which = which;
            this.left = times;
            this.trouble = trouble;
        }
    }
}
