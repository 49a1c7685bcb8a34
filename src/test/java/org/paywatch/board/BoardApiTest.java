package org.paywatch.board;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.paywatch.cli.Paywatch;
import org.paywatch.config.JobConfig;
import org.paywatch.config.JobConfigFile;
import org.paywatch.io.influx.InfluxHttp;
import org.paywatch.local.InfluxServer;
import picocli.CommandLine;

/** The board's JSON API and page over a real influxd filled by a replay of a small simulated county. */
class BoardApiTest {
    private static final String DATABASE = "paywatch";
    private static final Pattern WORKER_PSEUDONYM = Pattern.compile("(?<![A-Za-z0-9])W-[0-9a-f]");
    private static final Pattern ID_CARD_NUMBER = Pattern.compile("(?<!\\d)\\d{17}[\\dXx](?!\\d)");
    private static final String PSEUDONYM = "W-3f9a0c41d2e5b6a7980c1d2e";

    @TempDir
    static Path dir;

    static InfluxServer influx;
    static InfluxHttp direct;
    static BoardServer board;
    static BoardClient client;
    static JobConfig job;
    static String projectWithPseudonym;

    @BeforeAll
    static void replayACountyAndServeTheBoard() throws Exception {
        influx = InfluxServer.start(dir.resolve("influx"));
        direct = new InfluxHttp(influx.url());
        CommandLine cl = Paywatch.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        Path county = dir.resolve("county");
        assertThat(cl.execute(
                        "simulate",
                        "--projects",
                        "12",
                        "--months",
                        "3",
                        "--seed",
                        "7",
                        "--last-day",
                        "2025-06-30",
                        "--out",
                        county.toString()))
                .as("simulate: %s", err)
                .isZero();
        assertThat(cl.execute(
                        "replay",
                        "--input",
                        county.toString(),
                        "--as-of",
                        "2025-07-01T00:00:00+08:00",
                        "--out",
                        dir.resolve("alerts.jsonl").toString(),
                        "--influx",
                        influx.url()))
                .as("replay: %s", err)
                .isZero();

        // a PW09 transition as the rule words it when a message names the worker: its scope is the worker's pseudonym
        projectWithPseudonym = column(
                        query("SELECT last(\"level\") FROM \"project_risk\" GROUP BY \"projectId\""), "projectId")
                .get(0);
        long raised =
                OffsetDateTime.parse("2025-06-10T00:00:00+08:00").toInstant().toEpochMilli();
        String tags = "alert,alertId=PW09-board-test,projectId=" + projectWithPseudonym
                + ",ruleId=PW09,level=YELLOW,town=某镇,category=HOUSING";
        String fields =
                " levelRank=2i,scope=\"" + PSEUDONYM + "\",projectName=\"测试项目\",recipients=\"县人社局\",message=\"测试项目工人"
                        + PSEUDONYM + "退场后45天仍有1个月的工资共3,200.00元未结清，请总承包单位立即足额结清。\",metric_daysSinceDeparture=45";
        direct.write(
                DATABASE,
                List.of(
                        tags.replace("level=YELLOW", "level=YELLOW,transition=RAISED") + fields + " " + raised,
                        tags.replace("level=YELLOW", "level=YELLOW,transition=CLEARED") + fields + " "
                                + (raised + 86_400_000L)));

        job = JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"));
        board = BoardServer.start(
                new CountyViews(new BoardInflux(influx.url(), DATABASE), job),
                InetAddress.getLoopbackAddress(),
                0,
                null);
        client = new BoardClient(board.url());
    }

    @AfterAll
    static void stop() {
        if (board != null) {
            board.close();
        }
        if (influx != null) {
            influx.close();
        }
    }

    @Test
    void shouldCountTheProjectsByCurrentLevelAsInfluxDbHoldsThem() throws Exception {
        Map<String, Long> expected = levelCounts("");
        JsonNode overview = client.json("/api/overview");

        assertThat(counts(overview)).isEqualTo(expected);
        assertThat(expected.get("projects")).isEqualTo(12);
        assertThat(expected.get("red") + expected.get("yellow") + expected.get("blue"))
                .as("a county with faults has alerts")
                .isPositive();
        assertThat(overview.get("overdueFen").asLong()).isEqualTo(sumOfLast("overdueFen", ""));
        assertThat(overview.get("unpaidWorkers").asLong()).isEqualTo(sumOfLast("unpaidWorkers", ""));
        assertThat(overview.get("asOf").asText()).isEqualTo("2025-07-01T00:00:00+08:00");
        assertThat(overview.get("readAt").asText()).endsWith("+08:00");
    }

    @Test
    void shouldCountOnlyTheTownsProjectsWhenFilteredByTown() throws Exception {
        JsonNode overview = client.json("/api/overview");
        long projects = 0;
        assertThat(overview.get("towns").size()).isGreaterThan(1);
        for (JsonNode town : overview.get("towns")) {
            String where = " WHERE \"town\" = '" + town.asText() + "'";
            JsonNode filtered =
                    client.json("/api/overview?town=" + URLEncoder.encode(town.asText(), StandardCharsets.UTF_8));
            assertThat(counts(filtered)).as(town.asText()).isEqualTo(levelCounts(where));
            assertThat(filtered.get("overdueFen").asLong()).isEqualTo(sumOfLast("overdueFen", where));
            filtered.get("ranking")
                    .forEach(r -> assertThat(r.get("town").asText()).isEqualTo(town.asText()));
            List<String> townsProjects = projectsOf(where);
            filtered.get("recent")
                    .forEach(r -> assertThat(r.get("projectId").asText()).isIn(townsProjects));
            projects += filtered.get("counts").get("projects").asLong();
        }
        assertThat(projects).isEqualTo(overview.get("counts").get("projects").asLong());
    }

    @Test
    void shouldShowOnlyProjectsOfTheLevelAndRankTheRiskiestFirst() throws Exception {
        JsonNode all = client.json("/api/overview");
        JsonNode red = client.json("/api/overview?level=RED");
        assertThat(red.get("counts").get("projects").asLong())
                .isEqualTo(all.get("counts").get("red").asLong())
                .isPositive();
        assertThat(red.get("counts").get("yellow").asLong()
                        + red.get("counts").get("blue").asLong()
                        + red.get("counts").get("none").asLong())
                .isZero();
        red.get("ranking").forEach(r -> assertThat(r.get("level").asText()).isEqualTo("RED"));

        List<Integer> ranks = new ArrayList<>();
        all.get("ranking")
                .forEach(r ->
                        ranks.add(BoardFilters.LEVELS.indexOf(r.get("level").asText())));
        assertThat(ranks).isSortedAccordingTo((a, b) -> b - a).doesNotContain(0);
        assertThat(all.get("ranking").get(0).get("openRules")).isNotEmpty();
        assertThat(all.get("ranking").get(0).get("daysOpen").asLong()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void shouldRefuseAnUnknownLevelWithASentence() throws Exception {
        HttpResponse<String> response = client.get("/api/overview?level=PURPLE");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(BoardClient.parse(response.body()).get("error").asText())
                .contains("PURPLE")
                .contains("RED, YELLOW, BLUE or NONE");
    }

    @Test
    void shouldCountOpenAlertsOnTheLastDayAsTheProjectsLatestPointsSayAndCoverHalfAYear() throws Exception {
        JsonNode levels = client.json("/api/levels-over-time");
        int last = levels.get("days").size() - 1;
        assertThat(levels.get("days").size()).isEqualTo(CountyViews.LEVEL_DAYS);
        assertThat(levels.get("days").get(last).asText()).isEqualTo("2025-07-01");
        assertThat(levels.get("red").get(last).asLong()).isEqualTo(sumOfLast("openRed", ""));
        assertThat(levels.get("yellow").get(last).asLong()).isEqualTo(sumOfLast("openYellow", ""));
        assertThat(levels.get("blue").get(last).asLong()).isEqualTo(sumOfLast("openBlue", ""));
        long blueDays = 0;
        for (JsonNode n : levels.get("blue")) {
            blueDays += n.asLong() > 0 ? 1 : 0;
        }
        assertThat(blueDays).as("days with a blue alert open").isGreaterThan(1);
    }

    @Test
    void shouldShowAProjectsAlertTimelineWithRuleNameAndBasis() throws Exception {
        String riskiest = client.json("/api/overview")
                .get("ranking")
                .get(0)
                .get("projectId")
                .asText();
        JsonNode project = client.json("/api/projects/" + riskiest);

        assertThat(project.get("projectId").asText()).isEqualTo(riskiest);
        assertThat(project.get("levels")).isNotEmpty();
        assertThat(project.get("money")).hasSameSizeAs(project.get("levels"));
        // its pay months, one per month from its start to the as-of's, owing together what the project owes
        assertThat(project.get("months"))
                .extracting(m -> m.get("month").asText())
                .isSorted()
                .contains("2025-05", "2025-06");
        long owedByMonth = 0;
        for (JsonNode m : project.get("months")) {
            owedByMonth += m.get("overdueFen").asLong();
        }
        assertThat(owedByMonth).isEqualTo(project.get("overdueFen").asLong());
        JsonNode alerts = project.get("alerts");
        assertThat(alerts).isNotEmpty();
        List<String> times = new ArrayList<>();
        for (JsonNode a : alerts) {
            String ruleId = a.get("ruleId").asText();
            assertThat(a.get("ruleName").asText()).isEqualTo(job.rules.get(ruleId).name);
            assertThat(a.get("basis").asText()).isEqualTo(job.rules.get(ruleId).basis);
            assertThat(a.get("message").asText()).isNotBlank();
            times.add(a.get("time").asText());
        }
        assertThat(times).isSorted();
        assertThat(alerts.get(0).get("recipients").asText()).isNotBlank();
        assertThat(alerts.get(0).get("metrics")).isNotEmpty();
    }

    @Test
    void shouldAnswer404ForAProjectWithoutData() throws Exception {
        HttpResponse<String> response = client.get("/api/projects/NO-SUCH%27PROJECT");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(BoardClient.parse(response.body()).get("error").asText()).contains("NO-SUCH'PROJECT");
    }

    @Test
    void shouldNameNoWorkerByPseudonymAndShowNoIdCardNumberInAnyAnswer() throws Exception {
        List<String> bodies = new ArrayList<>();
        JsonNode overview = client.json("/api/overview");
        bodies.add(overview.toString());
        bodies.add(client.json("/api/levels-over-time").toString());
        bodies.add(client.json("/api/notifications").toString());
        for (String projectId : projectsOf("")) {
            bodies.add(client.get("/api/projects/" + projectId).body());
        }
        for (String body : bodies) {
            assertThat(WORKER_PSEUDONYM.matcher(body).find())
                    .as("a worker pseudonym in %s", body)
                    .isFalse();
            assertThat(ID_CARD_NUMBER.matcher(body).find())
                    .as("an ID-card number in %s", body)
                    .isFalse();
        }
        JsonNode pw09 = null;
        for (JsonNode a : client.json("/api/projects/" + projectWithPseudonym).get("alerts")) {
            pw09 = "PW09".equals(a.get("ruleId").asText()) ? a : pw09;
        }
        assertThat(pw09).as("the PW09 transition written for this test").isNotNull();
        assertThat(pw09.get("message").asText()).startsWith("测试项目工人某工人退场后45天");
    }

    @Test
    void shouldServeTheChinesePageWithEveryContractIdAndEChartsFromTheJar() throws Exception {
        HttpResponse<String> page = client.get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body())
                .contains("县级驾驶舱", "项目详情", "通知", "vendor/echarts.min.js")
                .doesNotContain("http://", "https://");
        for (String id : List.of(
                "tab-overview",
                "tab-project",
                "tab-notifications",
                "view-overview",
                "view-project",
                "view-notifications",
                "filter-town",
                "filter-department",
                "filter-level",
                "count-projects",
                "count-red",
                "count-yellow",
                "count-blue",
                "count-none",
                "overdue-yuan",
                "unpaid-workers",
                "chart-towns",
                "chart-departments",
                "chart-levels-over-time",
                "ranking",
                "recent",
                "project-title",
                "project-level",
                "chart-project-level",
                "chart-project-coverage",
                "chart-project-delay",
                "chart-project-money",
                "project-timeline",
                "notifications-by-unit",
                "notifications-recent",
                "as-of",
                "read-at",
                "banner-stale")) {
            assertThat(page.body()).as("element id %s", id).contains("id=\"" + id + "\"");
        }
        assertThat(client.get("/board.js").body()).contains("dataset.ready", "dataset.refreshes", "timeline-entry");

        HttpResponse<byte[]> echarts = client.bytes("/vendor/echarts.min.js");
        assertThat(echarts.statusCode()).isEqualTo(200);
        assertThat(echarts.body().length).isGreaterThan(500_000);
        assertThat(new String(echarts.body(), 0, 2000, StandardCharsets.UTF_8)).contains("echarts");
        assertThat(client.get("/nothing-here").statusCode()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- the test's own InfluxQL, not the board's

    private static List<Map<String, Object>> query(String influxql) throws Exception {
        return direct.query(DATABASE, influxql).rows();
    }

    private static List<String> column(List<Map<String, Object>> rows, String name) {
        return rows.stream().map(r -> String.valueOf(r.get(name))).toList();
    }

    private static List<String> projectsOf(String where) throws Exception {
        return column(
                query("SELECT last(\"level\") FROM \"project_risk\"" + where + " GROUP BY \"projectId\""), "projectId");
    }

    private static Map<String, Long> levelCounts(String where) throws Exception {
        Map<String, Long> counts =
                new HashMap<>(Map.of("projects", 0L, "red", 0L, "yellow", 0L, "blue", 0L, "none", 0L));
        for (Map<String, Object> r :
                query("SELECT last(\"level\") AS level FROM \"project_risk\"" + where + " GROUP BY \"projectId\"")) {
            String level = switch (((Number) r.get("level")).intValue()) {
                case 3 -> "red";
                case 2 -> "yellow";
                case 1 -> "blue";
                default -> "none";
            };
            counts.merge(level, 1L, Long::sum);
            counts.merge("projects", 1L, Long::sum);
        }
        return counts;
    }

    private static long sumOfLast(String field, String where) throws Exception {
        return query("SELECT last(\"" + field + "\") AS v FROM \"project_risk\"" + where + " GROUP BY \"projectId\"")
                .stream()
                .mapToLong(r -> ((Number) r.get("v")).longValue())
                .sum();
    }

    private static Map<String, Long> counts(JsonNode overview) {
        Map<String, Long> counts = new HashMap<>();
        overview.get("counts")
                .fields()
                .forEachRemaining(e -> counts.put(e.getKey(), e.getValue().asLong()));
        return counts;
    }
}
