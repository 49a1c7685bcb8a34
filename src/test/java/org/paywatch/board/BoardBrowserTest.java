package org.paywatch.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.paywatch.config.JobConfigFile;
import org.paywatch.io.influx.InfluxHttp;
import org.paywatch.local.ReplayedCounty;

/**
 * The county board as an officer sees it, in Debian's Chromium over a replayed county: the figures on the page are
 * InfluxDB's (queried here directly, not through the board), a town filter narrows them, a click opens a project's
 * alert timeline. A screenshot of each view is kept under target/board/ for a human to look at.
 */
class BoardBrowserTest {
    private static final Path SCREENSHOTS = Path.of("target/board");

    @TempDir
    static Path profile;

    static ReplayedCounty county;
    static InfluxHttp influx;
    static BoardServer board;
    static HeadlessChromium chromium;
    static WebDriver page;

    @BeforeAll
    static void openTheBoard() throws Exception {
        county = ReplayedCounty.shared();
        influx = new InfluxHttp(county.influxUrl());
        board = BoardServer.start(
                new CountyViews(
                        new BoardInflux(county.influxUrl(), ReplayedCounty.DATABASE),
                        JobConfigFile.load(Path.of("jobs/risk-monitor.yaml"))),
                InetAddress.getLoopbackAddress(),
                0,
                null);
        chromium = HeadlessChromium.start(profile);
        page = chromium.driver();
    }

    @AfterAll
    static void closeTheBoard() {
        if (chromium != null) {
            chromium.close();
        }
        if (board != null) {
            board.close();
        }
    }

    /** Each project's latest risk, straight from InfluxDB. */
    private static List<Map<String, Object>> latestRisk(String where) throws Exception {
        return influx.query(
                        ReplayedCounty.DATABASE,
                        "SELECT last(\"levelName\") AS level, last(\"overdueFen\") AS fen, "
                                + "last(\"unpaidWorkers\") AS workers FROM \"project_risk\" " + where
                                + " GROUP BY \"projectId\", \"town\"")
                .rows();
    }

    private static long projectsAt(List<Map<String, Object>> risk, String level) {
        return risk.stream().filter(r -> level.equals(r.get("level"))).count();
    }

    private static void openOverview() {
        page.get(board.url());
        awaitRefresh();
    }

    /** Waits for a refresh of the page's data that began after now. */
    private static void awaitRefresh() {
        String before = String.valueOf(((org.openqa.selenium.JavascriptExecutor) page)
                .executeScript("return document.body.dataset.refreshes"));
        new WebDriverWait(page, Duration.ofSeconds(30))
                .until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready"))
                        && !before.equals(d.findElement(By.tagName("body")).getAttribute("data-refreshes")));
    }

    private static long number(String id) {
        return Long.parseLong(
                page.findElement(By.id(id)).getText().replace(",", "").strip());
    }

    private static void assertCountsEqual(List<Map<String, Object>> risk) {
        assertThat(number("count-projects")).isEqualTo(risk.size());
        assertThat(number("count-red")).isEqualTo(projectsAt(risk, "RED"));
        assertThat(number("count-yellow")).isEqualTo(projectsAt(risk, "YELLOW"));
        assertThat(number("count-blue")).isEqualTo(projectsAt(risk, "BLUE"));
        assertThat(number("count-none")).isEqualTo(projectsAt(risk, "NONE"));
        assertThat(number("unpaid-workers"))
                .isEqualTo(risk.stream().mapToLong(r -> (Long) r.get("workers")).sum());
        long fen = risk.stream().mapToLong(r -> (Long) r.get("fen")).sum();
        assertThat(page.findElement(By.id("overdue-yuan")).getText())
                .isEqualTo(String.format("%,d.%02d", fen / 100, fen % 100));
    }

    @Test
    void shouldShowTheCountyAsInfluxHoldsIt() throws Exception {
        openOverview();

        List<Map<String, Object>> risk = latestRisk("");
        assertThat(projectsAt(risk, "NONE"))
                .as("a county with faults has quiet projects too")
                .isPositive();
        assertThat(risk.size() - projectsAt(risk, "NONE"))
                .as("and projects at risk")
                .isPositive();
        assertCountsEqual(risk);
        assertThat(page.findElements(By.cssSelector("#ranking tr[data-project-id]")))
                .hasSize((int) (risk.size() - projectsAt(risk, "NONE")));
        assertThat(page.findElements(By.cssSelector("#chart-towns canvas, #chart-towns svg")))
                .as("the towns' chart is drawn")
                .isNotEmpty();
        chromium.screenshot(SCREENSHOTS.resolve("overview.png"));
    }

    @Test
    void shouldCountOnlyTheTownsProjectsWhenFilteredByTown() throws Exception {
        openOverview();
        String town = (String) latestRisk("").stream()
                .filter(r -> !"NONE".equals(r.get("level")))
                .findFirst()
                .orElseThrow()
                .get("town");

        new Select(page.findElement(By.id("filter-town"))).selectByValue(town);
        awaitRefresh();

        List<Map<String, Object>> risk = latestRisk("WHERE \"town\" = '" + town + "'");
        assertThat(risk.size())
                .as("the town has fewer projects than the county")
                .isLessThan(latestRisk("").size());
        assertCountsEqual(risk);
        assertThat(page.findElements(By.cssSelector("#ranking tr[data-project-id]")))
                .allSatisfy(row -> assertThat(row.getText()).contains(town));
        chromium.screenshot(SCREENSHOTS.resolve("overview-" + town + ".png"));
    }

    @Test
    void shouldOpenAProjectsAlertTimelineWhenItsRowIsClicked() throws Exception {
        openOverview();
        WebElement riskiest = page.findElements(By.cssSelector("#ranking tr[data-project-id]"))
                .get(0);
        String projectId = riskiest.getAttribute("data-project-id");

        riskiest.click();
        new WebDriverWait(page, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("view-project")).isDisplayed()
                        && !d.findElements(By.cssSelector("#project-timeline li.timeline-entry"))
                                .isEmpty());

        long transitions = influx.query(
                        ReplayedCounty.DATABASE,
                        "SELECT \"levelRank\" FROM \"alert\" WHERE \"projectId\" = '" + projectId + "'")
                .rows()
                .size();
        assertThat(page.findElement(By.id("project-title")).getText()).contains(projectId);
        assertThat(page.findElements(By.cssSelector("#project-timeline li.timeline-entry")))
                .hasSize((int) transitions)
                .allSatisfy(entry ->
                        assertThat(entry.getText()).containsPattern("PW\\d\\d").contains("依据"));
        chromium.screenshot(SCREENSHOTS.resolve("project.png"));
    }

    @Test
    void shouldShowTheMessagesByRecipientAndOutcome() throws Exception {
        openOverview();

        page.findElement(By.id("tab-notifications")).click();
        new WebDriverWait(page, Duration.ofSeconds(30))
                .until(d -> d.findElement(By.id("view-notifications")).isDisplayed()
                        && !d.findElements(By.cssSelector("#notifications-by-unit tbody tr"))
                                .isEmpty());

        // a finished dispatch run: every notice has its outcome, though
        // a file run writes SENDING and DELIVERED at one instant
        long delivered = influx.query(
                        ReplayedCounty.DATABASE,
                        "SELECT \"attempts\" FROM \"notification\" WHERE \"status\" = 'DELIVERED'")
                .rows()
                .size();
        assertThat(page.findElement(By.id("notifications-by-unit")).getText())
                .contains("县人社局", "已送达")
                .doesNotContain("发送中");
        assertThat(page.findElements(By.cssSelector("#notifications-recent tbody tr")))
                .isNotEmpty()
                .allSatisfy(row -> assertThat(row.getText()).doesNotContain("发送中"));
        assertThat(delivered).isPositive();
        chromium.screenshot(SCREENSHOTS.resolve("notifications.png"));
    }
}
