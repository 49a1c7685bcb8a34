package org.paywatch.board;

/** A project as its latest `project_risk` point says, with the industry department of its category. */
record ProjectState(
        long time,
        String projectId,
        String projectName,
        String town,
        String category,
        String department,
        String status,
        int level,
        long openRed,
        long openYellow,
        long openBlue,
        long unpaidWorkers,
        long overdueFen,
        long balanceFen) {

    String levelName() {
        return BoardFilters.levelName(level);
    }
}
