package org.paywatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.paywatch.local.LocalFlink;
import org.paywatch.policy.BusinessCalendar;

/**
 * What the operator of `paywatch run` sees on stderr: the cause of every restart as it happens (from
 * the job's exception history in Flink's REST API) and a status line every monitoring.statusInterval
 * (from the Prometheus endpoint, as Prometheus would read it).
 */
final class JobHealth implements AutoCloseable {
    /**
     * As often as the REST API renews its copy of the job: each failure is told within about half a second, before a
     * job that restarts after a second can fail again and stop.
     */
    private static final Duration POLL = LocalFlink.REST_REFRESH;
    // Text from exceptions is not ours: any run of 8 or more digits could be an account or ID-card number.
    private static final Pattern LONG_NUMBER = Pattern.compile("\\d{8,}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String restUrl;
    private final String metricsUrl;
    private final String jobId;
    private final PrintWriter err;
    private final Duration statusInterval;
    private final String restartLimit;
    private final Thread watcher;
    private long lastExceptionSeen;
    private int failures;
    private volatile boolean closed;

    JobHealth(
            String restUrl,
            String metricsUrl,
            String jobId,
            PrintWriter err,
            Duration statusInterval,
            String restartLimit) {
        this.restUrl = restUrl;
        this.metricsUrl = metricsUrl;
        this.jobId = jobId;
        this.err = err;
        this.statusInterval = statusInterval;
        this.restartLimit = restartLimit;
        this.watcher = new Thread(this::watch, "paywatch-run-health");
        watcher.setDaemon(true);
    }

    JobHealth start() {
        watcher.start();
        return this;
    }

    private void watch() {
        long nextStatus = System.nanoTime() + statusInterval.toNanos();
        while (!closed) {
            try {
                Thread.sleep(POLL.toMillis());
                reportRestarts();
                if (System.nanoTime() >= nextStatus) {
                    nextStatus += statusInterval.toNanos();
                    err.println("paywatch run: " + status(MetricsScrape.of(metricsUrl)));
                    err.flush();
                }
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                // the REST API or the metrics are not up yet, or going down: the next round will tell
            }
        }
    }

    private void reportRestarts() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(restUrl + "/jobs/" + jobId + "/exceptions?maxExceptions=20"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            return;
        }
        JsonNode entries = JSON.readTree(r.body()).path("exceptionHistory").path("entries");
        long newest = lastExceptionSeen;
        for (int i = entries.size() - 1; i >= 0; i--) { // oldest first
            JsonNode e = entries.get(i);
            long at = e.path("timestamp").asLong();
            if (at > lastExceptionSeen) {
                failures++;
                err.println("paywatch run: the job failed (failure " + failures + "; it stops at " + restartLimit
                        + "): " + e.path("taskName").asText("the job") + ": "
                        + rootCause(e.path("stacktrace")
                                .asText(e.path("exceptionName").asText())));
                err.flush();
                newest = Math.max(newest, at);
            }
        }
        lastExceptionSeen = newest;
    }

    /**
     * The status line: counters summed over subtasks; the watermark lag of the project monitor (how late
     * deadlines are judged); the records not yet read (source lag); the age of the last checkpoint;
     * the restarts; the records applied on arrival, behind the watermark (late).
     */
    static String status(MetricsScrape m) {
        return String.format(
                "status %s in=%d applied=%d duplicates=%d deadLettered=%d waiting=%d watermarkLag=%s "
                        + "sourceLag=%d checkpointAge=%s restarts=%d late=%d",
                LocalTime.now(BusinessCalendar.ZONE).truncatedTo(ChronoUnit.SECONDS),
                m.sum("recordsIn"),
                m.sum("recordsApplied"),
                m.sum("recordsDuplicate"),
                m.sum("recordsDeadLettered"),
                m.sum("recordsWaiting"),
                seconds(m.max("watermarkLagMillis").orElse(-1)),
                m.sum("pendingRecords"),
                seconds(m.max("checkpointAgeMillis").orElse(-1)),
                m.sum("numRestarts"),
                m.sum("recordsLate")); // last, so that scripts reading the fields by position still work
    }

    /**
     * The deepest cause of a Java stack trace that says something (has a message): deeper ones are often
     * bare ("ClosedChannelException"), shallower ones Flink's wrappers. One line, long numbers masked.
     */
    static String rootCause(String stackTrace) {
        String cause = stackTrace.lines().findFirst().orElse("");
        for (String line : (Iterable<String>) stackTrace.lines()::iterator) {
            if (line.startsWith("Caused by: ") && line.indexOf(": ", "Caused by: ".length()) > 0) {
                cause = line.substring("Caused by: ".length());
            }
        }
        return oneLine(cause);
    }

    /** As {@link #rootCause(String)}, of a throwable. */
    static String rootCause(Throwable t) {
        Throwable telling = t;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                telling = c;
            }
        }
        return oneLine(
                telling.getClass().getName() + (telling.getMessage() == null ? "" : ": " + telling.getMessage()));
    }

    private static String oneLine(String text) {
        String line = LONG_NUMBER.matcher(text.strip()).replaceAll("********");
        return line.length() <= 400 ? line : line.substring(0, 400) + "…";
    }

    private static String seconds(double millis) {
        return millis < 0 ? "?" : Math.round(millis / 1000) + "s";
    }

    @Override
    public void close() {
        closed = true;
        watcher.interrupt();
        try {
            watcher.join(5_000);
            // A job can fail again and stop between two polls: tell every failure before run says it stopped, if
            // the REST API still answers (the local cluster starts shutting down as the job ends, so not always).
            reportRestarts();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // the REST API is gone with the job: nothing more to tell
        }
    }
}
