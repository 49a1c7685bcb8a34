package org.paywatch.board;

/** InfluxDB did not answer a read of the board: the API says 503 and the page keeps its last data. */
final class InfluxUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    InfluxUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
