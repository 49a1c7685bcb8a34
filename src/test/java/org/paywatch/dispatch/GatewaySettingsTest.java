package org.paywatch.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paywatch.domain.ConfigurationProblem;

class GatewaySettingsTest {

    private static final String URL = "https://sms.example.gov.cn/send";
    private static final String BODY =
            "{\"PhoneNumbers\":\"${phone}\",\"TemplateParam\":${templateParam},\"OutId\":\"${idempotencyKey}\"}";

    @Test
    void shouldRejectQuotesAroundTextJsonAsNotMakingJson() {
        String quoted = "{\"PhoneNumbers\":\"${phone}\",\"TemplateParam\":\"${textJson}\"}";

        assertThatThrownBy(() -> settings(URL, Map.of(), quoted, 6))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessage("gateway.bodyTemplate does not make valid JSON: check its braces and commas, put "
                        + "${textJson} and ${templateParam} without quotes around them and the other "
                        + "placeholders inside quotes");
    }

    @Test
    void shouldAcceptATemplateThatIsNotJsonWhenTheContentTypeSaysSo() {
        String form = "PhoneNumbers=${phone}&Text=${text}";

        GatewaySettings settings = settings(URL, Map.of("Content-Type", "application/x-www-form-urlencoded"), form, 6);

        assertThat(settings.bodyTemplate()).isEqualTo(form);
    }

    @Test
    void shouldNameAnUnknownPlaceholderAndTheKnownOnes() {
        assertThatThrownBy(() -> settings(URL, Map.of(), "{\"to\":\"${mobile}\",\"text\":${textJson}}", 6))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessage("gateway.bodyTemplate uses ${mobile}, which paywatch does not fill in: use only ${phone}, "
                        + "${signature}, ${signName}, ${text}, ${textJson}, ${templateParam}, ${idempotencyKey}");
    }

    @Test
    void shouldRejectAnIdempotencyKeyHeaderOfItsOwn() {
        assertThatThrownBy(() -> settings(URL, Map.of("idempotency-key", "fixed"), BODY, 6))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessage(
                        "gateway.headers sets Idempotency-Key, which paywatch sets itself for each message: remove it");
    }

    @Test
    void shouldRejectARestrictedHeaderWithoutShowingItsValue() {
        assertThatThrownBy(() -> settings(URL, Map.of("Host", "secret-host-value"), BODY, 6))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessageStartingWith("gateway.headers.Host cannot be sent")
                .hasMessageNotContaining("secret-host-value");
    }

    @Test
    void shouldRejectAUrlThatIsNotHttp() {
        assertThatThrownBy(() -> settings("ftp://sms.example.gov.cn/send", Map.of(), BODY, 6))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessage("gateway.url = ftp://sms.example.gov.cn/send is not an http or https URL: "
                        + "write it like https://sms.example.gov.cn/send");
        assertThatThrownBy(() -> settings(null, Map.of(), BODY, 6))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessage("gateway.url is missing: write it like https://sms.example.gov.cn/send");
    }

    @Test
    void shouldRejectAttemptsOutOfRange() {
        assertThatThrownBy(() -> settings(URL, Map.of(), BODY, 0))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessage("gateway.maxAttempts = 0 is out of range: use 1 (no retry) to 100");
    }

    @Test
    void shouldRejectAMaxBackoffShorterThanTheInitialOne() {
        assertThatThrownBy(
                        () -> new RetryPolicy(Duration.ofSeconds(10), 6, Duration.ofSeconds(30), Duration.ofSeconds(5)))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessage(
                        "gateway.maxBackoff = 5s is shorter than gateway.initialBackoff = 30s: make it at least as long");
        assertThatThrownBy(() -> new RetryPolicy(Duration.ZERO, 6, Duration.ofSeconds(1), Duration.ofSeconds(5)))
                .isInstanceOf(ConfigurationProblem.class)
                .hasMessage("gateway.timeout = 0s is not positive: write a duration, e.g. 10s");
    }

    @Test
    void shouldKeepTheHeadersInTheirOrder() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("X-Sms-App", "paywatch");
        headers.put("Authorization", "Bearer t");
        headers.put("X-Region", "gansu");

        assertThat(settings(URL, headers, BODY, 6).headers().keySet())
                .containsExactly("X-Sms-App", "Authorization", "X-Region");
    }

    @Test
    void shouldDoubleTheBackoffUpToTheMaximumAndCapWhatRetryAfterAsks() {
        RetryPolicy policy = settings(URL, Map.of(), BODY, 6).retryPolicy();

        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoffAfter(7)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.backoffAfter(100)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.askedWait(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.askedWait(Duration.ofHours(2))).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.askedWait(Duration.ofSeconds(-5))).isEqualTo(Duration.ZERO);
    }

    private static GatewaySettings settings(String url, Map<String, String> headers, String body, int attempts) {
        return new GatewaySettings(
                url, headers, body, Duration.ofSeconds(10), attempts, Duration.ofSeconds(1), Duration.ofMinutes(1));
    }
}
