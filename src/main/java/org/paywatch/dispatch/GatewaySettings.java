package org.paywatch.dispatch;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.paywatch.domain.ConfigurationProblem;

/**
 * The bureau's SMS gateway, as the job file's {@code gateway} section sets it: where to POST, the
 * headers to send (the credentials; {@code Idempotency-Key} is always added), the body template (see
 * {@link SmsBodyTemplate} for its placeholders), and the retry policy. Checked when made: a bad
 * setting is a {@link ConfigurationProblem} naming it and the fix.
 */
public record GatewaySettings(
        String url,
        Map<String, String> headers,
        String bodyTemplate,
        Duration timeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff) {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String CONTENT_TYPE = "Content-Type";
    static final String JSON_UTF8 = "application/json; charset=utf-8";

    public GatewaySettings {
        httpUrl("gateway.url", url);
        headers = checkedHeaders(headers);
        new RetryPolicy(timeout, maxAttempts, initialBackoff, maxBackoff);
        SmsBodyTemplate template = new SmsBodyTemplate(bodyTemplate);
        if (contentType(headers).toLowerCase(Locale.ROOT).contains("json")) {
            template.requireJson();
        }
    }

    public URI uri() {
        return URI.create(url.strip());
    }

    public RetryPolicy retryPolicy() {
        return new RetryPolicy(timeout, maxAttempts, initialBackoff, maxBackoff);
    }

    /** The configured Content-Type, else JSON in UTF-8. */
    static String contentType(Map<String, String> headers) {
        return headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase(CONTENT_TYPE))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(JSON_UTF8);
    }

    /** An absolute http or https URL, or the problem naming {@code key}. */
    static URI httpUrl(String key, String url) {
        String fix = ": write it like https://sms.example.gov.cn/send";
        if (url == null || url.isBlank()) {
            throw new ConfigurationProblem(key + " is missing" + fix);
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((!scheme.equals("http") && !scheme.equals("https")) || uri.getHost() == null) {
                throw new ConfigurationProblem(key + " = " + url + " is not an http or https URL" + fix);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ConfigurationProblem(key + " = " + url + " is not a URL (" + e.getReason() + ")" + fix);
        }
    }

    private static Map<String, String> checkedHeaders(Map<String, String> headers) {
        if (headers == null) {
            return Map.of();
        }
        HttpRequest.Builder probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1/"));
        Map<String, String> checked = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers.entrySet()) {
            String name = h.getKey() == null ? "" : h.getKey().strip();
            if (name.equalsIgnoreCase(IDEMPOTENCY_KEY)) {
                throw new ConfigurationProblem("gateway.headers sets " + IDEMPOTENCY_KEY
                        + ", which paywatch sets itself for each message: remove it");
            }
            if (h.getValue() == null) {
                throw new ConfigurationProblem("gateway.headers." + name + " has no value: give it one or remove it");
            }
            try {
                probe.header(name, h.getValue());
            } catch (IllegalArgumentException e) {
                // The message names the header, never its value: it may be a credential.
                throw new ConfigurationProblem("gateway.headers." + name
                        + " cannot be sent (a restricted or malformed header name, or a line break in its value): "
                        + "remove it or fix it");
            }
            checked.put(name, h.getValue());
        }
        return Collections.unmodifiableMap(checked);
    }
}
