package org.paywatch.board;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.paywatch.config.JobConfig;
import org.paywatch.policy.BusinessCalendar;
import org.paywatch.policy.ResponsibilityList;
import org.paywatch.policy.RuleSettings;

/**
 * The board's four views of the county, read from InfluxDB (dashboards/README.md, "The built-in board").
 * "Now" is the newest `project_risk` time (asOf): a replayed county is of months past, so the wall clock
 * decides nothing here but readAt.
 */
public final class CountyViews {
    static final int RECENT = 20;
    static final int LEVEL_DAYS = 180;
    private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final BoardInflux influx;
    private final ResponsibilityList routing;
    private final Map<String, RuleSettings> rules;

    public CountyViews(BoardInflux influx, JobConfig job) {
        this.influx = influx;
        this.routing = job.routing;
        this.rules = job.rules;
    }

    public BoardInflux influx() {
        return influx;
    }

    record Counts(int projects, int red, int yellow, int blue, int none) {
        static Counts of(List<ProjectState> projects) {
            int[] byRank = new int[4];
            projects.forEach(p -> byRank[Math.max(0, Math.min(3, p.level()))]++);
            return new Counts(projects.size(), byRank[3], byRank[2], byRank[1], byRank[0]);
        }
    }

    record TownLevels(String town, int red, int yellow, int blue, int none) {}

    record DepartmentLevels(String department, int red, int yellow, int blue, int none) {}

    record Ranked(
            String projectId,
            String projectName,
            String town,
            String department,
            String level,
            List<String> openRules,
            long unpaidWorkers,
            long overdueFen,
            Long daysOpen) {}

    record Transition(
            String time,
            String projectId,
            String projectName,
            String ruleId,
            String ruleName,
            String level,
            String transition,
            String message) {}

    record Overview(
            String asOf,
            String readAt,
            BoardFilters filters,
            List<String> towns,
            List<String> departments,
            Counts counts,
            long overdueFen,
            long unpaidWorkers,
            List<TownLevels> byTown,
            List<DepartmentLevels> byDepartment,
            List<Ranked> ranking,
            List<Transition> recent) {}

    record LevelsOverTime(
            String asOf, String readAt, List<String> days, List<Long> red, List<Long> yellow, List<Long> blue) {}

    record LevelPoint(String time, long level) {}

    record MoneyPoint(String time, Long unpaidWorkers, Long overdueFen, Long balanceFen) {}

    record Month(
            String month,
            Double coverage,
            Double laborCostRatio,
            Double blueBelowCoverage,
            Double yellowBelowCoverage,
            Long requiredFen,
            Long depositedFen,
            Long accruedFen,
            Long paidFen,
            Long overdueFen,
            String dueDate,
            Long daysPastDue,
            Long unpaidWorkers) {}

    record AlertEntry(
            String time,
            String alertId,
            String ruleId,
            String ruleName,
            String basis,
            String level,
            String transition,
            String message,
            String recipients,
            Map<String, Double> metrics) {}

    record ProjectDetail(
            String asOf,
            String readAt,
            String projectId,
            String projectName,
            String town,
            String department,
            String category,
            String status,
            String level,
            long unpaidWorkers,
            long overdueFen,
            long balanceFen,
            List<LevelPoint> levels,
            List<MoneyPoint> money,
            List<Month> months,
            List<AlertEntry> alerts) {}

    record Notice(
            String time,
            String unit,
            String channel,
            String level,
            String status,
            String projectId,
            String ruleId,
            String transition,
            Long attempts,
            String reason) {}

    record Notifications(
            String readAt, List<Map<String, Object>> byUnit, Map<String, Long> byStatus, List<Notice> recent) {}

    // ---------------------------------------------------------------- overview

    Overview overview(BoardFilters filters) {
        List<ProjectState> all = projects();
        Long asOf = asOf(all);
        List<ProjectState> shown = all.stream().filter(filters::admits).toList();
        Map<String, List<OpenAlert>> open = asOf == null ? Map.of() : openAlerts(asOf);

        List<Ranked> ranking = shown.stream()
                .filter(p -> p.level() > 0)
                .map(p -> ranked(p, open.getOrDefault(p.projectId(), List.of()), asOf))
                .sorted(Comparator.comparing((Ranked r) -> BoardFilters.LEVELS.indexOf(r.level()))
                        .reversed()
                        .thenComparing(Comparator.comparingInt(
                                        (Ranked r) -> r.openRules().size())
                                .reversed())
                        .thenComparing(
                                Comparator.comparingLong(Ranked::overdueFen).reversed())
                        .thenComparing(
                                Comparator.comparingLong(Ranked::unpaidWorkers).reversed())
                        .thenComparing(Ranked::projectId))
                .toList();

        List<TownLevels> byTown = grouped(shown, ProjectState::town).entrySet().stream()
                .map(e -> {
                    Counts c = Counts.of(e.getValue());
                    return new TownLevels(e.getKey(), c.red(), c.yellow(), c.blue(), c.none());
                })
                .toList();
        List<DepartmentLevels> byDepartment = grouped(shown, ProjectState::department).entrySet().stream()
                .map(e -> {
                    Counts c = Counts.of(e.getValue());
                    return new DepartmentLevels(e.getKey(), c.red(), c.yellow(), c.blue(), c.none());
                })
                .toList();

        return new Overview(
                time(asOf),
                readAt(),
                filters,
                all.stream().map(ProjectState::town).collect(Collectors.toCollection(TreeSet::new)).stream()
                        .toList(),
                all.stream().map(ProjectState::department).collect(Collectors.toCollection(TreeSet::new)).stream()
                        .toList(),
                Counts.of(shown),
                shown.stream().mapToLong(ProjectState::overdueFen).sum(),
                shown.stream().mapToLong(ProjectState::unpaidWorkers).sum(),
                byTown,
                byDepartment,
                ranking,
                asOf == null ? List.of() : recent(filters, shown, asOf));
    }

    private Ranked ranked(ProjectState p, List<OpenAlert> open, Long asOf) {
        List<String> rulesOpen =
                open.stream().map(OpenAlert::ruleId).distinct().sorted().toList();
        Long daysOpen = open.stream().mapToLong(OpenAlert::raised).min().stream()
                .mapToObj(raised -> ChronoUnit.DAYS.between(Instant.ofEpochMilli(raised), Instant.ofEpochMilli(asOf)))
                .findFirst()
                .orElse(null);
        return new Ranked(
                p.projectId(),
                p.projectName(),
                p.town(),
                p.department(),
                p.levelName(),
                rulesOpen,
                p.unpaidWorkers(),
                p.overdueFen(),
                daysOpen);
    }

    private static Map<String, List<ProjectState>> grouped(
            List<ProjectState> projects, Function<ProjectState, String> key) {
        return projects.stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.toList()));
    }

    private List<Transition> recent(BoardFilters filters, List<ProjectState> shown, long asOf) {
        if (shown.isEmpty()) {
            return List.of();
        }
        String which = filters.narrowsBeyondTown()
                ? " AND ("
                        + shown.stream()
                                .map(p -> "\"projectId\" = " + BoardInflux.literal(p.projectId()))
                                .collect(Collectors.joining(" OR "))
                        + ")"
                : filters.town() != null ? " AND \"town\" = " + BoardInflux.literal(filters.town()) : "";
        List<Transition> recent = new ArrayList<>();
        for (Map<String, Object> r :
                influx.rows("SELECT \"projectId\", \"projectName\", \"ruleId\", \"level\", \"transition\", \"message\""
                        + " FROM \"alert\" WHERE time <= " + asOf + "ms" + which + " ORDER BY time DESC LIMIT "
                        + RECENT)) {
            String ruleId = text(r, "ruleId");
            recent.add(new Transition(
                    time(number(r, "time")),
                    text(r, "projectId"),
                    text(r, "projectName"),
                    ruleId,
                    ruleName(ruleId),
                    text(r, "level"),
                    text(r, "transition"),
                    text(r, "message")));
        }
        return recent;
    }

    /** An alert open at asOf: its latest transition (follow-ups aside) raised, escalated or downgraded it, not cleared it. */
    record OpenAlert(String alertId, String projectId, String ruleId, long raised) {}

    /** The alerts open at {@code asOf}, by project. */
    private Map<String, List<OpenAlert>> openAlerts(long asOf) {
        Map<String, String> latest = new HashMap<>();
        Map<String, Long> raised = new HashMap<>();
        Map<String, String[]> projectAndRule = new HashMap<>();
        for (Map<String, Object> r :
                influx.rows("SELECT \"levelRank\", \"alertId\", \"projectId\", \"ruleId\", \"transition\""
                        + " FROM \"alert\" WHERE time <= " + asOf + "ms")) {
            String id = text(r, "alertId");
            String transition = text(r, "transition");
            if ("FOLLOW_UP".equals(transition)) {
                continue; // a reminder about a cleared alert: it opens nothing
            }
            latest.put(id, transition); // rows come oldest first
            projectAndRule.putIfAbsent(id, new String[] {text(r, "projectId"), text(r, "ruleId")});
            if ("RAISED".equals(transition) || !raised.containsKey(id)) {
                raised.merge(id, number(r, "time"), Math::min);
            }
        }
        Map<String, List<OpenAlert>> open = new HashMap<>();
        latest.forEach((id, transition) -> {
            if (!"CLEARED".equals(transition)) {
                String[] pr = projectAndRule.get(id);
                open.computeIfAbsent(pr[0], p -> new ArrayList<>())
                        .add(new OpenAlert(id, pr[0], pr[1], raised.get(id)));
            }
        });
        return open;
    }

    // ---------------------------------------------------------------- levels over time

    LevelsOverTime levelsOverTime(BoardFilters filters) {
        List<ProjectState> all = projects();
        Long asOf = asOf(all);
        if (asOf == null) {
            return new LevelsOverTime(null, readAt(), List.of(), List.of(), List.of(), List.of());
        }
        List<String> shown = all.stream()
                .filter(filters::admits)
                .map(ProjectState::projectId)
                .toList();
        LocalDate last = BusinessCalendar.date(asOf);
        LocalDate first = last.minusDays(LEVEL_DAYS - 1);
        long start = BusinessCalendar.startOfDay(first);
        String town = filters.town() == null ? "" : " AND \"town\" = " + BoardInflux.literal(filters.town());
        String fields =
                "last(\"openRed\") AS red, last(\"openYellow\") AS yellow, last(\"openBlue\") AS blue FROM \"project_risk\"";

        // each project's open alerts as the window opens, carried into its first days
        Map<String, long[]> current = new HashMap<>();
        for (Map<String, Object> r :
                influx.rows("SELECT " + fields + " WHERE time < " + start + "ms" + town + " GROUP BY \"projectId\"")) {
            current.put(text(r, "projectId"), openOf(r));
        }
        Map<String, Map<LocalDate, long[]>> daily = new HashMap<>();
        for (Map<String, Object> r :
                influx.rows("SELECT " + fields + " WHERE time >= " + start + "ms AND time <= " + asOf + "ms" + town
                        + " GROUP BY time(1d), \"projectId\" fill(none) tz('" + BusinessCalendar.ZONE.getId() + "')")) {
            daily.computeIfAbsent(text(r, "projectId"), p -> new HashMap<>())
                    .put(BusinessCalendar.date(number(r, "time")), openOf(r));
        }
        List<String> days = new ArrayList<>();
        List<Long> red = new ArrayList<>();
        List<Long> yellow = new ArrayList<>();
        List<Long> blue = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            long[] sum = new long[3];
            for (String projectId : shown) {
                long[] open = daily.getOrDefault(projectId, Map.of()).get(day);
                if (open != null) {
                    current.put(projectId, open);
                }
                long[] now = current.get(projectId);
                if (now != null) {
                    for (int i = 0; i < 3; i++) {
                        sum[i] += now[i];
                    }
                }
            }
            days.add(day.toString());
            red.add(sum[0]);
            yellow.add(sum[1]);
            blue.add(sum[2]);
        }
        return new LevelsOverTime(time(asOf), readAt(), days, red, yellow, blue);
    }

    private static long[] openOf(Map<String, Object> row) {
        return new long[] {orZero(row.get("red")), orZero(row.get("yellow")), orZero(row.get("blue"))};
    }

    // ---------------------------------------------------------------- one project

    Optional<ProjectDetail> project(String projectId) {
        String id = BoardInflux.literal(projectId);
        List<ProjectState> latest = states(influx.rows("SELECT * FROM \"project_risk\" WHERE \"projectId\" = " + id
                + " GROUP BY \"projectId\" ORDER BY time DESC LIMIT 1"));
        if (latest.isEmpty()) {
            return Optional.empty();
        }
        ProjectState p = latest.get(0);
        List<LevelPoint> levels = new ArrayList<>();
        List<MoneyPoint> money = new ArrayList<>();
        for (Map<String, Object> r :
                influx.rows("SELECT \"level\", \"unpaidWorkers\", \"overdueFen\", \"balanceFen\" FROM \"project_risk\""
                        + " WHERE \"projectId\" = " + id)) {
            String t = time(number(r, "time"));
            levels.add(new LevelPoint(t, orZero(r.get("level"))));
            money.add(new MoneyPoint(
                    t, whole(r.get("unpaidWorkers")), whole(r.get("overdueFen")), whole(r.get("balanceFen"))));
        }
        List<Month> months = new ArrayList<>();
        for (Map<String, Object> r : influx.rows("SELECT * FROM \"project_month\" WHERE \"projectId\" = " + id
                + " GROUP BY \"month\" ORDER BY time DESC LIMIT 1")) {
            months.add(new Month(
                    text(r, "month"),
                    decimal(r.get("coverage")),
                    decimal(r.get("laborCostRatio")),
                    decimal(r.get("blueBelowCoverage")),
                    decimal(r.get("yellowBelowCoverage")),
                    whole(r.get("requiredFen")),
                    whole(r.get("depositedFen")),
                    whole(r.get("accruedFen")),
                    whole(r.get("paidFen")),
                    whole(r.get("overdueFen")),
                    text(r, "dueDate"),
                    whole(r.get("daysPastDue")),
                    whole(r.get("unpaidWorkers"))));
        }
        months.sort(Comparator.comparing(Month::month, Comparator.nullsFirst(Comparator.naturalOrder())));
        List<AlertEntry> alerts = new ArrayList<>();
        for (Map<String, Object> r : influx.rows("SELECT * FROM \"alert\" WHERE \"projectId\" = " + id)) {
            String ruleId = text(r, "ruleId");
            RuleSettings rule = ruleId == null ? null : rules.get(ruleId);
            Map<String, Double> metrics = new TreeMap<>();
            r.forEach((column, value) -> {
                if (column.startsWith("metric_") && value instanceof Number n) {
                    metrics.put(column.substring("metric_".length()), n.doubleValue());
                }
            });
            alerts.add(new AlertEntry(
                    time(number(r, "time")),
                    text(r, "alertId"),
                    ruleId,
                    rule == null ? null : rule.name,
                    rule == null ? null : rule.basis,
                    text(r, "level"),
                    text(r, "transition"),
                    text(r, "message"),
                    text(r, "recipients"),
                    metrics));
        }
        return Optional.of(new ProjectDetail(
                time(p.time()),
                readAt(),
                p.projectId(),
                p.projectName(),
                p.town(),
                p.department(),
                p.category(),
                p.status(),
                p.levelName(),
                p.unpaidWorkers(),
                p.overdueFen(),
                p.balanceFen(),
                levels,
                money,
                months,
                alerts));
    }

    // ---------------------------------------------------------------- notifications

    /** Counts by unit and status take each notice's latest status (noticeKey), so a notice sent after a retry counts once. */
    Notifications notifications() {
        Map<String, Map<String, Object>> latest = new LinkedHashMap<>();
        List<Map<String, Object>> points = influx.rows("SELECT * FROM \"notification\"");
        for (Map<String, Object> r : points) {
            latest.merge(text(r, "noticeKey"), r, (before, now) -> isLater(now, before) ? now : before);
        }
        Map<String, Map<String, Object>> byUnit = new TreeMap<>();
        Map<String, Long> byStatus = new TreeMap<>();
        for (Map<String, Object> r : latest.values()) {
            String unit = text(r, "unit");
            String status = text(r, "status");
            Map<String, Object> row = byUnit.computeIfAbsent(unit == null ? "" : unit, u -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("unit", u);
                return m;
            });
            row.merge(status, 1L, (a, b) -> (Long) a + (Long) b);
            byStatus.merge(status, 1L, Long::sum);
        }
        List<Map<String, Object>> newestFirst = new ArrayList<>(latest.values());
        newestFirst.sort((a, b) -> isLater(a, b) ? -1 : isLater(b, a) ? 1 : 0);
        List<Notice> recent = new ArrayList<>();
        for (Map<String, Object> r : newestFirst.subList(0, Math.min(RECENT, newestFirst.size()))) {
            recent.add(new Notice(
                    time(number(r, "time")),
                    text(r, "unit"),
                    text(r, "channel"),
                    text(r, "level"),
                    text(r, "status"),
                    text(r, "projectId"),
                    text(r, "ruleId"),
                    text(r, "transition"),
                    whole(r.get("attempts")),
                    text(r, "reason")));
        }
        return new Notifications(readAt(), new ArrayList<>(byUnit.values()), byStatus, recent);
    }

    /**
     * Whether notice point {@code a} tells a later state than {@code b}. A file run writes a notice's states at its alert's
     * own time, so SENDING and DELIVERED share a timestamp; then the outcome is the later state, not the working one.
     */
    private static boolean isLater(Map<String, Object> a, Map<String, Object> b) {
        int byTime = Long.compare(number(a, "time"), number(b, "time"));
        return byTime != 0 ? byTime > 0 : stage(text(a, "status")) > stage(text(b, "status"));
    }

    /** HELD, then SENDING, then a retry, then an outcome. */
    private static int stage(String status) {
        return switch (status == null ? "" : status) {
            case "HELD" -> 0;
            case "SENDING" -> 1;
            case "RETRIED" -> 2;
            default -> 3;
        };
    }

    // ---------------------------------------------------------------- shared reading

    /** Every project's latest `project_risk` point. */
    List<ProjectState> projects() {
        return states(influx.rows("SELECT * FROM \"project_risk\" GROUP BY \"projectId\" ORDER BY time DESC LIMIT 1"));
    }

    private List<ProjectState> states(List<Map<String, Object>> rows) {
        List<ProjectState> states = new ArrayList<>();
        for (Map<String, Object> r : rows) {
            String category = text(r, "category");
            states.add(new ProjectState(
                    number(r, "time"),
                    text(r, "projectId"),
                    text(r, "projectName"),
                    text(r, "town"),
                    category,
                    department(category),
                    text(r, "status"),
                    (int) orZero(r.get("level")),
                    orZero(r.get("openRed")),
                    orZero(r.get("openYellow")),
                    orZero(r.get("openBlue")),
                    orZero(r.get("unpaidWorkers")),
                    orZero(r.get("overdueFen")),
                    orZero(r.get("balanceFen"))));
        }
        states.sort(Comparator.comparing(ProjectState::projectId));
        return states;
    }

    private static Long asOf(List<ProjectState> projects) {
        return projects.stream().map(ProjectState::time).max(Long::compare).orElse(null);
    }

    String department(String category) {
        return category != null && routing.industryDepartments.containsKey(category)
                ? routing.industryDepartments.get(category)
                : routing.defaultIndustryDepartment;
    }

    private String ruleName(String ruleId) {
        RuleSettings rule = ruleId == null ? null : rules.get(ruleId);
        return rule == null ? null : rule.name;
    }

    static String time(Long epochMillis) {
        return epochMillis == null
                ? null
                : OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), BusinessCalendar.ZONE)
                        .format(ISO);
    }

    private static String readAt() {
        return time(Instant.now().truncatedTo(ChronoUnit.SECONDS).toEpochMilli());
    }

    private static String text(Map<String, Object> row, String column) {
        Object v = row.get(column);
        return v == null ? null : v.toString();
    }

    private static long number(Map<String, Object> row, String column) {
        return orZero(row.get(column));
    }

    private static long orZero(Object value) {
        return value instanceof Number n ? n.longValue() : 0L;
    }

    private static Long whole(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    private static Double decimal(Object value) {
        return value instanceof Number n ? n.doubleValue() : null;
    }
}
