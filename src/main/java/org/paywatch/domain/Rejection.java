package org.paywatch.domain;

/** A record that was not applied, with why: the dead-letter topic, or the `.rejected` file of a replay. */
public class Rejection {
    public Origin origin;
    /** The bytes as received, with personal data masked ({@link PersonalNumbers#maskedPayload}). */
    public byte[] payload;
    public String reason;
    public long time;

    public static Rejection of(Origin origin, byte[] payload, String reason, long time) {
        Rejection r = new Rejection();
        r.origin = origin;
        r.payload = payload;
        r.reason = reason;
        r.time = time;
        return r;
    }
}
