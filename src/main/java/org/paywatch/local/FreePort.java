package org.paywatch.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** A TCP port that is free on the loopback interface right now. */
public final class FreePort {

    private FreePort() {}

    /**
     * Asks the OS for an ephemeral port on 127.0.0.1 and releases it at once. Another process may
     * take it before the caller binds; the window is tiny and the ephemeral range is large.
     */
    public static int onLoopback() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }
}
