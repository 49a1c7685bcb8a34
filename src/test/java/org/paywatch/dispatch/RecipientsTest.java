package org.paywatch.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.paywatch.contract.Alert;
import org.paywatch.contract.AlertLevel;
import org.paywatch.contract.AlertTransition;
import org.paywatch.contract.ProjectCategory;
import org.paywatch.contract.ProjectStatus;
import org.paywatch.domain.Project;
import org.paywatch.policy.ProjectFixture;
import org.paywatch.policy.ResponsibilityList;

/**
 * Alerts reach the units the responsibility list names, through their contacts: the recipient lists are the routing
 * of RULES.md as ProjectFixture writes it out (policy/ResponsibilityList), for the fixture's housing project in
 * 城关镇, whose account is at ZYRCB.
 */
class RecipientsTest {
    private static final String LABOR_MANAGER = "测试建设工程有限公司（劳资专管员）";
    private static final String CONSTRUCTION_UNIT = "测试投资建设单位";
    private static final ResponsibilityList ROUTING = ProjectFixture.routing();
    private static final DispatchConfig DEMO = DispatchConfigFile.load(DispatchConfigFileTest.DEMO);
    private static final ProjectContacts CONTACTS = new ProjectContacts(
            ProjectFixture.PROJECT,
            "高台县城关镇测试工程",
            "测试建设工程有限公司",
            CONSTRUCTION_UNIT,
            List.of(
                    new ProjectContact("LABOR_MANAGER", "钱劳资", "13800001001"),
                    new ProjectContact("GENERAL_CONTRACTOR", "孙项目", "13800001002"),
                    new ProjectContact("CONSTRUCTION_UNIT", "李建设", "13800001003")));

    private static Alert alert(Project project, String ruleId, AlertLevel level, AlertTransition transition) {
        return Alert.newBuilder()
                .setAlertId(ruleId + "-00112233445566778899")
                .setProjectId(project.projectId)
                .setRuleId(ruleId)
                .setLevel(level)
                .setTransition(transition)
                .setScope("")
                .setEventTime(Instant.parse("2025-04-03T02:00:00Z"))
                .setMessage("m")
                .setLegalBasis("b")
                .setMetrics(Map.of())
                .setRecipients(ROUTING.recipients(project, ruleId, level))
                .setTaskForce(false)
                .setRebound(false)
                .build();
    }

    private static Project housing() {
        return ProjectFixture.project(ProjectStatus.ACTIVE, null);
    }

    /** RULES.md "Routing", written out: whom an alert of the housing project in 城关镇 must reach. */
    private static Set<String> byTheTable(String ruleId, AlertLevel level) {
        Set<String> units = new LinkedHashSet<>(List.of(LABOR_MANAGER, CONSTRUCTION_UNIT));
        if (level != AlertLevel.BLUE) {
            units.addAll(List.of("县住建局", "城关镇", "县人社局"));
        }
        switch (ruleId) {
            case "PW03" -> units.addAll(List.of("县发改局", "县财政局"));
            case "PW10" -> units.addAll(List.of("监管银行 ZYRCB", "国家金融监督管理总局高台监管支局"));
            case "PW11" -> units.addAll(List.of("监管银行 ZYRCB", "国家金融监督管理总局高台监管支局", "县法院"));
            case "PW16" -> units.add("县税务局");
            case "PW90" -> units.addAll(List.of("县根治欠薪工作专班", "县领导"));
            default -> {}
        }
        return units;
    }

    @Test
    void shouldReachEveryUnitTheTableNamesForEachRuleAndLevel() {
        Recipients recipients = new Recipients(DEMO);
        for (String ruleId : DEMO.ruleNames().keySet()) {
            for (AlertLevel level : AlertLevel.values()) {
                Recipients.Resolution r =
                        recipients.resolve(alert(housing(), ruleId, level, AlertTransition.RAISED), CONTACTS);
                String what = ruleId + " " + level;
                assertThat(r.unreachable()).as(what).isEmpty();
                assertThat(r.notWanted()).as(what).isEmpty();
                assertThat(r.contacts().stream().map(Contact::unit).distinct())
                        .as(what)
                        .containsExactlyInAnyOrderElementsOf(byTheTable(ruleId, level));
            }
        }
    }

    @Test
    void shouldTellTheLabourManagerAndTheGeneralContractorAndTheConstructionUnitsContact() {
        Recipients.Resolution r = new Recipients(DEMO)
                .resolve(alert(housing(), "PW05", AlertLevel.BLUE, AlertTransition.RAISED), CONTACTS);
        assertThat(r.contacts())
                .containsExactly(
                        new Contact(LABOR_MANAGER, "钱劳资", Channel.SMS, "13800001001"),
                        new Contact(LABOR_MANAGER, "孙项目", Channel.SMS, "13800001002"),
                        new Contact(CONSTRUCTION_UNIT, "李建设", Channel.SMS, "13800001003"));
    }

    @Test
    void shouldSendToEachPersonAndEachWebhookOfAUnit() {
        Recipients.Resolution r = new Recipients(DEMO)
                .resolve(alert(housing(), "PW11", AlertLevel.RED, AlertTransition.RAISED), CONTACTS);
        DispatchConfig.Unit court = DEMO.directory().get("县法院");
        assertThat(r.contacts())
                .filteredOn(c -> c.unit().equals("县法院"))
                .containsExactly(
                        new Contact(
                                "县法院",
                                court.contacts().get(0).name(),
                                Channel.SMS,
                                court.contacts().get(0).phone()),
                        new Contact("县法院", "", Channel.WEBHOOK, "http://127.0.0.1:18089/hooks/court"));
    }

    @Test
    void shouldRouteEachCategoryToItsIndustryDepartment() {
        Map<ProjectCategory, String> expected = Map.of(
                ProjectCategory.TRANSPORT,
                "县交通运输局",
                ProjectCategory.WATER,
                "县水务局",
                ProjectCategory.AGRICULTURE,
                "县农业农村局",
                ProjectCategory.NATURAL_RESOURCES,
                "县自然资源局",
                ProjectCategory.MUNICIPAL,
                "县住建局",
                ProjectCategory.RAILWAY,
                "县发改局",
                ProjectCategory.OTHER,
                "县发改局");
        expected.forEach((category, department) -> {
            Project p = housing();
            p.category = category;
            p.town = "骆驼城镇";
            Recipients.Resolution r =
                    new Recipients(DEMO).resolve(alert(p, "PW05", AlertLevel.YELLOW, AlertTransition.RAISED), CONTACTS);
            assertThat(r.contacts().stream().map(Contact::unit).distinct())
                    .as(category.name())
                    .containsExactly(LABOR_MANAGER, CONSTRUCTION_UNIT, department, "骆驼城镇", "县人社局");
            assertThat(r.unreachable()).isEmpty();
        });
    }

    @Test
    void shouldRecordEveryUnitOfTheShippedDirectoryAsUnreachableUntilTheBureauFillsItIn() {
        Recipients shipped = new Recipients(DispatchConfigFile.load(DispatchConfigFileTest.SHIPPED));
        Recipients.Resolution r =
                shipped.resolve(alert(housing(), "PW11", AlertLevel.RED, AlertTransition.RAISED), CONTACTS);
        assertThat(r.unreachable()).containsExactly("县住建局", "城关镇", "县人社局", "监管银行 ZYRCB", "国家金融监督管理总局高台监管支局", "县法院");
        assertThat(r.contacts()).extracting(Contact::unit).containsOnly(LABOR_MANAGER, CONSTRUCTION_UNIT);
    }

    @Test
    void shouldRecordTheProjectsOwnSideAsUnreachableWithoutItsContacts() {
        Recipients recipients = new Recipients(DEMO);
        Alert a = alert(housing(), "PW05", AlertLevel.YELLOW, AlertTransition.RAISED);
        assertThat(recipients.resolve(a, null).unreachable()).containsExactly(LABOR_MANAGER, CONSTRUCTION_UNIT);
        ProjectContacts onlyTheLabourManager = new ProjectContacts(
                CONTACTS.projectId(),
                CONTACTS.projectName(),
                CONTACTS.generalContractor(),
                CONTACTS.constructionUnit(),
                List.of(CONTACTS.contacts().get(0)));
        assertThat(recipients.resolve(a, onlyTheLabourManager).unreachable()).containsExactly(CONSTRUCTION_UNIT);
    }

    @Test
    void shouldRecordANameTheDirectoryDoesNotKnowAsUnreachable() {
        Project p = housing();
        p.town = "正义峡镇";
        Recipients.Resolution r =
                new Recipients(DEMO).resolve(alert(p, "PW05", AlertLevel.RED, AlertTransition.RAISED), CONTACTS);
        assertThat(r.unreachable()).containsExactly("正义峡镇");
        assertThat(r.contacts()).extracting(Contact::unit).doesNotContain("正义峡镇");
    }

    @Test
    void shouldHoldBackWhatAUnitDoesNotWantButTellItADowngradeOfWhatItHeard() {
        Map<String, DispatchConfig.Unit> directory = new LinkedHashMap<>(DEMO.directory());
        DispatchConfig.Unit bureau = directory.get("县人社局");
        directory.put(
                "县人社局",
                new DispatchConfig.Unit(
                        bureau.name(),
                        bureau.contacts(),
                        bureau.webhooks(),
                        Set.of(AlertLevel.RED),
                        bureau.quietHours()));
        Recipients recipients = new Recipients(new DispatchConfig(
                DEMO.name(),
                DEMO.stateDir(),
                DEMO.kafka(),
                DEMO.influx(),
                DEMO.gateway(),
                DEMO.sms(),
                DEMO.timing(),
                directory,
                DEMO.ruleNames()));

        Recipients.Resolution yellow =
                recipients.resolve(alert(housing(), "PW05", AlertLevel.YELLOW, AlertTransition.RAISED), CONTACTS);
        assertThat(yellow.notWanted()).containsExactly("县人社局");
        assertThat(yellow.unreachable()).isEmpty();
        assertThat(yellow.contacts())
                .extracting(Contact::unit)
                .doesNotContain("县人社局")
                .contains("县住建局");

        Recipients.Resolution downgraded =
                recipients.resolve(alert(housing(), "PW05", AlertLevel.YELLOW, AlertTransition.DOWNGRADED), CONTACTS);
        assertThat(downgraded.notWanted()).isEmpty();
        assertThat(downgraded.contacts()).extracting(Contact::unit).contains("县人社局");
    }

    @Test
    void shouldPutEveryRecipientNameInExactlyOneOutcome() {
        Recipients shipped = new Recipients(DispatchConfigFile.load(DispatchConfigFileTest.SHIPPED));
        for (String ruleId : DEMO.ruleNames().keySet()) {
            Alert a = alert(housing(), ruleId, AlertLevel.RED, AlertTransition.ESCALATED);
            Recipients.Resolution r = shipped.resolve(a, CONTACTS);
            List<String> outcomes = new ArrayList<>(
                    r.contacts().stream().map(Contact::unit).distinct().toList());
            outcomes.addAll(r.unreachable());
            outcomes.addAll(r.notWanted());
            assertThat(outcomes).as(ruleId).containsExactlyInAnyOrderElementsOf(a.getRecipients());
        }
    }
}
