package org.paywatch.domain;

/**
 * A record as it arrives, before entry: where it came from, its bytes, and either what it decoded to
 * or why it did not. It still holds personal numbers in clear: only the entry operator sees it.
 */
public class Received {
    public Origin origin;
    public Feed feed;
    public byte[] payload;
    /** The decoded record (Project, WorkerRegistration, …), or null if decoding failed. */
    public FeedEvent event;
    /** Why the record could not be decoded or cannot be true, or null. */
    public String error;
    /** The category of {@link #error}, or null. */
    public RejectionCause cause;
    /** Event time of the record, or the log's timestamp when it did not decode. */
    public long timestamp;

    public static Received decoded(Origin origin, Feed feed, byte[] payload, FeedEvent event) {
        Received r = new Received();
        r.origin = origin;
        r.feed = feed;
        r.payload = payload;
        r.event = event;
        r.timestamp = event.eventTime();
        return r;
    }

    public static Received failed(
            Origin origin, Feed feed, byte[] payload, RejectionCause cause, String error, long timestamp) {
        Received r = new Received();
        r.origin = origin;
        r.feed = feed;
        r.payload = payload;
        r.cause = cause;
        r.error = error;
        r.timestamp = timestamp;
        return r;
    }
}
