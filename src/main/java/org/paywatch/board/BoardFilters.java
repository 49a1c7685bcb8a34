package org.paywatch.board;

import java.util.List;
import java.util.Map;

/** The page's filters: a town (属地), an industry department (主管部门), a current level; null = all. */
record BoardFilters(String town, String department, String level) {
    /** The levels by rank: 0 none, 1 blue, 2 yellow, 3 red, as `project_risk.level`. */
    static final List<String> LEVELS = List.of("NONE", "BLUE", "YELLOW", "RED");

    static final BoardFilters NONE = new BoardFilters(null, null, null);

    static BoardFilters from(Map<String, String> query) {
        String level = blankToNull(query.get("level"));
        if (level != null && !LEVELS.contains(level)) {
            throw new BadRequest(
                    "level=" + level + " is not a level: use RED, YELLOW, BLUE or NONE, or leave it out for all");
        }
        return new BoardFilters(blankToNull(query.get("town")), blankToNull(query.get("department")), level);
    }

    boolean admits(ProjectState p) {
        return (town == null || town.equals(p.town()))
                && (department == null || department.equals(p.department()))
                && (level == null || level.equals(p.levelName()));
    }

    /** True when only the town narrows the projects (a WHERE on the town tag then says it all). */
    boolean narrowsBeyondTown() {
        return department != null || level != null;
    }

    static String levelName(long rank) {
        return rank >= 0 && rank < LEVELS.size() ? LEVELS.get((int) rank) : "NONE";
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
