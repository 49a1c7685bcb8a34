package org.paywatch.dispatch;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.paywatch.dispatch.Delivery.Outcome;
import org.slf4j.Logger;

/**
 * Posts one message until it is delivered or given up: network errors, timeouts, 429 and 5xx are
 * retried after the policy's backoff (or the Retry-After a 429 or 503 asks for, capped); any other
 * answer but 2xx is a refusal that would only be refused again. The same request, and so the same
 * {@code Idempotency-Key}, goes out on every attempt.
 */
final class DeliveryAttempts {

    private static final int EXCERPT_LENGTH = 160;
    /** A Chinese mobile number standing alone: a gateway's answer may quote the one it refused. */
    private static final Pattern MOBILE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");

    private final HttpClient client;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final Logger log;

    DeliveryAttempts(RetryPolicy policy, Sleeper sleeper, Logger log) {
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // what every SMS gateway speaks; no h2c upgrade dance on http
                .connectTimeout(policy.timeout())
                .followRedirects(HttpClient.Redirect.NEVER) // a POST is not re-sent somewhere else unasked
                .build();
        this.policy = policy;
        this.sleeper = sleeper;
        this.log = log;
    }

    /**
     * Posts {@code request} (its URI, headers but the key, and body) with {@code idempotencyKey}.
     *
     * @param recipient who it is for, as a log line may name it (a masked number, a unit)
     * @param phone a number to mask wherever the gateway's answer quotes it, or null
     * @param refusalHint what a person should check when the gateway refuses, e.g. "check gateway.url"
     */
    Outcome post(HttpRequest.Builder request, String idempotencyKey, String recipient, String phone, String refusalHint)
            throws InterruptedException {
        HttpRequest sent = request.copy()
                .header(GatewaySettings.IDEMPOTENCY_KEY, idempotencyKey)
                .timeout(policy.timeout())
                .build();
        String where = hostAndPort(sent.uri());
        List<String> retried = new ArrayList<>();
        for (int attempt = 1; ; attempt++) {
            Answer answer = attempt(sent);
            if (answer.status() >= 200 && answer.status() < 300) {
                log.debug("{} [{}] delivered at attempt {}", recipient, idempotencyKey, attempt);
                return Outcome.delivered(
                        attempt, retried.isEmpty() ? "" : "delivered after " + String.join("; ", retried));
            }
            String problem = mask(answer.problem(where, RetryPolicy.text(policy.timeout())), phone);
            if (!answer.retryable()) {
                String reason = problem + " (not retried: " + refusalHint + ")";
                log.warn("{} [{}] failed: {}", recipient, idempotencyKey, reason);
                return Outcome.failed(attempt, reason);
            }
            if (attempt >= policy.maxAttempts()) {
                String reason = "gave up after " + attempt + (attempt == 1 ? " attempt" : " attempts") + ", the last: "
                        + problem;
                log.warn("{} [{}] failed: {}", recipient, idempotencyKey, reason);
                return Outcome.failed(attempt, reason);
            }
            Duration wait = answer.retryAfter().isPresent()
                    ? policy.askedWait(answer.retryAfter().get())
                    : policy.backoffAfter(attempt);
            log.warn(
                    "{} [{}]: {} at attempt {} of {}; retrying in {}",
                    recipient,
                    idempotencyKey,
                    problem,
                    attempt,
                    policy.maxAttempts(),
                    RetryPolicy.text(wait));
            retried.add(problem);
            sleeper.sleep(wait);
        }
    }

    private Answer attempt(HttpRequest request) throws InterruptedException {
        CompletableFuture<HttpResponse<String>> response =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        try {
            // The request's own timeout stops at the answer's headers: this one covers a body that stalls too.
            HttpResponse<String> r = response.get(policy.timeout().toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(r.statusCode(), r.body(), retryAfter(r), null);
        } catch (TimeoutException e) {
            response.cancel(true);
            return Answer.failure(new HttpTimeoutException("timed out"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                return Answer.failure(io);
            }
            throw new IllegalStateException("the HTTP client failed unexpectedly", cause);
        } catch (InterruptedException e) {
            response.cancel(true);
            throw e;
        }
    }

    /** Retry-After on 429 and 503, in seconds or as an HTTP date. */
    private static Optional<Duration> retryAfter(HttpResponse<String> r) {
        if (r.statusCode() != 429 && r.statusCode() != 503) {
            return Optional.empty();
        }
        return r.headers().firstValue("Retry-After").map(String::strip).flatMap(value -> {
            if (value.matches("\\d{1,9}")) {
                return Optional.of(Duration.ofSeconds(Long.parseLong(value)));
            }
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                return Optional.of(Duration.between(Instant.now(), at));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        });
    }

    /** host:port, never the path or query, which may hold an access token. */
    static String hostAndPort(URI uri) {
        return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
    }

    /** {@code text} with {@code phone} and any other mobile number masked. */
    static String mask(String text, String phone) {
        String masked = text;
        if (phone != null && !phone.isBlank()) {
            masked = masked.replace(phone.strip(), Phones.mask(phone.strip()));
        }
        return MOBILE.matcher(masked).replaceAll(m -> Phones.mask(m.group()));
    }

    /** What one attempt got: an HTTP answer (status > 0) or a failure to get one. */
    private record Answer(int status, String body, Optional<Duration> retryAfter, IOException failure) {
        static Answer failure(IOException e) {
            return new Answer(0, "", Optional.empty(), e);
        }

        boolean retryable() {
            return failure != null || status == 429 || status >= 500;
        }

        String problem(String where, String timeout) {
            if (failure instanceof HttpConnectTimeoutException) {
                return "could not connect to " + where + " within " + timeout;
            }
            if (failure instanceof HttpTimeoutException) {
                return "no answer from " + where + " within " + timeout;
            }
            if (failure instanceof ConnectException) {
                return "could not connect to " + where;
            }
            if (failure != null) {
                String message = failure.getMessage();
                return "the connection to " + where + " failed ("
                        + (message == null ? failure.getClass().getSimpleName() : message) + ")";
            }
            return "HTTP " + status + " from " + where + ": " + excerpt(body);
        }

        private static String excerpt(String body) {
            String oneLine = body == null ? "" : body.strip().replaceAll("\\s+", " ");
            if (oneLine.isEmpty()) {
                return "(an empty answer)";
            }
            return oneLine.length() <= EXCERPT_LENGTH ? oneLine : oneLine.substring(0, EXCERPT_LENGTH) + "…";
        }
    }
}
