package org.apache.flink.metrics.prometheus;

import io.prometheus.client.exporter.HTTPServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Flink's Prometheus reporter, listening on 127.0.0.1 only: the local `paywatch run` keeps every
 * socket on loopback (DESIGN.md), and Flink's own {@link PrometheusReporter} binds every interface.
 * It lives in Flink's package because {@link AbstractPrometheusReporter} shares its registry with
 * that package only. On a cluster, Flink's own reporter is the one to use.
 */
public class LoopbackPrometheusReporter extends AbstractPrometheusReporter {
    private final HTTPServer server;

    LoopbackPrometheusReporter(int port) {
        try {
            server = new HTTPServer(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), registry, true);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot serve Prometheus metrics on 127.0.0.1:" + port
                            + " (is another paywatch run using it? set monitoring.prometheusPort)",
                    e);
        }
        log.info("Prometheus metrics on http://127.0.0.1:{}/metrics", server.getPort());
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        server.stop();
        super.close();
    }
}
