package org.paywatch.dispatch;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one SMS through the bureau's HTTP gateway: a POST of the configured body template to the
 * configured URL with the configured headers and an {@code Idempotency-Key} that is the message's
 * own, the same on every retry, so a gateway that honours it sends the SMS once. Log lines and
 * reasons name the number masked.
 */
public final class SmsGateway implements Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(SmsGateway.class);
    private static final String REFUSAL_HINT =
            "check gateway.url, gateway.headers and gateway.bodyTemplate, and the contact's number";

    private final GatewaySettings settings;
    private final String signature;
    private final SmsBodyTemplate body;
    private final DeliveryAttempts attempts;

    /**
     * @param signature the SMS signature (签名, the job file's {@code sms.signature}), e.g. 【高台县人社局】
     * @param sleeper waits between attempts
     */
    public SmsGateway(GatewaySettings settings, String signature, Sleeper sleeper) {
        this.settings = settings;
        this.signature = signature == null ? "" : signature;
        this.body = new SmsBodyTemplate(settings.bodyTemplate());
        this.attempts = new DeliveryAttempts(settings.retryPolicy(), sleeper, LOG);
    }

    public SmsGateway(GatewaySettings settings, String signature) {
        this(settings, signature, Sleeper.REAL);
    }

    @Override
    public Outcome send(Message message) throws InterruptedException {
        Contact contact = message.contact();
        if (contact.channel() != Channel.SMS) {
            throw new IllegalArgumentException("not an SMS contact: " + contact.channel() + " of " + contact.unit());
        }
        String phone = contact.address() == null ? "" : contact.address().strip();
        if (phone.isEmpty()) {
            return Outcome.failed(
                    0, "the SMS contact of " + contact.unit() + " has no number: add it to the directory");
        }
        return attempts.post(
                request(body(message)),
                message.idempotencyKey(),
                "SMS to " + Phones.mask(phone) + " (" + contact.unit() + ")",
                phone,
                REFUSAL_HINT);
    }

    /** The request body for {@code message}, as the gateway gets it. */
    public String body(Message message) {
        return body.render(message.contact().address().strip(), signature, message.text(), message.idempotencyKey());
    }

    private HttpRequest.Builder request(String requestBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.uri())
                .POST(HttpRequest.BodyPublishers.ofString(requestBody, StandardCharsets.UTF_8));
        boolean typed = false;
        for (Map.Entry<String, String> h : settings.headers().entrySet()) {
            request.header(h.getKey(), h.getValue());
            typed |= h.getKey().equalsIgnoreCase(GatewaySettings.CONTENT_TYPE);
        }
        if (!typed) {
            request.header(GatewaySettings.CONTENT_TYPE, GatewaySettings.JSON_UTF8);
        }
        return request;
    }
}
