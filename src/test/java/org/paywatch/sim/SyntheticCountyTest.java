package org.paywatch.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.config.JobConfigFile;
import org.paywatch.contract.BankTransaction;
import org.paywatch.contract.BankTransactionType;
import org.paywatch.contract.ClockIn;
import org.paywatch.contract.ContactRole;
import org.paywatch.contract.Project;
import org.paywatch.contract.ProjectCategory;
import org.paywatch.contract.ProjectContact;
import org.paywatch.contract.Worker;
import org.paywatch.domain.Feed;
import org.paywatch.local.LocalFlink;
import org.paywatch.pipeline.Replay;
import org.paywatch.policy.PolicyConfig;

class SyntheticCountyTest {
    /** Compliant projects deposit what the shipped policy asks of them. */
    private static final PolicyConfig POLICY =
            JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")).policy();

    private static final LocalDate LAST_DAY = LocalDate.of(2026, 11, 26);
    private static SyntheticCounty county;
    private static List<CountyRecord> records;

    @BeforeAll
    static void simulateFourMonths() {
        county = SyntheticCounty.monthsEndingOn(7, 4, LAST_DAY, POLICY);
        records = county.all();
    }

    @Test
    void theSameSeedGivesTheSameRecords() {
        assertThat(SyntheticCounty.monthsEndingOn(7, 4, LAST_DAY, POLICY).all()).isEqualTo(records);
        assertThat(SyntheticCounty.monthsEndingOn(8, 4, LAST_DAY, POLICY).all()).isNotEqualTo(records);
    }

    @Test
    void registryComesFirstAndEverythingIsInEventTimeOrder() {
        int registry = county.projectCount() + county.workerCount();
        assertThat(records.subList(0, registry)).allMatch(r -> r.feed() == Feed.PROJECTS || r.feed() == Feed.WORKERS);
        for (int i = 1; i < records.size(); i++) {
            assertThat(records.get(i).eventTime())
                    .isAfterOrEqualTo(records.get(i - 1).eventTime());
        }
    }

    @Test
    void projectsAreSpreadOverGaotaisNineTowns() {
        assertThat(projects())
                .extracting(Project::getTown)
                .containsOnlyElementsOf(SyntheticCounty.TOWNS)
                .containsAll(SyntheticCounty.TOWNS);
        assertThat(projects()).hasSizeBetween(55, 65).allSatisfy(p -> {
            assertThat(p.getName()).startsWith("高台县");
            assertThat(p.getGeneralContractor().getCreditCode()).hasSize(18);
            assertThat(p.getConstructionUnit().getCreditCode()).hasSize(18);
            assertThat(p.getPayrollAccount().getAccountNo()).matches("\\d{19}");
        });
        assertThat(projects()).extracting(Project::getName).doesNotHaveDuplicates();
        assertThat(projects()).extracting(Project::getCategory).containsAll(List.of(ProjectCategory.values()));
    }

    @Test
    void everyProjectHasItsLabourManagerAndItsConstructionUnitsContactWithObviouslyFictionalNumbers() {
        assertThat(projects()).allSatisfy(p -> {
            assertThat(p.getContacts())
                    .extracting(ProjectContact::getRole)
                    .containsExactly(ContactRole.LABOR_MANAGER, ContactRole.CONSTRUCTION_UNIT);
            assertThat(p.getContacts()).allSatisfy(c -> {
                assertThat(c.getName()).matches("\\p{IsHan}{3}");
                assertThat(c.getPhone()).matches("1380000\\d{4}");
            });
        });
        Set<String> labourManagers = new HashSet<>();
        Map<String, Set<String>> unitContacts = new TreeMap<>(); // construction unit -> its contacts' phones
        for (Project p : projects()) {
            labourManagers.add(p.getContacts().get(0).getPhone());
            unitContacts
                    .computeIfAbsent(p.getConstructionUnit().getCreditCode(), k -> new TreeSet<>())
                    .add(p.getContacts().get(1).getPhone());
        }
        assertThat(labourManagers).as("one labour manager a project").hasSameSizeAs(projects());
        assertThat(unitContacts)
                .as("units with several projects")
                .hasSizeLessThan(projects().size())
                .allSatisfy((unit, phones) ->
                        assertThat(phones).as("the one contact of %s", unit).hasSize(1));
        Set<String> everyone = new HashSet<>(labourManagers);
        unitContacts.values().forEach(everyone::addAll);
        assertThat(everyone).as("no two people share a number").hasSize(labourManagers.size() + unitContacts.size());
    }

    @Test
    void aPlanSizesTheCountyAndCanLeaveEveryProjectCompliant() {
        SyntheticCounty small = new SyntheticCounty(
                CountyPlan.monthsEndingOn(7, 3, LAST_DAY)
                        .withProjects(9)
                        .withCrews(8, 8)
                        .compliant(),
                POLICY);
        assertThat(small.projectCount()).isEqualTo(9);
        assertThat(small.workerCount()).isEqualTo(72);
        assertThat(small.faults()).isEmpty();
        assertThat(small.registry())
                .filteredOn(r -> r.feed() == Feed.PROJECTS)
                .extracting(r -> ((Project) r.record()).getCategory())
                .containsExactlyInAnyOrder(ProjectCategory.values());
    }

    @Test
    void about2000WorkersWithGaotaiIdNumbersAndRealisticWages() {
        List<Worker> workers = records.stream()
                .filter(r -> r.feed() == Feed.WORKERS)
                .map(r -> (Worker) r.record())
                .toList();
        assertThat(workers).hasSizeBetween(1800, 2200);
        assertThat(workers)
                .extracting(Worker::getWorkerId)
                .doesNotHaveDuplicates()
                .allMatch(id -> id.matches("620724\\d{12}"));
        assertThat(workers).allSatisfy(w -> {
            switch (w.getWageType()) {
                case DAILY -> assertThat(w.getWageRateFen()).isBetween(25_000L, 45_000L);
                case MONTHLY -> assertThat(w.getWageRateFen()).isBetween(500_000L, 1_000_000L);
            }
        });
    }

    @Test
    void compliantProjectsPayEveryAttendedWorkerOfEveryClosedMonth() {
        Map<String, String> projectOfAccount = new HashMap<>();
        projects().forEach(p -> projectOfAccount.put(p.getPayrollAccount().getAccountNo(), p.getProjectId()));
        Map<String, Set<String>> attended = new TreeMap<>(); // "project period" -> workers
        Map<String, Set<String>> paid = new TreeMap<>();
        for (CountyRecord r : records) {
            if (r.record() instanceof ClockIn c) {
                attended.computeIfAbsent(
                                c.getProjectId() + " "
                                        + YearMonth.from(r.eventTime().atZone(SyntheticCounty.ZONE)),
                                k -> new TreeSet<>())
                        .add(c.getWorkerId());
            } else if (r.record() instanceof BankTransaction t && t.getType() == BankTransactionType.WAGE_PAYOUT) {
                paid.computeIfAbsent(
                                projectOfAccount.get(t.getAccountNo()) + " " + t.getWagePeriod(), k -> new TreeSet<>())
                        .add(t.getWorkerId());
            }
        }
        // months whose pay day has certainly passed: every month but the last two
        YearMonth lastClosed = YearMonth.from(LAST_DAY).minusMonths(2);
        int checked = 0;
        for (Map.Entry<String, Set<String>> e : attended.entrySet()) {
            String project = e.getKey().split(" ")[0];
            YearMonth period = YearMonth.parse(e.getKey().split(" ")[1]);
            if (county.faults().containsKey(project) || period.isAfter(lastClosed)) {
                continue;
            }
            assertThat(paid.get(e.getKey())).as("payees of %s", e.getKey()).isEqualTo(e.getValue());
            checked++;
        }
        assertThat(checked).isGreaterThan(100);
    }

    @Test
    void oneProjectInSixGoesWrongInEveryWay() {
        assertThat(county.faults().values()).containsExactlyInAnyOrder(Fault.values());
        assertThat((double) county.faults().size() / county.projectCount()).isBetween(0.10, 0.20);
        Set<BankTransactionType> types = new HashSet<>();
        records.stream()
                .filter(r -> r.record() instanceof BankTransaction)
                .forEach(r -> types.add(((BankTransaction) r.record()).getType()));
        assertThat(types)
                .contains(
                        BankTransactionType.TRANSFER_OUT,
                        BankTransactionType.CASH_WITHDRAWAL,
                        BankTransactionType.FREEZE,
                        BankTransactionType.UNFREEZE);
    }

    @Test
    void balancesNeverGoNegative() {
        assertThat(records)
                .filteredOn(r -> r.record() instanceof BankTransaction)
                .allSatisfy(r -> assertThat(((BankTransaction) r.record()).getBalanceAfterFen())
                        .isNotNegative());
    }

    /**
     * A smaller county with the demo's faults, replayed: every alert comes from a faulty project and
     * from a rule its {@link Fault} names, and every fault raises its own rule.
     */
    @Test
    void everyAlertOfAFaultyCountyComesFromAFaultAndEveryFaultRaisesItsRule(@TempDir Path dir) throws Exception {
        SyntheticCounty faulty =
                new SyntheticCounty(CountyPlan.monthsEndingOn(7, 3, LAST_DAY).withCrews(8, 14), POLICY);
        CountyReplayFolder.Written written = CountyReplayFolder.write(faulty, dir.resolve("county"));
        Path out = dir.resolve("alerts.jsonl");
        Replay.run(
                LocalFlink.environment(),
                dir.resolve("county"),
                written.asOf().toInstant().toEpochMilli(),
                out,
                JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")),
                "faulty-county-test-key".getBytes(StandardCharsets.UTF_8));

        Map<String, Fault> faults = faulty.faults();
        assertThat(faults.values()).containsExactlyInAnyOrder(Fault.values());
        Map<String, Set<String>> rulesRaised = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(out)) {
            JsonNode a = json.readTree(line);
            String project = a.get("projectId").asText();
            String rule = a.get("ruleId").asText();
            assertThat(faults).as("alert of a compliant project: %s", line).containsKey(project);
            assertThat(RULES_OF.get(faults.get(project)))
                    .as("rules of %s: %s", faults.get(project), line)
                    .contains(rule);
            rulesRaised.computeIfAbsent(project, p -> new TreeSet<>()).add(rule);
        }
        faults.forEach((project, fault) -> assertThat(rulesRaised.getOrDefault(project, Set.of()))
                .as("rules raised by %s on %s", fault, project)
                .contains(RULES_OF.get(fault).get(0)));
    }

    /** Each fault's own rule first, then the rules its javadoc says may follow from it. */
    private static final Map<Fault, List<String>> RULES_OF = Map.of(
            Fault.WAGES_WITHHELD, List.of("PW05", "PW90", "PW04"),
            Fault.LAST_MINUTE_PAYROLL, List.of("PW05"),
            Fault.ONE_WORKER_UNPAID, List.of("PW06"),
            Fault.CREW_PARTLY_UNPAID, List.of("PW06", "PW90"),
            Fault.DEPOSITS_STOPPED, List.of("PW02", "PW01", "PW04", "PW05", "PW90"),
            Fault.DEPOSITS_LAPSING, List.of("PW02", "PW01"),
            Fault.TRANSFER_OUT, List.of("PW10", "PW04"),
            Fault.CASH_WITHDRAWN, List.of("PW10", "PW04"),
            Fault.FROZEN, List.of("PW11", "PW05", "PW90"),
            Fault.FROZEN_THEN_RELEASED, List.of("PW11", "PW05"));

    private static List<Project> projects() {
        return records.stream()
                .filter(r -> r.feed() == Feed.PROJECTS)
                .map(r -> (Project) r.record())
                .toList();
    }
}
