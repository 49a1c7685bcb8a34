package org.paywatch.io.influx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small client for the InfluxDB 1.x HTTP API: create a database, write lines, query. */
public final class InfluxHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;
    private final Duration timeout;
    private final HttpClient http;

    public InfluxHttp(String url) {
        this(url, Duration.ofSeconds(30));
    }

    public InfluxHttp(String url, Duration timeout) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.timeout = timeout;
        URI.create(this.url); // fail now on a malformed URL, not at the first write
        // InfluxDB 1.x speaks HTTP/1.1 only; skip the h2c upgrade dance.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    public String url() {
        return url;
    }

    /** Creates the database; a no-op if it exists. */
    public void createDatabase(String database) throws IOException, InterruptedException {
        String statement = "CREATE DATABASE \"" + database.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        HttpRequest request = request("/query?q=" + encode(statement))
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        resultsOf(send(request, "CREATE DATABASE " + database));
    }

    /** Writes line-protocol lines with millisecond timestamps. */
    public void write(String database, List<String> lines) throws IOException, InterruptedException {
        if (lines.isEmpty()) {
            return;
        }
        HttpRequest request = request("/write?precision=ms&db=" + encode(database))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines), StandardCharsets.UTF_8))
                .build();
        send(request, "a write of " + lines.size() + " points into " + database);
    }

    /** Runs InfluxQL; times come back as epoch milliseconds. */
    public QueryResult query(String database, String influxql) throws IOException, InterruptedException {
        HttpRequest request = request("/query?epoch=ms&db=" + encode(database) + "&q=" + encode(influxql))
                .GET()
                .build();
        List<QueryResult.Series> series = new ArrayList<>();
        for (JsonNode result : resultsOf(send(request, influxql))) {
            for (JsonNode s : result.path("series")) {
                series.add(new QueryResult.Series(
                        s.path("name").asText(),
                        tags(s.path("tags")),
                        columns(s.path("columns")),
                        values(s.path("values"))));
            }
        }
        return new QueryResult(series);
    }

    private HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(url + pathAndQuery)).timeout(timeout);
    }

    private String send(HttpRequest request, String what) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() / 100 != 2) {
            String error = serverError(response.body());
            throw new InfluxResponseException(
                    "InfluxDB at " + url + " answered " + response.statusCode() + " to " + what + ": " + error,
                    response.statusCode(),
                    error);
        }
        return response.body();
    }

    // A query can fail with 200 OK: the error is then inside its result.
    private JsonNode resultsOf(String body) throws IOException {
        JsonNode root = JSON.readTree(body);
        if (root.hasNonNull("error")) {
            throw new IOException(
                    "InfluxDB at " + url + ": " + root.get("error").asText());
        }
        for (JsonNode result : root.path("results")) {
            if (result.hasNonNull("error")) {
                throw new IOException(
                        "InfluxDB at " + url + ": " + result.get("error").asText());
            }
        }
        return root.path("results");
    }

    private static String serverError(String body) {
        try {
            JsonNode error = JSON.readTree(body).get("error");
            if (error != null) {
                return error.asText();
            }
        } catch (IOException notJson) {
            // fall through to the raw body
        }
        return body == null ? "" : body.strip();
    }

    private static Map<String, String> tags(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return Collections.emptyMap();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        node.properties().forEach(e -> tags.put(e.getKey(), e.getValue().asText()));
        return tags;
    }

    private static List<String> columns(JsonNode node) {
        List<String> columns = new ArrayList<>();
        node.forEach(c -> columns.add(c.asText()));
        return columns;
    }

    private static List<List<Object>> values(JsonNode node) {
        List<List<Object>> rows = new ArrayList<>();
        for (JsonNode row : node) {
            List<Object> values = new ArrayList<>(row.size());
            row.forEach(v -> values.add(plain(v)));
            rows.add(values);
        }
        return rows;
    }

    private static Object plain(JsonNode value) {
        if (value.isNull()) {
            return null;
        } else if (value.isIntegralNumber()) {
            return value.asLong();
        } else if (value.isNumber()) {
            return value.asDouble();
        } else if (value.isBoolean()) {
            return value.asBoolean();
        }
        return value.asText();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
