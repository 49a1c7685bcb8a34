package org.paywatch.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import java.time.Instant;
import java.util.regex.Pattern;
import org.paywatch.contract.Alert;
import org.paywatch.io.ContractJson;
import org.paywatch.io.ContractTime;

/**
 * The JSON a unit's webhook receives for one alert transition: the dispatch fields, then the alert as the contract
 * writes it on paywatch.alerts (io/ContractJson), e.g.
 * <pre>{"idempotencyKey":"…","unit":"县住建局","text":"…","sentAt":"2025-04-03T10:00:00+08:00","alert":{"alertId": …}}</pre>
 *
 * <p>With one change to the alert: a worker's or an account's pseudonym, in its scope or its message, is replaced by
 * {@value #HIDDEN_WORKER} / {@value #HIDDEN_ACCOUNT}. A pseudonym is stable, so any system that stores it can link a
 * worker's alerts across projects and years; the units' systems do not need it, and the alertId is the handle by which
 * the bureau, which keeps the alerts, can tell them more.
 */
public final class WebhookBody {
    public static final String HIDDEN_WORKER = "W-********";
    public static final String HIDDEN_ACCOUNT = "A-********";
    /** As domain/PersonalNumbers writes them: W- or A- and 24 hex digits. */
    private static final Pattern PSEUDONYM = Pattern.compile("(?<![0-9A-Za-z])([WA])-[0-9a-f]{24}(?![0-9a-f])");

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookBody() {}

    /**
     * @param idempotencyKey the message's key, the same on every attempt (also sent as the Idempotency-Key header)
     * @param unit           the recipient unit, as the alert names it
     * @param text           the message in Chinese, as the SMS says it ({@link SmsText#of})
     * @param sentAt         when this dispatch decided to send it
     */
    public static String of(Alert alert, String idempotencyKey, String unit, String text, Instant sentAt) {
        ObjectNode body = JSON.createObjectNode();
        body.put("idempotencyKey", idempotencyKey);
        body.put("unit", unit);
        body.put("text", text);
        body.put("sentAt", ContractTime.formatInstant(sentAt.toEpochMilli()));
        body.putRawValue("alert", new RawValue(ContractJson.write(withoutPseudonyms(alert))));
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always writes", e);
        }
    }

    /** The alert with every worker and account pseudonym hidden, in its scope and its message. */
    static Alert withoutPseudonyms(Alert alert) {
        String scope = alert.getScope();
        String message = alert.getMessage();
        if (isPseudonym(scope)) {
            String hidden = scope.startsWith("W-") ? HIDDEN_WORKER : HIDDEN_ACCOUNT;
            message = message.replace(scope, hidden);
            scope = hidden;
        }
        return Alert.newBuilder(alert)
                .setScope(hide(scope))
                .setMessage(hide(message))
                .build();
    }

    /** Any W- or A- scope is a pseudonym: the scopes that are not are pay periods, enterprise codes and rule ids. */
    private static boolean isPseudonym(String scope) {
        return scope != null && (scope.startsWith("W-") || scope.startsWith("A-"));
    }

    private static String hide(String text) {
        return PSEUDONYM.matcher(text).replaceAll(m -> m.group(1).equals("W") ? HIDDEN_WORKER : HIDDEN_ACCOUNT);
    }
}
