package org.paywatch.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** The few answers of Flink's REST API that drills and the bench read: which job runs, its accumulators, its restarts. */
public final class FlinkRest {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String url;

    /** @param url the REST endpoint, e.g. http://127.0.0.1:8081 */
    public FlinkRest(String url) {
        this.url = url;
    }

    /** The id of the job that is not finished (the newest, if several), or null. */
    public String runningJob() throws IOException, InterruptedException {
        String id = null;
        long newest = Long.MIN_VALUE;
        for (JsonNode job : get("/jobs/overview").path("jobs")) {
            String state = job.path("state").asText();
            if (!state.equals("FINISHED")
                    && !state.equals("CANCELED")
                    && !state.equals("FAILED")
                    && job.path("start-time").asLong() > newest) {
                newest = job.path("start-time").asLong();
                id = job.path("jid").asText();
            }
        }
        return id;
    }

    /** The user accumulators of a job, by name. */
    public Map<String, Long> accumulators(String jobId) throws IOException, InterruptedException {
        Map<String, Long> values = new TreeMap<>();
        for (JsonNode a : get("/jobs/" + jobId + "/accumulators").path("user-task-accumulators")) {
            values.put(a.path("name").asText(), Long.parseLong(a.path("value").asText("0")));
        }
        return values;
    }

    /** How often the job has failed (and restarted, unless it then stopped): its exception history. */
    public int failures(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId + "/exceptions?maxExceptions=1000")
                .path("exceptionHistory")
                .path("entries")
                .size();
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(url + path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException(url + path + " answered " + r.statusCode());
        }
        return JSON.readTree(r.body());
    }
}
