package org.paywatch.local;

/** The InfluxDB 1.x server binary is missing from this machine. */
public final class InfluxNotInstalledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InfluxNotInstalledException() {
        super("influxd is not installed: run `sudo apt-get install -y influxdb` (Debian/Ubuntu) and try again.");
    }
}
