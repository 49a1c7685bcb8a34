package org.paywatch.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.paywatch.contract.Alert;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.AlertTransition;
import org.paywatch.io.ContractJson;

/** A webhook gets the alert as the contract writes it, the dispatch fields, and no worker's pseudonym. */
class WebhookBodyTest {
    private static final String WORKER = "W-3f9a0c11d2e4b5a6978c0d1e";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Alert alert(String ruleId, String scope, String message) {
        return Alert.newBuilder()
                .setAlertId(ruleId + "-00112233445566778899")
                .setProjectId("GT2025-001")
                .setRuleId(ruleId)
                .setLevel(AlertLevel.YELLOW)
                .setTransition(AlertTransition.RAISED)
                .setScope(scope)
                .setEventTime(Instant.parse("2025-04-03T02:00:00Z"))
                .setMessage(message)
                .setLegalBasis("《保障农民工工资支付条例》第二十六条")
                .setMetrics(Map.of("paidAmountFen", 1_200_000.0))
                .setRecipients(List.of("测试建设工程有限公司（劳资专管员）", "县住建局"))
                .setTaskForce(false)
                .setRebound(false)
                .build();
    }

    @Test
    void shouldCarryTheDispatchFieldsAndTheAlertAsTheContractWritesIt() throws Exception {
        Alert a = alert("PW05", "2025-03", "高台县城关镇测试工程 2025-03工资已逾期12天未发放。");
        String body = WebhookBody.of(
                a, "k-5f2c", "县住建局", "城关镇测试工程，2025年3月工资未按月发放黄色预警", Instant.parse("2025-04-03T02:00:05Z"));
        JsonNode json = JSON.readTree(body);
        assertThat(json.get("idempotencyKey").asText()).isEqualTo("k-5f2c");
        assertThat(json.get("unit").asText()).isEqualTo("县住建局");
        assertThat(json.get("text").asText()).isEqualTo("城关镇测试工程，2025年3月工资未按月发放黄色预警");
        assertThat(json.get("sentAt").asText()).isEqualTo("2025-04-03T10:00:05+08:00");
        assertThat(json.get("alert")).isEqualTo(JSON.readTree(ContractJson.write(a)));
        assertThat(body).as("Chinese as is, one line").contains("县住建局").doesNotContain("\\u", "\n");
    }

    @Test
    void shouldHideAWorkersPseudonymInTheScopeAndTheMessage() throws Exception {
        Alert a = alert("PW10", WORKER, "高台县城关镇测试工程专用账户向未实名登记的人员（" + WORKER + "）代发工资12,000.00元，请总承包单位补办实名登记或说明用途。");
        JsonNode alert = JSON.readTree(WebhookBody.of(a, "k", "县住建局", "t", Instant.EPOCH))
                .get("alert");
        assertThat(alert.get("scope").asText()).isEqualTo(WebhookBody.HIDDEN_WORKER);
        assertThat(alert.get("message").asText()).contains("人员（W-********）代发工资12,000.00元");
        assertThat(alert.get("alertId").asText())
                .as("the bureau's handle on it")
                .isEqualTo(a.getAlertId());
    }

    @Test
    void shouldHideEveryPseudonymWhereverItStands() throws Exception {
        String account = "A-0123456789abcdef01234567";
        Alert a = alert("PW91", "PW09", "两名工人" + WORKER + "、W-aaaaaaaaaaaaaaaaaaaaaaaa，账户" + account + "。");
        String body = WebhookBody.of(a, "k", "县人社局", "t", Instant.EPOCH);
        assertThat(body).doesNotContain(WORKER, "W-aaaaaaaa", account).contains("A-********");
        assertThat(JSON.readTree(body).get("alert").get("scope").asText()).isEqualTo("PW09");
        for (Iterator<String> names = JSON.readTree(body).fieldNames(); names.hasNext(); ) {
            assertThat(names.next()).isIn("idempotencyKey", "unit", "text", "sentAt", "alert");
        }
    }
}
