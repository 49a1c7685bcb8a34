package org.paywatch.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.contract.Alert;
import org.paywatch.contract.AlertTransition;
import org.paywatch.contract.Project;
import org.paywatch.io.AvroCodec;
import org.paywatch.io.ContractJson;
import org.paywatch.local.LocalFlink;
import org.paywatch.pipeline.Replay;
import org.paywatch.sim.CountyPlan;
import org.paywatch.sim.CountyReplayFolder;
import org.paywatch.sim.SyntheticCounty;

/**
 * The alerts the risk monitor really raises — a replayed county with the demo's faults, through the real rules and
 * routing — each reach their recipients through the demo directory and the projects' contacts, and each makes an SMS
 * within two segments that tells its figure, and a webhook body without pseudonyms.
 */
class CountyAlertMessagesTest {
    private static final java.util.regex.Pattern PSEUDONYM = java.util.regex.Pattern.compile("[WA]-[0-9a-f]{24}");
    private static final List<Alert> alerts = new ArrayList<>();
    private static final Map<String, ProjectContacts> projects = new HashMap<>();

    @BeforeAll
    static void replay(@TempDir Path dir) throws Exception {
        JobConfig riskMonitor = JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"));
        SyntheticCounty county = new SyntheticCounty(
                CountyPlan.monthsEndingOn(7, 3, LocalDate.of(2026, 11, 26)).withCrews(8, 14), riskMonitor.policy());
        int phone = 0;
        for (var r : county.registry()) {
            if (r.record() instanceof Project p) {
                // the registry's contacts (issue 8), fictional
                projects.put(
                        p.getProjectId(),
                        new ProjectContacts(
                                p.getProjectId(),
                                p.getName(),
                                p.getGeneralContractor().getName(),
                                p.getConstructionUnit().getName(),
                                List.of(
                                        new ProjectContact(
                                                "LABOR_MANAGER", "劳资专管员", String.format("1380001%04d", ++phone)),
                                        new ProjectContact(
                                                "CONSTRUCTION_UNIT",
                                                "建设单位联系人",
                                                String.format("1380001%04d", ++phone)))));
            }
        }
        CountyReplayFolder.Written written = CountyReplayFolder.write(county, dir.resolve("county"));
        Path out = dir.resolve("alerts.jsonl");
        Replay.run(
                LocalFlink.environment(),
                dir.resolve("county"),
                written.asOf().toInstant().toEpochMilli(),
                out,
                riskMonitor,
                "dispatch-messages-test-key".getBytes(StandardCharsets.UTF_8));
        AvroCodec<Alert> codec = AvroCodec.of(Alert.class);
        for (String line : Files.readAllLines(out)) {
            alerts.add(codec.decode(codec.encodeGeneric(ContractJson.read(Alert.getClassSchema(), line))));
        }
    }

    @Test
    void shouldHaveRealAlertsOfTheFaultsRules() {
        Set<String> rules = new TreeSet<>();
        alerts.forEach(a -> rules.add(a.getRuleId()));
        assertThat(rules).contains("PW01", "PW02", "PW05", "PW06", "PW10", "PW11");
        assertThat(alerts)
                .extracting(Alert::getTransition)
                .contains(AlertTransition.RAISED, AlertTransition.ESCALATED, AlertTransition.CLEARED);
    }

    @Test
    void shouldReachEveryRecipientOfEveryAlertThroughTheDemoDirectory() {
        Recipients recipients = new Recipients(DispatchConfigFile.load(DispatchConfigFileTest.DEMO));
        for (Alert a : alerts) {
            Recipients.Resolution r = recipients.resolve(a, projects.get(a.getProjectId()));
            assertThat(r.unreachable()).as(a.toString()).isEmpty();
            assertThat(r.contacts().stream().map(Contact::unit).distinct())
                    .as(a.toString())
                    .containsExactlyElementsOf(a.getRecipients());
        }
    }

    @Test
    void shouldTellEachAlertsFigureInTwoSegmentsWithNothingPersonal() {
        SmsText sms = new SmsText(DispatchConfigFile.load(DispatchConfigFileTest.SHIPPED));
        for (Alert a : alerts) {
            String name = projects.get(a.getProjectId()).projectName();
            String text = sms.of(a, name);
            assertThat(SmsText.segments(sms.signature() + text)).as(text).isLessThanOrEqualTo(2);
            assertThat(text)
                    .as(text)
                    .startsWith(name)
                    .doesNotContain("W-", "A-")
                    .doesNotContainPattern("\\d{8}");
            if (a.getTransition() != AlertTransition.CLEARED) {
                assertThat(text)
                        .as("the rule's metrics are the ones AlertWording reads: %s", a)
                        .doesNotContain(AlertWording.NO_FIGURE);
            }
        }
    }

    @Test
    void shouldDigestEveryAlertOfTheCountyToTheBureauInTwoSegments() {
        SmsText sms = new SmsText(DispatchConfigFile.load(DispatchConfigFileTest.SHIPPED));
        List<Alert> toTheBureau =
                alerts.stream().filter(a -> a.getRecipients().contains("县人社局")).toList();
        assertThat(toTheBureau).hasSizeGreaterThan(10);
        String text = sms.digest(toTheBureau, id -> projects.get(id).projectName());
        assertThat(SmsText.segments(sms.signature() + text)).as(text).isLessThanOrEqualTo(2);
        assertThat(text).startsWith(toTheBureau.size() + "条预警变动（红色");
    }

    @Test
    void shouldPostEveryAlertWithoutAPseudonym() {
        for (Alert a : alerts) {
            String body = WebhookBody.of(a, "k", "县人社局", "t", Instant.EPOCH);
            assertThat(body).doesNotContainPattern(PSEUDONYM);
        }
    }
}
