package org.paywatch.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paywatch.dispatch.Delivery.Message;
import org.paywatch.dispatch.Delivery.Outcome;
import org.paywatch.dispatch.Delivery.Status;
import org.paywatch.local.FreePort;
import org.paywatch.local.StandInGateway;
import org.paywatch.local.StandInGateway.Request;
import org.paywatch.local.StandInGateway.Trouble;
import org.paywatch.testing.CapturedLog;

class SmsGatewayTest {

    /** Fictional, and with no 6 digits in common with ports, keys or backoffs. */
    private static final String PHONE = "13957204816";

    private static final String MASKED = "139******16";
    private static final String SIGNATURE = "【高台县人社局】";
    /** Everything a body template must escape: quotes, a backslash, a line break, a tab. */
    private static final String TEXT = "城关镇\"幸福家园\"项目：工资专户余额不足\\请于3日内补足。\n详见\t平台";

    private static final String ALIYUN =
            "{\"PhoneNumbers\":\"${phone}\",\"SignName\":\"${signName}\",\"TemplateCode\":\"SMS_0001\","
                    + "\"TemplateParam\":${templateParam},\"OutId\":\"${idempotencyKey}\"}";
    private static final String TENCENT = "{\"PhoneNumberSet\":[\"+86${phone}\"],\"SmsSdkAppId\":\"1400000000\","
            + "\"SignName\":\"${signName}\",\"TemplateId\":\"1234567\",\"TemplateParamSet\":[${textJson}],"
            + "\"SessionContext\":\"${idempotencyKey}\"}";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StandInGateway gateway = StandInGateway.start();
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final Sleeper recordingSleeper = waits::add;

    @AfterEach
    void stopGateway() {
        gateway.close();
    }

    @Test
    void shouldDeliverAtTheFirstAttemptWithTheKeyAndTheConfiguredHeaders() throws Exception {
        Outcome outcome = sms(settings(ALIYUN, 6)).send(message("alert-1/RAISED/6f1c2a"));

        assertThat(outcome).isEqualTo(new Outcome(Status.DELIVERED, 1, ""));
        Request request = gateway.requests().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/sms");
        assertThat(request.idempotencyKey()).isEqualTo("alert-1/RAISED/6f1c2a");
        assertThat(request.header("authorization")).isEqualTo("Bearer demo-token");
        assertThat(request.header("content-type")).isEqualTo("application/json; charset=utf-8");
        assertThat(waits).isEmpty();
    }

    @Test
    void shouldRetryThroughServerErrorsWithDoublingBackoffAndTheSameKeyAndBody() throws Exception {
        gateway.failKey("k-500", 3, Trouble.status(500));

        Outcome outcome = sms(settings(ALIYUN, 6)).send(message("k-500"));

        assertThat(outcome.status()).isEqualTo(Status.DELIVERED);
        assertThat(outcome.attempts()).isEqualTo(4);
        assertThat(outcome.reason()).startsWith("delivered after HTTP 500 from 127.0.0.1:" + gateway.port());
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4));
        List<Request> requests = gateway.requests();
        assertThat(requests).extracting(Request::status).containsExactly(500, 500, 500, 200);
        assertThat(requests).extracting(Request::idempotencyKey).containsOnly("k-500");
        assertThat(requests)
                .extracting(Request::body)
                .containsOnly(requests.get(0).body());
        assertThat(gateway.deliveredKeys()).containsExactly("k-500");
    }

    @Test
    void shouldCapTheBackoffAtMaxBackoff() throws Exception {
        gateway.failNext(8, Trouble.status(503));

        sms(settings(ALIYUN, 9)).send(message("k-cap"));

        assertThat(waits)
                .containsExactly(IntStream.of(1, 2, 4, 8, 16, 32, 60, 60)
                        .mapToObj(Duration::ofSeconds)
                        .toArray(Duration[]::new));
    }

    @Test
    void shouldWaitAsRetryAfterAsksOn429() throws Exception {
        gateway.failKey("k-429", 2, Trouble.tooManyRequests(Duration.ofSeconds(7)));

        Outcome outcome = sms(settings(ALIYUN, 6)).send(message("k-429"));

        assertThat(outcome.status()).isEqualTo(Status.DELIVERED);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(7));
        assertThat(gateway.requests()).extracting(Request::status).containsExactly(429, 429, 200);
    }

    @Test
    void shouldWaitNoLongerThanMaxBackoffWhateverRetryAfterAsks() throws Exception {
        gateway.failKey("k-429", 1, Trouble.tooManyRequests(Duration.ofHours(1)));

        sms(settings(ALIYUN, 6)).send(message("k-429"));

        assertThat(waits).containsExactly(Duration.ofMinutes(1));
    }

    @Test
    void shouldRetryAGatewayThatStallsPastTheTimeout() throws Exception {
        gateway.failKey("k-stall", 1, Trouble.stall(Duration.ofSeconds(20)));
        long start = System.nanoTime();

        Outcome outcome = sms(settings(ALIYUN, 6, Duration.ofSeconds(2))).send(message("k-stall"));

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        assertThat(outcome.status()).isEqualTo(Status.DELIVERED);
        assertThat(outcome.attempts()).isEqualTo(2);
        assertThat(outcome.reason())
                .isEqualTo("delivered after no answer from 127.0.0.1:" + gateway.port() + " within 2s");
        assertThat(gateway.requests()).extracting(Request::status).containsExactly(0, 200);
        assertThat(gateway.requests()).extracting(Request::idempotencyKey).containsOnly("k-stall");
    }

    @Test
    void shouldRetryWhenTheGatewayClosesTheConnection() throws Exception {
        gateway.failKey("k-close", 2, Trouble.closeConnection());

        Outcome outcome = sms(settings(ALIYUN, 6)).send(message("k-close"));

        assertThat(outcome.status()).isEqualTo(Status.DELIVERED);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(gateway.requests(("k-close"))).extracting(Request::status).containsExactly(0, 0, 200);
    }

    @Test
    void shouldNotRetryA400AndSayWhyWithTheNumberMasked() throws Exception {
        gateway.failKey(
                "k-400",
                1,
                Trouble.status(400, "{\"Code\":\"isv.MOBILE_NUMBER_ILLEGAL\",\"Message\":\"非法手机号 " + PHONE + "\"}"));

        Outcome outcome = sms(settings(ALIYUN, 6)).send(message("k-400"));

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.attempts()).isEqualTo(1);
        assertThat(outcome.reason())
                .startsWith("HTTP 400 from 127.0.0.1:" + gateway.port() + ": {\"Code\":\"isv.MOBILE_NUMBER_ILLEGAL\"")
                .contains("非法手机号 " + MASKED)
                .endsWith(
                        "(not retried: check gateway.url, gateway.headers and gateway.bodyTemplate, and the contact's number)")
                .doesNotContain(PHONE);
        assertThat(gateway.requests()).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void shouldNotRetryOtherRefusalsEither() throws Exception {
        for (int status : new int[] {401, 403, 404, 408, 409, 422}) {
            gateway.failNext(1, Trouble.status(status));

            Outcome outcome = sms(settings(ALIYUN, 6)).send(message("k-" + status));

            assertThat(outcome.status()).as("HTTP %d", status).isEqualTo(Status.FAILED);
            assertThat(outcome.reason()).startsWith("HTTP " + status + " from");
            assertThat(gateway.requests("k-" + status)).as("HTTP %d", status).hasSize(1);
        }
        assertThat(waits).isEmpty();
    }

    @Test
    void shouldFailWithTheLastProblemWhenAttemptsAreExhausted() throws Exception {
        gateway.failNext(10, Trouble.status(503));

        Outcome outcome = sms(settings(ALIYUN, 3)).send(message("k-503"));

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(outcome.reason())
                .isEqualTo("gave up after 3 attempts, the last: HTTP 503 from 127.0.0.1:" + gateway.port()
                        + ": {\"Code\":\"InternalError\",\"Message\":\"stand-in gateway: scripted HTTP 503\"}");
        assertThat(gateway.requests()).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void shouldRetryAndThenFailWhenNothingListens() throws Exception {
        int closed = FreePort.onLoopback();
        GatewaySettings nowhere = new GatewaySettings(
                "http://127.0.0.1:" + closed + "/sms",
                Map.of(),
                ALIYUN,
                Duration.ofMillis(300),
                3,
                Duration.ofSeconds(1),
                Duration.ofMinutes(1));

        Outcome outcome = sms(nowhere).send(message("k-nowhere"));

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(outcome.reason())
                .isEqualTo("gave up after 3 attempts, the last: could not connect to 127.0.0.1:" + closed);
        assertThat(waits).hasSize(2);
    }

    @Test
    void shouldBuildAnAliyunShapedBody() throws Exception {
        sms(settings(ALIYUN, 6)).send(message("alert-7/ESCALATED/93be0d"));

        JsonNode body = JSON.readTree(gateway.requests().get(0).body());
        assertThat(body.get("PhoneNumbers").asText()).isEqualTo(PHONE);
        assertThat(body.get("SignName").asText()).isEqualTo("高台县人社局");
        assertThat(body.get("TemplateCode").asText()).isEqualTo("SMS_0001");
        assertThat(body.get("TemplateParam").isTextual())
                .as("Aliyun's TemplateParam is a JSON string")
                .isTrue();
        assertThat(JSON.readTree(body.get("TemplateParam").asText())
                        .get("content")
                        .asText())
                .isEqualTo(TEXT);
        assertThat(body.get("OutId").asText()).isEqualTo("alert-7/ESCALATED/93be0d");
    }

    @Test
    void shouldBuildATencentShapedBody() throws Exception {
        sms(settings(TENCENT, 6)).send(message("alert-7/ESCALATED/93be0d"));

        JsonNode body = JSON.readTree(gateway.requests().get(0).body());
        assertThat(body.get("PhoneNumberSet")).hasSize(1);
        assertThat(body.get("PhoneNumberSet").get(0).asText()).isEqualTo("+86" + PHONE);
        assertThat(body.get("SignName").asText()).isEqualTo("高台县人社局");
        assertThat(body.get("TemplateId").asText()).isEqualTo("1234567");
        assertThat(body.get("TemplateParamSet")).hasSize(1);
        assertThat(body.get("TemplateParamSet").get(0).asText()).isEqualTo(TEXT);
        assertThat(body.get("SessionContext").asText()).isEqualTo("alert-7/ESCALATED/93be0d");
    }

    @Test
    void shouldFillTheSignatureAndTextAsConfiguredWhenAsked() throws Exception {
        String plain = "{\"to\":\"${phone}\",\"content\":\"${signature}${text}\"}";

        sms(settings(plain, 6)).send(message("k-plain"));

        JsonNode body = JSON.readTree(gateway.requests().get(0).body());
        assertThat(body.get("content").asText()).isEqualTo(SIGNATURE + TEXT);
    }

    @Test
    void shouldNotFillInPlaceholdersThatTheTextItselfHolds() throws Exception {
        Message sly = new Message("k-sly", contact(), "见 ${phone} 与 $1 \\1");

        sms(settings(TENCENT, 6)).send(sly);

        JsonNode body = JSON.readTree(gateway.requests().get(0).body());
        assertThat(body.get("TemplateParamSet").get(0).asText()).isEqualTo("见 ${phone} 与 $1 \\1");
    }

    @Test
    void shouldLogNoPhoneNumber() throws Exception {
        gateway.failKey("k-log-1", 1, Trouble.status(500, "{\"Message\":\"busy sending to " + PHONE + "\"}"));
        gateway.failKey("k-log-1", 1, Trouble.stall(Duration.ofSeconds(20)));
        gateway.failKey("k-log-1", 1, Trouble.closeConnection());
        gateway.failKey("k-log-2", 1, Trouble.status(400, "{\"Message\":\"refused " + PHONE + "\"}"));
        gateway.failKey("k-log-3", 9, Trouble.tooManyRequests(Duration.ofSeconds(1)));
        List<String> lines;

        try (CapturedLog log = CapturedLog.of("org.paywatch.dispatch")) {
            SmsGateway sms = sms(settings(ALIYUN, 4, Duration.ofSeconds(1)));
            sms.send(message("k-log-1"));
            sms.send(message("k-log-2"));
            sms.send(message("k-log-3"));
            lines = log.lines();
        }

        assertThat(lines)
                .as("retries, a refusal, a give-up and a delivery are logged")
                .hasSizeGreaterThanOrEqualTo(8);
        assertThat(lines).allSatisfy(line -> assertThat(line).contains(MASKED));
        assertThat(lines)
                .noneMatch(line -> IntStream.rangeClosed(0, PHONE.length() - 6)
                        .anyMatch(i -> line.contains(PHONE.substring(i, i + 6))));
    }

    private SmsGateway sms(GatewaySettings settings) {
        return new SmsGateway(settings, SIGNATURE, recordingSleeper);
    }

    private GatewaySettings settings(String bodyTemplate, int maxAttempts) {
        return settings(
                bodyTemplate, maxAttempts, Duration.ofSeconds(5)); // roomy: a cold JVM on a busy machine is slow
    }

    private GatewaySettings settings(String bodyTemplate, int maxAttempts, Duration timeout) {
        return new GatewaySettings(
                gateway.url().toString(),
                Map.of("Authorization", "Bearer demo-token"),
                bodyTemplate,
                timeout,
                maxAttempts,
                Duration.ofSeconds(1),
                Duration.ofMinutes(1));
    }

    private static Message message(String key) {
        return new Message(key, contact(), TEXT);
    }

    private static Contact contact() {
        return new Contact("县人社局", "张三", Channel.SMS, PHONE);
    }
}
