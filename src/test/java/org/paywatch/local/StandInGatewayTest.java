package org.paywatch.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.paywatch.local.StandInGateway.Request;
import org.paywatch.local.StandInGateway.Trouble;

class StandInGatewayTest {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StandInGateway gateway = StandInGateway.start();

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void shouldListenOnLoopback() {
        assertThat(gateway.url().toString()).isEqualTo("http://127.0.0.1:" + gateway.port() + "/sms");
    }

    @Test
    void shouldAnswerLikeAProviderWithTheSameBizIdForTheSameKey() throws Exception {
        HttpResponse<String> first = post("/sms", "k-1", "{}");
        HttpResponse<String> again = post("/sms", "k-1", "{}");
        HttpResponse<String> other = post("/sms", "k-2", "{}");

        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode answer = JSON.readTree(first.body());
        assertThat(answer.get("Code").asText()).isEqualTo("OK");
        assertThat(JSON.readTree(again.body()).get("BizId")).isEqualTo(answer.get("BizId"));
        assertThat(JSON.readTree(other.body()).get("BizId")).isNotEqualTo(answer.get("BizId"));
    }

    @Test
    void shouldRecordEveryRequestWithItsAnswer() throws Exception {
        gateway.failNext(1, Trouble.status(500));

        post("/sms", "k-1", "{\"a\":1}");
        post("/sms", "k-1", "{\"a\":1}");

        assertThat(gateway.requests())
                .extracting(Request::method, Request::path, Request::idempotencyKey, Request::body, Request::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("POST", "/sms", "k-1", "{\"a\":1}", 500),
                        org.assertj.core.groups.Tuple.tuple("POST", "/sms", "k-1", "{\"a\":1}", 200));
    }

    @Test
    void shouldFailOnlyTheScriptedKeyAsOftenAsTold() throws Exception {
        gateway.failKey("k-bad", 2, Trouble.status(503));

        assertThat(post("/sms", "k-good", "{}").statusCode()).isEqualTo(200);
        assertThat(post("/sms", "k-bad", "{}").statusCode()).isEqualTo(503);
        assertThat(post("/sms", "k-bad", "{}").statusCode()).isEqualTo(503);
        assertThat(post("/sms", "k-bad", "{}").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldFailOnlyTheScriptedPath() throws Exception {
        gateway.failPath("/hooks/town", 1, Trouble.status(400));

        assertThat(post("/sms", "k-1", "{}").statusCode()).isEqualTo(200);
        assertThat(post("/hooks/town", "k-2", "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldSayHowLongToWaitOn429() throws Exception {
        gateway.failNext(1, Trouble.tooManyRequests(Duration.ofMillis(1500)));

        HttpResponse<String> response = post("/sms", "k-1", "{}");

        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    }

    @Test
    void shouldStallPastTheClientsTimeoutAndThenCloseWithoutAnAnswer() throws Exception {
        gateway.failNext(1, Trouble.stall(Duration.ofSeconds(20)));
        HttpRequest request = HttpRequest.newBuilder(gateway.url())
                .timeout(Duration.ofSeconds(2))
                .header("Idempotency-Key", "k-1")
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();

        assertThatThrownBy(() -> HTTP.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(HttpTimeoutException.class);
        assertThat(gateway.awaitRequests(1, Duration.ofSeconds(5)))
                .extracting(Request::status)
                .containsExactly(0);
    }

    @Test
    void shouldCloseTheConnectionWithoutAnAnswer() {
        gateway.failNext(1, Trouble.closeConnection());

        assertThatThrownBy(() -> post("/sms", "k-1", "{}")).isInstanceOf(IOException.class);
        assertThat(gateway.deliveredKeys()).isEmpty();
    }

    @Test
    void shouldCountDistinctDeliveredKeysAndThoseDeliveredMoreThanOnce() throws Exception {
        gateway.failKey("k-3", 1, Trouble.status(500));
        for (String key : new String[] {"k-1", "k-2", "k-1", "k-3", "k-3", "k-1"}) {
            post("/sms", key, "{}");
        }

        assertThat(gateway.deliveredKeys()).containsExactly("k-1", "k-2", "k-3");
        assertThat(gateway.keysDeliveredMoreThanOnce()).isEqualTo(Map.of("k-1", 3));
    }

    @Test
    void shouldListWhatItReceivedWithNumbersMasked() throws Exception {
        post("/sms", "k-1", "{\"PhoneNumbers\":\"13957204816\",\"OutId\":\"2025041000000000420\"}");

        HttpResponse<String> listing = HTTP.send(
                HttpRequest.newBuilder(gateway.url(StandInGateway.LISTING_PATH))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        JsonNode requests = JSON.readTree(listing.body());
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).get("idempotencyKey").asText()).isEqualTo("k-1");
        assertThat(requests.get(0).get("status").asInt()).isEqualTo(200);
        assertThat(requests.get(0).get("body").asText())
                .isEqualTo("{\"PhoneNumbers\":\"139******16\",\"OutId\":\"2025041000000000420\"}");
        assertThat(gateway.requests()).as("the listing itself is not recorded").hasSize(1);
    }

    @Test
    void shouldWaitForRequestsToCome() throws Exception {
        Thread sender = new Thread(() -> {
            try {
                Thread.sleep(200);
                post("/sms", "k-late", "{}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        sender.start();

        assertThat(gateway.awaitRequests(1, Duration.ofSeconds(10)))
                .extracting(Request::idempotencyKey)
                .containsExactly("k-late");
        assertThatThrownBy(() -> gateway.awaitRequests(2, Duration.ofMillis(100)))
                .hasMessage("the stand-in gateway received 1 of 2 requests within 100 ms");
        sender.join();
    }

    private HttpResponse<String> post(String path, String key, String body) throws IOException, InterruptedException {
        URI uri = gateway.url(path);
        return HTTP.send(
                HttpRequest.newBuilder(uri)
                        .header("Idempotency-Key", key)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
