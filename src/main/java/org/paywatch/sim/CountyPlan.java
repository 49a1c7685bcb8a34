package org.paywatch.sim;

import java.time.LocalDate;

/**
 * What to simulate: the seed, the simulated days, how many projects and how large their crews are,
 * and whether one project in six goes wrong (the demo) or every project complies (the false-positive
 * check). The same plan always gives the same records.
 *
 * @param smallestCrew fewest workers on a site; a site with a crew-share fault gets at least 25 all the same
 */
public record CountyPlan(
        long seed,
        LocalDate firstDay,
        LocalDate lastDay,
        int projects,
        boolean faults,
        int smallestCrew,
        int largestCrew) {
    /** The demo's county: sixty projects of 15 to 52 workers, about two thousand in all. */
    public static final int DEMO_PROJECTS = 60;
    /** Fewer days would end before the slowest warnings (two missed deposit cycles) can arise. */
    public static final int MIN_DAYS = 61;
    /** Beyond this a simulation no longer fits comfortably in memory (all of it is written in one go). */
    public static final int MAX_PROJECTS = 5_000;

    public CountyPlan {
        if (firstDay.plusDays(MIN_DAYS - 1).isAfter(lastDay)) {
            throw new IllegalArgumentException(
                    "simulate at least " + MIN_DAYS + " days, so that the slowest warnings can arise");
        }
        if (projects < 1 || projects > MAX_PROJECTS) {
            throw new IllegalArgumentException("a county of 1 to " + MAX_PROJECTS + " projects, not " + projects);
        }
        if (smallestCrew < 1 || largestCrew < smallestCrew) {
            throw new IllegalArgumentException("crews of " + smallestCrew + " to " + largestCrew + " workers");
        }
    }

    /**
     * The demo's county over the {@code months} months up to and including {@code lastDay}, with
     * faults. Counted back from the day after, so that months ending on June 30 begin on a 1st.
     */
    public static CountyPlan monthsEndingOn(long seed, int months, LocalDate lastDay) {
        return new CountyPlan(seed, lastDay.plusDays(1).minusMonths(months), lastDay, DEMO_PROJECTS, true, 15, 52);
    }

    public CountyPlan withProjects(int n) {
        return new CountyPlan(seed, firstDay, lastDay, n, faults, smallestCrew, largestCrew);
    }

    /** The same county with every project compliant. */
    public CountyPlan compliant() {
        return new CountyPlan(seed, firstDay, lastDay, projects, false, smallestCrew, largestCrew);
    }

    public CountyPlan withCrews(int smallest, int largest) {
        return new CountyPlan(seed, firstDay, lastDay, projects, faults, smallest, largest);
    }
}
