package org.paywatch.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.paywatch.config.JobConfigFile;
import org.paywatch.contract.AlertTransition;
import org.paywatch.contract.ProjectCategory;
import org.paywatch.dispatch.NoticeStatus;
import org.paywatch.io.influx.InfluxHttp;
import org.paywatch.io.influx.QueryResult;
import org.paywatch.local.ReplayedCounty;
import org.paywatch.policy.ResponsibilityList;

/**
 * The Grafana dashboards of dashboards/grafana, run against a real influxd filled by a replayed county
 * ({@link ReplayedCounty}): every panel's query with its variables put in as Grafana 11 puts them, every variable's
 * query, and the fields Grafana 11 needs to load the JSON (Grafana itself cannot be installed here).
 */
class GrafanaDashboardsTest {
    private static final Path DASHBOARDS = Path.of("dashboards/grafana");
    private static final Path PROVISIONING = Path.of("dashboards/provisioning");
    private static final List<String> FILES =
            List.of("paywatch-county.json", "paywatch-project.json", "paywatch-notifications.json");
    private static final String DATASOURCE_UID = "paywatch-influx";
    private static final String DAY = "1d";
    private static final long DAY_MS = 86_400_000L;
    private static final Set<String> CORE_PANEL_TYPES = Set.of(
            "stat",
            "timeseries",
            "barchart",
            "table",
            "gauge",
            "bargauge",
            "piechart",
            "text",
            "state-timeline",
            "status-history",
            "heatmap",
            "histogram",
            "row",
            "logs",
            "news",
            "geomap");
    /** Panels the replayed county may leave empty with every variable on All: none. */
    private static final Set<String> MAY_BE_EMPTY = Set.of();

    private static final Pattern WORKER_PSEUDONYM = Pattern.compile("W-[0-9a-fA-F]{6,}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static InfluxHttp influx;
    private static Map<String, JsonNode> dashboards;
    private static List<Map<String, Object>> projects;
    private static long fromMs;
    private static long toMs;
    /** The project with the most alert transitions: the drill-down shows it fullest. */
    private static String busiestProject;

    @BeforeAll
    static void replayACounty() throws Exception {
        ReplayedCounty county = ReplayedCounty.shared();
        influx = new InfluxHttp(county.influxUrl());
        dashboards = new LinkedHashMap<>();
        for (String file : FILES) {
            dashboards.put(file, JSON.readTree(DASHBOARDS.resolve(file).toFile()));
        }
        projects = new ArrayList<>();
        for (String line : Files.readAllLines(county.input().resolve("projects.jsonl"))) {
            if (!line.isBlank()) {
                projects.add(JSON.readValue(line, Map.class));
            }
        }
        // Grafana's range as a user would pick it: from a day before the first point to a day after the replay's end
        long first = Long.MAX_VALUE;
        for (String measurement : List.of("project_risk", "project_month", "alert", "notification")) {
            QueryResult r = query("SELECT first(*) FROM \"" + measurement + "\"");
            assertThat(r.rows()).as("points in %s", measurement).isNotEmpty();
            first = Math.min(first, ((Number) r.rows().get(0).get("time")).longValue());
        }
        fromMs = first - DAY_MS;
        toMs = ReplayedCounty.AS_OF.toInstant().toEpochMilli() + DAY_MS;
        busiestProject = query("SELECT count(\"levelRank\") FROM \"alert\" GROUP BY \"projectId\"").series().stream()
                .max((a, b) -> Long.compare(count(a), count(b)))
                .orElseThrow()
                .tags()
                .get("projectId");
    }

    @Test
    void everyPanelFillsWithDataWhenEveryVariableIsOnAll() throws Exception {
        Map<String, List<String>> all = Map.of(
                "town",
                List.of(GrafanaInterpolation.ALL),
                "department",
                List.of(GrafanaInterpolation.ALL),
                "level",
                List.of(GrafanaInterpolation.ALL),
                "project",
                List.of(busiestProject));
        List<String> problems = runEveryPanel(all, true);
        assertThat(problems).as("panels whose query fails or comes back empty").isEmpty();
    }

    @Test
    void everyPanelQueryRunsWithOneValueAndWithSeveralValuesOfEachVariable() throws Exception {
        List<String> towns = variableOptions("paywatch-county.json", "town");
        String anotherProject =
                variableOptions("paywatch-project.json", "project").get(0);
        List<String> problems = new ArrayList<>();
        problems.addAll(runEveryPanel(
                Map.of(
                        "town",
                        towns.subList(0, 1),
                        "department",
                        List.of("HOUSING|MUNICIPAL"),
                        "level",
                        List.of("RED"),
                        "project",
                        List.of(anotherProject)),
                false));
        problems.addAll(runEveryPanel(
                Map.of(
                        "town",
                        towns.subList(0, 2),
                        "department",
                        List.of("RAILWAY|AVIATION|OTHER"),
                        "level",
                        List.of("YELLOW", "NONE"),
                        "project",
                        List.of(busiestProject)),
                false));
        assertThat(problems).as("panels whose query fails").isEmpty();
    }

    @Test
    void shouldCountOnlyTheTownsProjectsWhenFilteredByTown() throws Exception {
        for (String town : variableOptions("paywatch-county.json", "town")) {
            long expected =
                    projects.stream().filter(p -> town.equals(p.get("town"))).count();
            assertThat(monitoredProjects(Map.of(
                            "town",
                            List.of(town),
                            "department",
                            List.of(GrafanaInterpolation.ALL),
                            "level",
                            List.of(GrafanaInterpolation.ALL))))
                    .as("projects monitored in %s", town)
                    .isEqualTo(expected);
        }
        assertThat(monitoredProjects(allBut(Map.of())))
                .as("projects monitored in the county")
                .isEqualTo(projects.size());
    }

    @Test
    void shouldCountOnlyTheDepartmentsCategoriesWhenFilteredByDepartment() throws Exception {
        for (JsonNode option : variable("paywatch-county.json", "department").path("options")) {
            String categories = option.path("value").asText();
            if (categories.equals(GrafanaInterpolation.ALL)) {
                continue;
            }
            Set<String> its = Set.of(categories.split("\\|"));
            long expected = projects.stream()
                    .filter(p -> its.contains(p.get("category")))
                    .count();
            assertThat(monitoredProjects(allBut(Map.of("department", List.of(categories)))))
                    .as("projects monitored by %s", option.path("text").asText())
                    .isEqualTo(expected);
        }
    }

    @Test
    void shouldCountOnlyTheChosenLevelsWhenFilteredByLevel() throws Exception {
        long red = panelCount("红色预警项目", allBut(Map.of()));
        long yellow = panelCount("黄色预警项目", allBut(Map.of()));
        assertThat(red).as("red projects in the replayed county").isPositive();
        assertThat(monitoredProjects(allBut(Map.of("level", List.of("RED", "YELLOW")))))
                .isEqualTo(red + yellow);
        assertThat(panelCount("黄色预警项目", allBut(Map.of("level", List.of("RED")))))
                .as("yellow projects among the red ones")
                .isZero();
    }

    @Test
    void variableQueriesListTheCountysTownsAndProjects() throws Exception {
        assertThat(variableOptions("paywatch-county.json", "town"))
                .containsExactlyInAnyOrderElementsOf(
                        projects.stream().map(p -> (String) p.get("town")).collect(Collectors.toSet()));
        assertThat(variableOptions("paywatch-project.json", "project"))
                .containsExactlyInAnyOrderElementsOf(
                        projects.stream().map(p -> (String) p.get("projectId")).toList());
    }

    @Test
    void departmentVariableMapsEachDepartmentToItsCategoriesInTheJobFile() {
        ResponsibilityList routing = JobConfigFile.load(Path.of("jobs/risk-monitor.yaml")).routing;
        Map<String, Set<String>> expected = new TreeMap<>();
        for (ProjectCategory c : ProjectCategory.values()) {
            String department = routing.industryDepartments.getOrDefault(c.name(), routing.defaultIndustryDepartment);
            expected.computeIfAbsent(department, d -> new TreeSet<>()).add(c.name());
        }
        Map<String, Set<String>> options = new TreeMap<>();
        for (JsonNode option : variable("paywatch-county.json", "department").path("options")) {
            if (!option.path("value").asText().equals(GrafanaInterpolation.ALL)) {
                options.put(
                        option.path("text").asText(),
                        new TreeSet<>(
                                Arrays.asList(option.path("value").asText().split("\\|"))));
            }
        }
        assertThat(options).as("department variable's options").isEqualTo(expected);
        assertThat(customQueryOptions(variable("paywatch-county.json", "department")))
                .as("its custom query")
                .isEqualTo(expected);
        // the per-department chart names each category after its department
        JsonNode categoryNames = valueMappings(panel("paywatch-county.json", "各行业主管部门项目风险等级")).stream()
                .filter(mapping -> mapping.has("HOUSING"))
                .findFirst()
                .orElseThrow();
        for (ProjectCategory c : ProjectCategory.values()) {
            String department = routing.industryDepartments.getOrDefault(c.name(), routing.defaultIndustryDepartment);
            assertThat(categoryNames.path(c.name()).path("text").asText())
                    .as("%s's label", c)
                    .startsWith(department + "·");
        }
    }

    @Test
    void levelsTransitionsAndStatusesAreShownInChinese() {
        Map<String, Integer> translated = new TreeMap<>();
        for (JsonNode dashboard : dashboards.values()) {
            for (JsonNode options : valueMappings(dashboard)) {
                if (options.has("RAISED")) {
                    assertThat(keys(options))
                            .containsExactlyInAnyOrderElementsOf(Stream.of(AlertTransition.values())
                                    .map(Enum::name)
                                    .toList());
                    translated.merge("transitions", 1, Integer::sum);
                }
                if (options.has("DELIVERED")) {
                    for (NoticeStatus s : NoticeStatus.values()) {
                        assertThat(options.path(s.name()).path("text").asText())
                                .as("%s as dispatch log says it", s)
                                .isEqualTo(s.chinese);
                    }
                    translated.merge("statuses", 1, Integer::sum);
                }
                if (options.has("RED") || options.has("3")) {
                    assertThat(options.path(options.has("RED") ? "RED" : "3")
                                    .path("text")
                                    .asText())
                            .isEqualTo("红色");
                    assertThat(options.path(options.has("RED") ? "BLUE" : "1")
                                    .path("text")
                                    .asText())
                            .isEqualTo("蓝色");
                    translated.merge("levels", 1, Integer::sum);
                }
            }
        }
        // every table of alerts and notices translates its levels and transitions, the notices their statuses
        assertThat(translated)
                .containsEntry("transitions", 3)
                .containsEntry("statuses", 1)
                .containsEntry("levels", 5);
    }

    /** The options of every value mapping of a dashboard or panel: in field defaults and in overrides. */
    private static List<JsonNode> valueMappings(JsonNode node) {
        List<JsonNode> options = new ArrayList<>();
        for (JsonNode mappings : node.findValues("mappings")) {
            mappings.forEach(m -> options.add(m.path("options")));
        }
        for (JsonNode property : node.findValues("properties")) {
            for (JsonNode p : property) {
                if (p.path("id").asText().equals("mappings")) {
                    p.path("value").forEach(m -> options.add(m.path("options")));
                }
            }
        }
        return options;
    }

    @Test
    void noPanelShowsAScopeANoticeKeyOrAWorkerPseudonym() throws Exception {
        Map<String, List<String>> all = allBut(Map.of("project", List.of(busiestProject)));
        for (Map.Entry<String, JsonNode> d : dashboards.entrySet()) {
            for (JsonNode panel : d.getValue().path("panels")) {
                for (JsonNode target : panel.path("targets")) {
                    String query = target.path("query").asText();
                    assertThat(query)
                            .as("%s «%s»", d.getKey(), panel.path("title").asText())
                            .doesNotContain("scope", "noticeKey", "SELECT *");
                    String result = JSON.writeValueAsString(
                            query(interpolation(d.getValue()).interpolate(query, all, fromMs, toMs, DAY)));
                    assertThat(WORKER_PSEUDONYM.matcher(result).find())
                            .as(
                                    "a pseudonym in %s «%s»",
                                    d.getKey(), panel.path("title").asText())
                            .isFalse();
                }
            }
        }
    }

    @Test
    void dashboardsHaveWhatGrafana11NeedsToLoadThem() {
        Set<String> uids = new HashSet<>();
        for (Map.Entry<String, JsonNode> d : dashboards.entrySet()) {
            String name = d.getKey();
            JsonNode dashboard = d.getValue();
            assertThat(dashboard.path("uid").asText()).as("%s uid", name).isEqualTo(name.replace(".json", ""));
            uids.add(dashboard.path("uid").asText());
            assertThat(dashboard.path("title").asText()).as("%s title", name).isNotBlank();
            assertThat(dashboard.path("schemaVersion").asInt())
                    .as("%s schemaVersion", name)
                    .isGreaterThanOrEqualTo(36);
            assertThat(dashboard.path("id").isMissingNode()
                            || dashboard.path("id").isNull())
                    .as("%s has no database id to clash with another's", name)
                    .isTrue();
            assertThat(dashboard.path("time").path("from").asText())
                    .as("%s time.from", name)
                    .isNotBlank();
            assertThat(dashboard.path("time").path("to").asText())
                    .as("%s time.to", name)
                    .isNotBlank();
            Set<Integer> ids = new HashSet<>();
            for (JsonNode panel : dashboard.path("panels")) {
                String where = name + " «" + panel.path("title").asText() + "»";
                assertThat(panel.path("title").asText())
                        .as("title of a panel of %s", name)
                        .isNotBlank();
                assertThat(ids.add(panel.path("id").asInt(-1)))
                        .as("%s has an id of its own", where)
                        .isTrue();
                assertThat(panel.path("id").isInt()).as("%s id", where).isTrue();
                assertThat(CORE_PANEL_TYPES)
                        .as("%s type", where)
                        .contains(panel.path("type").asText());
                JsonNode grid = panel.path("gridPos");
                for (String f : List.of("h", "w", "x", "y")) {
                    assertThat(grid.path(f).isInt())
                            .as("%s gridPos.%s", where, f)
                            .isTrue();
                }
                assertThat(grid.path("x").asInt()).as("%s gridPos.x", where).isBetween(0, 23);
                assertThat(grid.path("w").asInt())
                        .as("%s gridPos.w", where)
                        .isBetween(1, 24 - grid.path("x").asInt());
                assertThat(grid.path("h").asInt()).as("%s gridPos.h", where).isPositive();
                assertThat(grid.path("y").asInt()).as("%s gridPos.y", where).isNotNegative();
                assertInfluxDataSource(panel.path("datasource"), where);
                assertThat(panel.path("targets").size()).as("%s targets", where).isPositive();
                Set<String> refIds = new HashSet<>();
                for (JsonNode target : panel.path("targets")) {
                    assertThat(refIds.add(target.path("refId").asText()))
                            .as("%s refId %s once", where, target.path("refId"))
                            .isTrue();
                    assertThat(target.path("refId").asText())
                            .as("%s refId", where)
                            .isNotBlank();
                    assertThat(target.path("rawQuery").asBoolean())
                            .as("%s rawQuery", where)
                            .isTrue();
                    assertThat(target.path("query").asText())
                            .as("%s query", where)
                            .isNotBlank();
                    assertInfluxDataSource(
                            target.path("datasource"),
                            where + " " + target.path("refId").asText());
                }
            }
            for (JsonNode variable : dashboard.path("templating").path("list")) {
                assertThat(variable.path("name").asText())
                        .as("%s variable name", name)
                        .isNotBlank();
                assertThat(variable.path("type").asText())
                        .as("%s variable type", name)
                        .isIn("query", "custom");
                assertThat(variable.path("query").asText())
                        .as("%s $%s query", name, variable.path("name").asText())
                        .isNotBlank();
                if (variable.path("type").asText().equals("query")) {
                    assertInfluxDataSource(
                            variable.path("datasource"),
                            name + " $" + variable.path("name").asText());
                }
            }
        }
        assertThat(uids).hasSize(FILES.size());
        // the tables' data links open a dashboard that exists, and keep the time range
        for (Map.Entry<String, JsonNode> d : dashboards.entrySet()) {
            for (JsonNode url : d.getValue().findValues("url")) {
                var link = Pattern.compile("^/d/([\\w-]+)/").matcher(url.asText());
                assertThat(link.find()).as("%s link %s", d.getKey(), url).isTrue();
                assertThat(uids).as("%s link %s", d.getKey(), url).contains(link.group(1));
            }
        }
        String countyLinks =
                panel("paywatch-county.json", "风险最高的项目").path("fieldConfig").toString();
        assertThat(countyLinks).contains("/d/paywatch-project/", "var-project=${__value.raw}", "${__url_time_range}");
        assertThat(panel("paywatch-county.json", "最新预警变动").path("fieldConfig").toString())
                .contains("/d/paywatch-project/");
    }

    @Test
    void provisioningLoadsTheThreeDashboardsAndTheInfluxDataSource() throws IOException {
        YAMLMapper yaml = new YAMLMapper();
        JsonNode provider = yaml.readTree(
                        PROVISIONING.resolve("dashboards/paywatch.yaml").toFile())
                .path("providers")
                .get(0);
        assertThat(provider.path("folder").asText()).isEqualTo("根治欠薪");
        assertThat(provider.path("type").asText()).isEqualTo("file");
        String path = provider.path("options").path("path").asText();
        JsonNode grafana = yaml.readTree(Path.of("docker-compose.yml").toFile())
                .path("services")
                .path("grafana");
        assertThat(textsOf(grafana.path("volumes")))
                .as("docker-compose mounts the provisioning and dashboards/grafana where the provider reads")
                .contains(
                        "./dashboards/provisioning:/etc/grafana/provisioning:ro",
                        "./dashboards/grafana:" + path + ":ro");
        try (Stream<Path> files = Files.list(DASHBOARDS)) {
            assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")))
                    .containsExactlyInAnyOrderElementsOf(FILES);
        }
        JsonNode datasource = yaml.readTree(
                        PROVISIONING.resolve("datasources/influxdb.yaml").toFile())
                .path("datasources")
                .get(0);
        assertThat(datasource.path("uid").asText()).isEqualTo(DATASOURCE_UID);
        assertThat(datasource.path("type").asText()).isEqualTo("influxdb");
        assertThat(datasource.path("jsonData").path("dbName").asText()).isEqualTo(ReplayedCounty.DATABASE);
    }

    // ---- running the panels ------------------------------------------------------------------------------------

    private static List<String> runEveryPanel(Map<String, List<String>> selected, boolean mustFill) throws Exception {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> d : dashboards.entrySet()) {
            GrafanaInterpolation interpolation = interpolation(d.getValue());
            for (JsonNode panel : d.getValue().path("panels")) {
                String title = panel.path("title").asText();
                boolean filled = false;
                for (JsonNode target : panel.path("targets")) {
                    String query =
                            interpolation.interpolate(target.path("query").asText(), selected, fromMs, toMs, DAY);
                    try {
                        filled |= hasValues(query(query));
                    } catch (IOException e) {
                        problems.add(d.getKey() + " «" + title + "» "
                                + target.path("refId").asText() + ": " + e.getMessage() + "\n    " + query);
                    }
                }
                if (mustFill && !filled && !MAY_BE_EMPTY.contains(title)) {
                    problems.add(d.getKey() + " «" + title + "» is empty with " + selected + "\n    "
                            + interpolation.interpolate(
                                    panel.path("targets").get(0).path("query").asText(), selected, fromMs, toMs, DAY));
                }
            }
        }
        return problems;
    }

    /** A result Grafana draws something from: a row with a value besides its time. */
    private static boolean hasValues(QueryResult result) {
        return result.rows().stream()
                .anyMatch(row ->
                        row.entrySet().stream().anyMatch(e -> !e.getKey().equals("time") && e.getValue() != null));
    }

    private static long monitoredProjects(Map<String, List<String>> selected) throws Exception {
        return panelCount("监测项目数", selected);
    }

    /** The number a county stat panel shows; Grafana shows its "no value" 0 when the count has no row. */
    private static long panelCount(String title, Map<String, List<String>> selected) throws Exception {
        JsonNode county = dashboards.get("paywatch-county.json");
        String query = interpolation(county)
                .interpolate(
                        panel("paywatch-county.json", title)
                                .path("targets")
                                .get(0)
                                .path("query")
                                .asText(),
                        selected,
                        fromMs,
                        toMs,
                        DAY);
        List<Map<String, Object>> rows = query(query).rows();
        return rows.isEmpty() ? 0 : ((Number) rows.get(0).get("项目数")).longValue();
    }

    private static Map<String, List<String>> allBut(Map<String, List<String>> chosen) {
        Map<String, List<String>> selected = new LinkedHashMap<>(Map.of(
                "town",
                List.of(GrafanaInterpolation.ALL),
                "department",
                List.of(GrafanaInterpolation.ALL),
                "level",
                List.of(GrafanaInterpolation.ALL)));
        selected.putAll(chosen);
        return selected;
    }

    private static GrafanaInterpolation interpolation(JsonNode dashboard) throws Exception {
        Map<String, JsonNode> variables = new LinkedHashMap<>();
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            String name = variable.path("name").asText();
            variables.put(name, variable);
            options.put(
                    name,
                    variable.path("type").asText().equals("query")
                            ? tagValues(variable.path("query").asText())
                            : customQueryOptions(variable).values().stream()
                                    .map(v -> String.join("|", v))
                                    .toList());
        }
        return new GrafanaInterpolation(variables, options);
    }

    private static List<String> variableOptions(String dashboard, String name) throws Exception {
        return tagValues(variable(dashboard, name).path("query").asText());
    }

    private static List<String> tagValues(String showTagValues) throws Exception {
        return query(showTagValues).rows().stream()
                .map(row -> (String) row.get("value"))
                .toList();
    }

    /** A custom variable's options as Grafana reads its query: {@code text : value} pairs separated by commas. */
    private static Map<String, Set<String>> customQueryOptions(JsonNode variable) {
        Map<String, Set<String>> options = new TreeMap<>();
        for (String pair : variable.path("query").asText().split(",")) {
            String[] textValue = pair.split(" : ", 2);
            String value = textValue[textValue.length - 1].trim();
            options.put(textValue[0].trim(), new TreeSet<>(Arrays.asList(value.split("\\|"))));
        }
        return options;
    }

    private static QueryResult query(String influxql) throws IOException, InterruptedException {
        return influx.query(ReplayedCounty.DATABASE, influxql);
    }

    private static long count(QueryResult.Series series) {
        return ((Number) series.values().get(0).get(1)).longValue();
    }

    // ---- reading the JSON --------------------------------------------------------------------------------------

    private static JsonNode panel(String dashboard, String title) {
        for (JsonNode panel : dashboards.get(dashboard).path("panels")) {
            if (panel.path("title").asText().equals(title)) {
                return panel;
            }
        }
        throw new AssertionError(dashboard + " has no panel «" + title + "»");
    }

    private static JsonNode variable(String dashboard, String name) {
        for (JsonNode variable : dashboards.get(dashboard).path("templating").path("list")) {
            if (variable.path("name").asText().equals(name)) {
                return variable;
            }
        }
        throw new AssertionError(dashboard + " has no variable $" + name);
    }

    private static void assertInfluxDataSource(JsonNode datasource, String where) {
        assertThat(datasource.path("type").asText())
                .as("%s datasource type", where)
                .isEqualTo("influxdb");
        assertThat(datasource.path("uid").asText())
                .as("%s datasource uid", where)
                .isEqualTo(DATASOURCE_UID);
    }

    private static List<String> keys(JsonNode object) {
        List<String> keys = new ArrayList<>();
        object.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    private static List<String> textsOf(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
