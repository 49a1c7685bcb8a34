package org.paywatch.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.contract.Alert;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.AlertTransition;
import org.paywatch.local.StandInGateway;
import org.paywatch.policy.BusinessCalendar;

/** The outbox's decisions in business time, over a real ledger, sending through the real gateway client to a stand-in gateway. */
class OutboxTest {
    private static final Contact MANAGER = new Contact("城关镇", "张三", Channel.SMS, "13800000001");
    private static final Recipients.Resolution TO_MANAGER =
            new Recipients.Resolution(List.of(MANAGER), List.of(), List.of());
    private static final DispatchConfig.Timing TIMING = new DispatchConfig.Timing(
            Duration.ofMinutes(2),
            Duration.ofMinutes(10),
            new DispatchConfig.QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0)),
            10);

    @TempDir
    Path dir;

    Ledger ledger;
    Outbox outbox;
    StandInGateway gateway;

    @BeforeEach
    void open() {
        gateway = StandInGateway.start();
        ledger = Ledger.open(dir);
        outbox = outbox();
    }

    private Outbox outbox() {
        Outbox.Wording wording = new Outbox.Wording() {
            @Override
            public String transition(Alert a, Contact contact, String key) {
                return a.getProjectId() + " " + a.getRuleId() + " " + a.getLevel() + " " + a.getTransition();
            }

            @Override
            public String digest(List<Notice> held, Contact contact, String key) {
                return "汇总" + held.size() + "条";
            }
        };
        GatewaySettings settings = new GatewaySettings(
                gateway.url().toString(),
                Map.of(),
                "{\"phone\": \"${phone}\", \"text\": ${textJson}}",
                Duration.ofSeconds(5),
                3,
                Duration.ofSeconds(1),
                Duration.ofSeconds(4));
        return new Outbox(
                ledger, wording, new SmsGateway(settings, "【测试】", wait -> {}), TIMING, unit -> TIMING.quietHours());
    }

    @AfterEach
    void close() {
        ledger.close();
        gateway.close();
    }

    @Test
    void shouldSendRedAtOnceEvenInQuietHours() throws Exception {
        outbox.accept(
                alert("A1", AlertLevel.RED, AlertTransition.RAISED, "2025-06-01T23:30"),
                TO_MANAGER,
                at("2025-06-01T23:30"));

        assertThat(texts()).containsExactly("P1 PW10 RED RAISED");
        assertThat(statuses()).containsExactly(NoticeStatus.DELIVERED);
    }

    @Test
    void shouldHoldYellowForTheDebounceWindowThenSendIt() throws Exception {
        outbox.accept(
                alert("A1", AlertLevel.YELLOW, AlertTransition.RAISED, "2025-06-01T10:00"),
                TO_MANAGER,
                at("2025-06-01T10:00"));
        outbox.release(at("2025-06-01T10:09"));
        assertThat(sent()).isEmpty();

        outbox.release(at("2025-06-01T10:10"));
        assertThat(texts()).containsExactly("P1 PW10 YELLOW RAISED");
    }

    @Test
    void shouldSendTwoYellowsToOneNumberAsOneDigest() throws Exception {
        outbox.accept(
                alert("A1", AlertLevel.YELLOW, AlertTransition.RAISED, "2025-06-01T10:00"),
                TO_MANAGER,
                at("2025-06-01T10:00"));
        outbox.accept(
                alert("A2", AlertLevel.BLUE, AlertTransition.RAISED, "2025-06-01T10:01"),
                TO_MANAGER,
                at("2025-06-01T10:01"));
        outbox.release(at("2025-06-01T10:10"));

        assertThat(texts()).containsExactly("汇总2条");
        assertThat(statuses())
                .containsExactlyInAnyOrder(NoticeStatus.DIGESTED, NoticeStatus.DIGESTED, NoticeStatus.DELIVERED);
    }

    @Test
    void shouldHoldYellowInQuietHoursUntilMorning() throws Exception {
        outbox.accept(
                alert("A1", AlertLevel.YELLOW, AlertTransition.RAISED, "2025-06-01T21:55"),
                TO_MANAGER,
                at("2025-06-01T21:55"));
        outbox.release(at("2025-06-02T06:59"));
        assertThat(sent()).isEmpty();

        outbox.release(at("2025-06-02T07:00"));
        assertThat(texts()).containsExactly("P1 PW10 YELLOW RAISED");
    }

    @Test
    void shouldSendNothingForARaiseClearedWithinTheDebounceWindow() throws Exception {
        outbox.accept(
                alert("A1", AlertLevel.YELLOW, AlertTransition.RAISED, "2025-06-01T10:00"),
                TO_MANAGER,
                at("2025-06-01T10:00"));
        outbox.accept(
                alert("A1", AlertLevel.YELLOW, AlertTransition.CLEARED, "2025-06-01T10:04"),
                TO_MANAGER,
                at("2025-06-01T10:04"));
        outbox.releaseAll();

        assertThat(sent()).isEmpty();
        assertThat(statuses()).containsExactly(NoticeStatus.DEBOUNCED, NoticeStatus.DEBOUNCED);
    }

    @Test
    void shouldSendTheRedAndDropThePendingYellowOfAnEscalatedAlert() throws Exception {
        outbox.accept(
                alert("A1", AlertLevel.YELLOW, AlertTransition.RAISED, "2025-06-01T10:00"),
                TO_MANAGER,
                at("2025-06-01T10:00"));
        outbox.accept(
                alert("A1", AlertLevel.RED, AlertTransition.ESCALATED, "2025-06-01T10:01"),
                TO_MANAGER,
                at("2025-06-01T10:01"));
        outbox.releaseAll();

        assertThat(texts()).containsExactly("P1 PW10 RED ESCALATED");
        assertThat(statuses()).containsExactlyInAnyOrder(NoticeStatus.SUPERSEDED, NoticeStatus.DELIVERED);
    }

    @Test
    void shouldFoldSmsBeyondTheDailyCapIntoTheNextMorningsDigest() throws Exception {
        for (int i = 0; i < 12; i++) {
            String time = "2025-06-01T10:" + (10 + i);
            outbox.accept(alert("A" + i, AlertLevel.RED, AlertTransition.RAISED, time), TO_MANAGER, at(time));
        }
        assertThat(sent()).hasSize(10);

        outbox.release(at("2025-06-02T07:00"));
        assertThat(texts()).hasSize(11).last().isEqualTo("汇总2条");
    }

    @Test
    void shouldMuteASilencedProjectWithTheSilencesReason() throws Exception {
        ledger.addSilence("P1", null, at("2025-06-03T00:00"), "已约谈，整改中", "李四", at("2025-06-01T09:00"));
        outbox.accept(
                alert("A1", AlertLevel.RED, AlertTransition.RAISED, "2025-06-01T10:00"),
                TO_MANAGER,
                at("2025-06-01T10:00"));

        assertThat(sent()).isEmpty();
        assertThat(ledger.history("P1", 0)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(NoticeStatus.SILENCED);
            assertThat(e.reason()).contains("李四", "已约谈，整改中", "2025-06-03");
        });
    }

    @Test
    void shouldRecordARecipientWithNoContactAsUnreachable() throws Exception {
        outbox.accept(
                alert("A1", AlertLevel.RED, AlertTransition.RAISED, "2025-06-01T10:00"),
                new Recipients.Resolution(List.of(), List.of("县法院"), List.of()),
                at("2025-06-01T10:00"));

        assertThat(ledger.history(null, 0)).singleElement().satisfies(e -> {
            assertThat(e.status()).isEqualTo(NoticeStatus.UNREACHABLE);
            assertThat(e.unit()).isEqualTo("县法院");
        });
    }

    @Test
    void shouldParkAMessageTheGatewayKeepsRefusing() throws Exception {
        gateway.failNext(3, StandInGateway.Trouble.status(503));
        outbox.accept(
                alert("A1", AlertLevel.RED, AlertTransition.RAISED, "2025-06-01T10:00"),
                TO_MANAGER,
                at("2025-06-01T10:00"));

        assertThat(ledger.inStatus(NoticeStatus.PARKED)).singleElement().satisfies(n -> {
            assertThat(n.reason()).contains("503");
            assertThat(n.attempts()).isEqualTo(3);
        });
        assertThat(ledger.history(null, 0))
                .extracting(Ledger.Event::status)
                .containsExactly(NoticeStatus.SENDING, NoticeStatus.RETRIED, NoticeStatus.PARKED);
    }

    @Test
    void shouldSendNothingTheSecondTimeTheSameAlertIsRead() throws Exception {
        Alert a = alert("A1", AlertLevel.RED, AlertTransition.RAISED, "2025-06-01T10:00");
        outbox.accept(a, TO_MANAGER, at("2025-06-01T10:00"));
        ledger.close();
        ledger = Ledger.open(dir);
        outbox = outbox();
        outbox.accept(a, TO_MANAGER, at("2025-06-01T10:00"));

        assertThat(sent()).hasSize(1);
    }

    @Test
    void shouldSendAgainWithTheSameKeyOnlyTheNoticeThatWasInFlight() throws Exception {
        Alert a = alert("A1", AlertLevel.RED, AlertTransition.RAISED, "2025-06-01T10:00");
        outbox.accept(a, TO_MANAGER, at("2025-06-01T10:00"));
        Notice delivered = ledger.inStatus(NoticeStatus.DELIVERED).get(0);
        ledger.record(delivered.with(
                NoticeStatus.SENDING, null, delivered.at())); // as if killed before the outcome was recorded
        String firstSend = sent().get(0);

        outbox.resume();
        outbox.accept(a, TO_MANAGER, at("2025-06-01T10:05"));

        assertThat(sent()).containsExactly(firstSend, firstSend);
        assertThat(statuses()).containsExactly(NoticeStatus.DELIVERED);
    }

    // ---- helpers ----

    /** What the gateway received: "KEY PHONE TEXT" per request it answered. */
    private List<String> sent() {
        List<String> sent = new ArrayList<>();
        for (StandInGateway.Request r : gateway.requests()) {
            if (r.delivered()) {
                try {
                    var body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
                    sent.add(r.idempotencyKey() + " " + body.get("phone").asText() + " "
                            + body.get("text").asText());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }
        }
        return sent;
    }

    private List<String> texts() {
        return sent().stream()
                .map(s -> s.substring(s.indexOf(' ', s.indexOf(' ') + 1) + 1))
                .toList();
    }

    private List<NoticeStatus> statuses() {
        List<NoticeStatus> all = new ArrayList<>();
        for (NoticeStatus s : NoticeStatus.values()) {
            ledger.inStatus(s).forEach(n -> all.add(n.status()));
        }
        return all;
    }

    private static long at(String localTime) {
        return LocalDateTime.parse(localTime)
                .atZone(BusinessCalendar.ZONE)
                .toInstant()
                .toEpochMilli();
    }

    private static Alert alert(String id, AlertLevel level, AlertTransition transition, String time) {
        return Alert.newBuilder()
                .setAlertId(id)
                .setProjectId("P1")
                .setRuleId("PW10")
                .setLevel(level)
                .setTransition(transition)
                .setScope("")
                .setEventTime(java.time.Instant.ofEpochMilli(at(time)))
                .setMessage("测试")
                .setLegalBasis("测试")
                .setMetrics(Map.of())
                .setRecipients(List.of("城关镇"))
                .setTaskForce(false)
                .setRebound(false)
                .build();
    }
}
