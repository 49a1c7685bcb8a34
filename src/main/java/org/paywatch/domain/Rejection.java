package org.paywatch.domain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** A record that was not applied, with why: the dead-letter topic, or the `.rejected` file of a replay. */
public class Rejection {
    public Origin origin;
    /** The bytes as received, personal data masked ({@link PersonalNumbers#maskedPayload}), cut to the configured maximum. */
    public byte[] payload;
    /** The length of the payload as received; -1 when the payload is not kept (a record given up after waiting). */
    public int payloadLength;
    /** SHA-256 (hex) of the payload as received, when {@link #payload} was cut: how the sender finds the record. */
    public String payloadSha256;

    public RejectionCause cause;
    public String reason;
    public long time;

    /** A rejection that carries no payload: the record is found by its origin. */
    public static Rejection of(Origin origin, RejectionCause cause, String reason, long time) {
        Rejection r = new Rejection();
        r.origin = origin;
        r.payload = new byte[0];
        r.payloadLength = -1;
        r.cause = cause;
        r.reason = reason;
        r.time = time;
        return r;
    }

    /**
     * A rejection with its payload: {@code masked} (personal numbers masked, same length as received)
     * is cut to {@code maxPayloadBytes}, so that no dead letter is too large for the producer to send;
     * when cut, the digest of {@code received} lets the sender find the record.
     */
    public static Rejection withPayload(
            Origin origin,
            byte[] received,
            byte[] masked,
            int maxPayloadBytes,
            RejectionCause cause,
            String reason,
            long time) {
        Rejection r = of(origin, cause, reason, time);
        r.payloadLength = received.length;
        if (masked.length > maxPayloadBytes) {
            r.payload = Arrays.copyOf(masked, maxPayloadBytes);
            r.payloadSha256 = sha256(received);
        } else {
            r.payload = masked;
        }
        return r;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
