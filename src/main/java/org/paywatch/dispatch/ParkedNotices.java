package org.paywatch.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * Where a message that failed after every attempt is reported, besides the ledger: `FILE.failed` in
 * file mode, the `paywatch.dispatch.failed` topic live. One JSON object a notice, the phone masked;
 * `dispatch --retry-parked` sends them again from the ledger.
 */
public final class ParkedNotices implements Outbox.Listener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Consumer<String> out;

    private ParkedNotices(Consumer<String> out) {
        this.out = out;
    }

    /** Appends one line a parked notice to {@code file}. */
    public static ParkedNotices toFile(Path file) {
        return new ParkedNotices(line -> {
            try {
                Files.writeString(
                        file,
                        line + "\n",
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        });
    }

    /** Hands each parked notice's JSON to {@code sink} (a Kafka producer's send). */
    public static ParkedNotices to(Consumer<String> sink) {
        return new ParkedNotices(sink);
    }

    public static String json(Notice n) {
        ObjectNode o = JSON.createObjectNode()
                .put("idempotencyKey", n.key())
                .put("alertId", n.alertId())
                .put("transition", n.transition())
                .put("projectId", n.projectId())
                .put("ruleId", n.ruleId())
                .put("level", n.level())
                .put("unit", n.unit())
                .put("channel", n.channel() == null ? null : n.channel().name())
                .put("address", n.channel() == Channel.SMS ? Phones.mask(n.address()) : endpoint(n.address()))
                .put("attempts", n.attempts())
                .put("reason", n.reason())
                .put("at", n.at());
        return o.toString();
    }

    /** A webhook's scheme, host and port: its path or query may hold a token. */
    private static String endpoint(String url) {
        try {
            java.net.URI u = java.net.URI.create(url);
            return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort());
        } catch (RuntimeException e) {
            return "(webhook)";
        }
    }

    @Override
    public void recorded(Notice notice) {
        if (notice.status() == NoticeStatus.PARKED) {
            out.accept(json(notice));
        }
    }
}
