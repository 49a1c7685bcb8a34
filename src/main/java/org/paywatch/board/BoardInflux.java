package org.paywatch.board;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.paywatch.io.influx.InfluxHttp;
import org.paywatch.io.influx.InfluxResponseException;

/**
 * The board's reads from one InfluxDB 1.x database. A database nothing has written yet reads as empty;
 * InfluxDB not answering is {@link InfluxUnavailable}, within seconds, never a hung request.
 */
public final class BoardInflux {
    /** Longer than any of the board's queries takes on a county, short enough for a page polling every 5 s. */
    private static final Duration TIMEOUT = Duration.ofSeconds(8);

    private final InfluxHttp http;
    private final String database;

    public BoardInflux(String url, String database) {
        this.http = new InfluxHttp(url, TIMEOUT);
        this.database = database;
    }

    public String url() {
        return http.url();
    }

    public String database() {
        return database;
    }

    /** Throws {@link InfluxUnavailable} if InfluxDB does not answer. */
    public void checkAnswers() {
        rows("SHOW DATABASES");
    }

    /** Every row of every series, with the series' GROUP BY tags; times in epoch milliseconds. */
    List<Map<String, Object>> rows(String influxql) {
        try {
            return http.query(database, influxql).rows();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfluxUnavailable("interrupted while reading InfluxDB at " + http.url(), e);
        } catch (InfluxResponseException e) {
            if (e.status() >= 500) {
                throw new InfluxUnavailable("InfluxDB at " + http.url() + " answered " + e.status(), e);
            }
            throw new IllegalStateException(
                    "InfluxDB rejected the board's query " + influxql + ": " + e.serverError(), e);
        } catch (IOException e) {
            String said = String.valueOf(e.getMessage());
            if (said.contains("database not found")) {
                return List.of(); // nothing written yet: an empty county, not an error
            }
            if (said.startsWith("InfluxDB at " + http.url() + ": ")) {
                // it answered, with an error inside its result: the query is wrong, not the server away
                throw new IllegalStateException("InfluxDB rejected the board's query " + influxql + ": " + said, e);
            }
            throw new InfluxUnavailable(
                    "InfluxDB at " + http.url() + " does not answer ("
                            + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                            + ")",
                    e);
        }
    }

    /** An InfluxQL string literal of user input: quotes and backslashes escaped. */
    static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
