package org.paywatch.cli;

import java.time.LocalDate;
import org.paywatch.domain.ConfigurationProblem;
import org.paywatch.sim.CountyPlan;

/** The size of a simulated county as the command line gives it (simulate, drill), checked in one sentence each. */
final class CountySize {
    static final int MIN_MONTHS = 3;
    static final int MAX_MONTHS = 36;

    private CountySize() {}

    /** The county with faults of {@code months} months up to {@code lastDay}, of {@code projects} projects. */
    static CountyPlan plan(long seed, int months, int projects, LocalDate lastDay) {
        if (months < MIN_MONTHS || months > MAX_MONTHS) {
            throw new ConfigurationProblem("--months " + months + " is out of range: simulate " + MIN_MONTHS + " to "
                    + MAX_MONTHS + " months");
        }
        if (projects < 1 || projects > CountyPlan.MAX_PROJECTS) {
            throw new ConfigurationProblem("--projects " + projects + " is out of range: simulate 1 to "
                    + CountyPlan.MAX_PROJECTS + " projects");
        }
        return CountyPlan.monthsEndingOn(seed, months, lastDay).withProjects(projects);
    }
}
