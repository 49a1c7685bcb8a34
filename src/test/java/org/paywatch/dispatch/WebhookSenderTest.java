package org.paywatch.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paywatch.dispatch.Delivery.Message;
import org.paywatch.dispatch.Delivery.Outcome;
import org.paywatch.dispatch.Delivery.Status;
import org.paywatch.local.StandInGateway;
import org.paywatch.local.StandInGateway.Request;
import org.paywatch.local.StandInGateway.Trouble;
import org.paywatch.testing.CapturedLog;

class WebhookSenderTest {

    private static final String BODY = "{\"alertId\":\"a-1\",\"level\":\"RED\",\"message\":\"工资专户\\\"余额\\\"不足\"}";
    private static final RetryPolicy POLICY =
            new RetryPolicy(Duration.ofSeconds(5), 4, Duration.ofSeconds(1), Duration.ofMinutes(1));

    private final StandInGateway endpoint = StandInGateway.start();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final WebhookSender webhooks = new WebhookSender(POLICY, waits::add);

    @AfterEach
    void stopEndpoint() {
        endpoint.close();
    }

    @Test
    void shouldPostTheJsonBodyAsGivenWithTheIdempotencyKey() throws Exception {
        Outcome outcome = webhooks.send(new Message("a-1/RAISED/3c9e", webhook("/hooks/town"), BODY));

        assertThat(outcome).isEqualTo(new Outcome(Status.DELIVERED, 1, ""));
        Request request = endpoint.requests().get(0);
        assertThat(request.path()).isEqualTo("/hooks/town");
        assertThat(request.body()).isEqualTo(BODY);
        assertThat(request.idempotencyKey()).isEqualTo("a-1/RAISED/3c9e");
        assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    }

    @Test
    void shouldRetryThroughServerErrorsWithTheSameKey() throws Exception {
        endpoint.failPath("/hooks/town", 2, Trouble.status(502));

        Outcome outcome = webhooks.send(new Message("a-2/RAISED/3c9e", webhook("/hooks/town"), BODY));

        assertThat(outcome.status()).isEqualTo(Status.DELIVERED);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(endpoint.requests()).extracting(Request::idempotencyKey).containsOnly("a-2/RAISED/3c9e");
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void shouldNotRetryA404AndNeverShowTheUrlsToken() throws Exception {
        endpoint.failNext(1, Trouble.status(404));
        Outcome outcome;
        List<String> lines;

        try (CapturedLog log = CapturedLog.of("org.paywatch.dispatch")) {
            outcome = webhooks.send(
                    new Message("a-3/RAISED/3c9e", webhook("/robot/send?access_token=s3cr3t-t0ken"), BODY));
            lines = log.lines();
        }

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.reason())
                .startsWith("HTTP 404 from 127.0.0.1:" + endpoint.port())
                .endsWith("(not retried: check the unit's webhook URL in the directory)")
                .doesNotContain("s3cr3t");
        assertThat(lines).isNotEmpty().noneMatch(line -> line.contains("s3cr3t"));
        assertThat(waits).isEmpty();
    }

    @Test
    void shouldFailWithoutARequestWhenTheUrlIsNotHttp() throws Exception {
        Contact contact = new Contact("县住建局", "值班室", Channel.WEBHOOK, "mailto:duty@example.gov.cn");

        Outcome outcome = webhooks.send(new Message("a-4/RAISED/3c9e", contact, BODY));

        assertThat(outcome)
                .isEqualTo(new Outcome(
                        Status.FAILED,
                        0,
                        "the webhook URL of 县住建局 is not an http or https URL: fix it in the directory"));
    }

    @Test
    void shouldSendEachChannelThroughItsOwnDelivery() throws Exception {
        GatewaySettings gateway = new GatewaySettings(
                endpoint.url().toString(),
                Map.of(),
                "{\"to\":\"${phone}\",\"text\":${textJson}}",
                Duration.ofSeconds(5),
                4,
                Duration.ofSeconds(1),
                Duration.ofMinutes(1));
        Delivery delivery = Delivery.byChannel(new SmsGateway(gateway, "【高台县人社局】", waits::add), webhooks);

        delivery.send(new Message("a-5/RAISED/sms", new Contact("县人社局", "张三", Channel.SMS, "13800000001"), "短信"));
        delivery.send(new Message("a-5/RAISED/hook", webhook("/hooks/bureau"), BODY));

        assertThat(endpoint.requests()).extracting(Request::path).containsExactly("/sms", "/hooks/bureau");
    }

    private Contact webhook(String path) {
        return new Contact("城关镇", "值班室", Channel.WEBHOOK, endpoint.url(path).toString());
    }
}
