package org.paywatch.dispatch;

import java.util.Objects;

/**
 * Sends one message to one contact and says how it went. Implementations retry what may pass on a
 * second try and give up on what will not; the caller records the outcome and parks failures.
 */
public interface Delivery {

    /**
     * Sends {@code message}, retrying as configured; returns once it is delivered or given up.
     *
     * @throws InterruptedException if the thread is interrupted while waiting: the outcome is then
     *     unknown (a request may have reached the gateway), so the caller must not record it
     */
    Outcome send(Message message) throws InterruptedException;

    /**
     * One message: the key that identifies it on every attempt (the gateway's idempotency key), who
     * gets it, and its text (for a webhook: the JSON body). The key travels in an HTTP header, so it
     * is 1 to 255 printable ASCII characters without spaces, e.g. a hex digest; a digest also keeps
     * names out of it, which log lines show.
     */
    record Message(String idempotencyKey, Contact contact, String text) {
        public Message {
            if (idempotencyKey == null || !idempotencyKey.matches("[\\x21-\\x7E]{1,255}")) {
                throw new IllegalArgumentException("an idempotency key must be 1 to 255 printable ASCII characters"
                        + " without spaces, not " + idempotencyKey);
            }
            Objects.requireNonNull(contact, "contact");
            Objects.requireNonNull(text, "text");
        }
    }

    enum Status {
        DELIVERED,
        FAILED
    }

    /**
     * How a message went: after how many requests, and why it failed or what was retried on the way
     * (empty for a message delivered at the first attempt). The reason names no phone number in clear.
     */
    record Outcome(Status status, int attempts, String reason) {
        public static Outcome delivered(int attempts, String retried) {
            return new Outcome(Status.DELIVERED, attempts, retried);
        }

        public static Outcome failed(int attempts, String reason) {
            return new Outcome(Status.FAILED, attempts, reason);
        }

        public boolean delivered() {
            return status == Status.DELIVERED;
        }
    }

    /** SMS contacts through {@code sms}, webhooks through {@code webhook}. */
    static Delivery byChannel(Delivery sms, Delivery webhook) {
        return message -> switch (message.contact().channel()) {
            case SMS -> sms.send(message);
            case WEBHOOK -> webhook.send(message);
        };
    }
}
