package org.paywatch.dispatch;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.paywatch.domain.ConfigurationProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs a message's JSON body to the contact's webhook URL, with the message's
 * {@code Idempotency-Key} and the gateway's retry policy. Log lines and reasons name the URL's host
 * only: webhook URLs often carry an access token.
 */
public final class WebhookSender implements Delivery {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    private static final String REFUSAL_HINT = "check the unit's webhook URL in the directory";

    private final DeliveryAttempts attempts;

    public WebhookSender(RetryPolicy policy, Sleeper sleeper) {
        this.attempts = new DeliveryAttempts(policy, sleeper, LOG);
    }

    public WebhookSender(RetryPolicy policy) {
        this(policy, Sleeper.REAL);
    }

    /** Sends {@code message.text()}, a JSON document, to {@code message.contact().address()}. */
    @Override
    public Outcome send(Message message) throws InterruptedException {
        Contact contact = message.contact();
        if (contact.channel() != Channel.WEBHOOK) {
            throw new IllegalArgumentException("not a webhook contact: " + contact.channel() + " of " + contact.unit());
        }
        URI url;
        try {
            url = GatewaySettings.httpUrl("the webhook of " + contact.unit(), contact.address());
        } catch (ConfigurationProblem e) {
            return Outcome.failed(
                    0,
                    "the webhook URL of " + contact.unit() + " is not an http or https URL: fix it in the directory");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .header(GatewaySettings.CONTENT_TYPE, GatewaySettings.JSON_UTF8)
                .POST(HttpRequest.BodyPublishers.ofString(message.text(), StandardCharsets.UTF_8));
        return attempts.post(
                request,
                message.idempotencyKey(),
                "webhook of " + contact.unit() + " at " + DeliveryAttempts.hostAndPort(url),
                null,
                REFUSAL_HINT);
    }
}
