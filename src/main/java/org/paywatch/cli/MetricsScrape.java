package org.paywatch.cli;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * One reading of a Prometheus endpoint (text format 0.0.4), as Prometheus itself would scrape it:
 * what `run` prints in its status line and what a drill reconciles.
 */
final class MetricsScrape {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One sample: the metric name, its labels as written, and the value. */
    record Sample(String name, String labels, double value) {}

    private final List<Sample> samples;

    private MetricsScrape(List<Sample> samples) {
        this.samples = samples;
    }

    static MetricsScrape of(String url) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(url + " answered " + response.statusCode());
        }
        return parse(response.body());
    }

    static MetricsScrape parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int brace = line.indexOf('{');
            int space = line.lastIndexOf(' ');
            if (space < 0) {
                continue;
            }
            String name = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
            String labels = brace >= 0 && brace < space ? line.substring(brace + 1, line.lastIndexOf('}')) : "";
            try {
                samples.add(new Sample(
                        name.trim(),
                        labels,
                        Double.parseDouble(line.substring(space + 1).trim())));
            } catch (NumberFormatException notAValue) {
                // a sample with a timestamp or an unusual value: not one of ours
            }
        }
        return new MetricsScrape(samples);
    }

    /** The sum over every series whose name ends with {@code _suffix} (every subtask, feed and cause). */
    long sum(String suffix) {
        double total = 0;
        for (Sample s : samples) {
            if (s.name().endsWith("_" + suffix)) {
                total += s.value();
            }
        }
        return Math.round(total);
    }

    /** The largest value among the series whose name ends with {@code _suffix}, if there is one. */
    OptionalDouble max(String suffix) {
        return samples.stream()
                .filter(s -> s.name().endsWith("_" + suffix))
                .mapToDouble(Sample::value)
                .max();
    }

    List<Sample> samples() {
        return samples;
    }
}
