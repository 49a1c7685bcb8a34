package org.paywatch.io.influx;

import java.io.IOException;

/** InfluxDB answered an HTTP request with a status other than 2xx. */
public class InfluxResponseException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String serverError;

    public InfluxResponseException(String message, int status, String serverError) {
        super(message);
        this.status = status;
        this.serverError = serverError;
    }

    public int status() {
        return status;
    }

    /** The server's own words: the "error" of its JSON answer, or the raw body. */
    public String serverError() {
        return serverError;
    }
}
