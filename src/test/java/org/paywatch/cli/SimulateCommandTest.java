package org.paywatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** `paywatch simulate`: a county as a replay folder, counted and dated on one line; bad options in one sentence. */
class SimulateCommandTest {
    private static final Pattern LINE =
            Pattern.compile("simulate: (\\d+) projects \\((\\d+) faulty\\), (\\d+) workers, (\\S+) to (\\S+): "
                    + "projects=(\\d+) workers=(\\d+) progress=(\\d+) bank=(\\d+) clockins=(\\d+) -> (.+); replay "
                    + "with --as-of (\\S+)");
    private static final Pattern EVENT_TIME = Pattern.compile("\"eventTime\": ?\"([^\"]+)\"");

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = Paywatch.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        return cl.execute(args);
    }

    @Test
    void writesAReplayFolderAndPrintsItsCountsAndTheAsOfOnOneLine() throws IOException {
        Path folder = dir.resolve("county");

        int exit = run(
                "simulate",
                "--out",
                folder.toString(),
                "--seed",
                "3",
                "--months",
                "3",
                "--projects",
                "12",
                "--compliant",
                "--last-day",
                "2026-06-30");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().lines()).hasSize(1);
        Matcher m = LINE.matcher(out.toString().strip());
        assertThat(m.matches()).as(out.toString()).isTrue();
        assertThat(m.group(1)).isEqualTo("12");
        assertThat(m.group(2)).as("faulty").isEqualTo("0");
        assertThat(m.group(4)).isEqualTo("2026-04-01");
        assertThat(m.group(5)).isEqualTo("2026-06-30");
        assertThat(m.group(12)).isEqualTo("2026-07-01T00:00:00+08:00");
        // What the line tells to replay with covers what was written: every clock-in and bank record lies in the
        // simulated days, before the as-of.
        OffsetDateTime asOf = OffsetDateTime.parse(m.group(12));
        OffsetDateTime firstDay = OffsetDateTime.parse(m.group(4) + "T00:00:00+08:00");
        for (String file : new String[] {"clockins.jsonl", "bank.jsonl"}) {
            assertThat(Files.readAllLines(folder.resolve(file)))
                    .as(file)
                    .isNotEmpty()
                    .allSatisfy(line -> {
                        Matcher time = EVENT_TIME.matcher(line);
                        assertThat(time.find()).as(line).isTrue();
                        assertThat(OffsetDateTime.parse(time.group(1)))
                                .as(line)
                                .isBefore(asOf)
                                .isAfterOrEqualTo(firstDay);
                    });
        }
        String[] files = {"projects.jsonl", "workers.jsonl", "progress.jsonl", "bank.jsonl", "clockins.jsonl"};
        for (int i = 0; i < files.length; i++) {
            assertThat(Files.readAllLines(folder.resolve(files[i])))
                    .as(files[i])
                    .hasSize(Integer.parseInt(m.group(6 + i)))
                    .allMatch(line -> line.startsWith("{") && line.endsWith("}"));
        }
        assertThat(Integer.parseInt(m.group(7))).isEqualTo(Integer.parseInt(m.group(3)));
    }

    @Test
    void theSameOptionsGiveTheSameFilesAndFaultsUnlessCompliant() throws IOException {
        String[] options = {"--seed", "5", "--months", "3", "--projects", "12", "--last-day", "2026-06-30"};
        assertThat(run(concat("simulate", "--out", dir.resolve("a").toString(), options)))
                .isZero();
        assertThat(run(concat("simulate", "--out", dir.resolve("b").toString(), options)))
                .isZero();

        assertThat(Files.readString(dir.resolve("a/bank.jsonl")))
                .isEqualTo(Files.readString(dir.resolve("b/bank.jsonl")));
        assertThat(out.toString()).contains("12 projects (2 faulty)");
    }

    @Test
    void refusesTooFewMonthsInOneSentence() {
        assertThat(run("simulate", "--out", dir.resolve("c").toString(), "--months", "1"))
                .isEqualTo(2);
        assertOneSentence("--months 1 is out of range");
    }

    @Test
    void refusesNoProjectsInOneSentence() {
        assertThat(run("simulate", "--out", dir.resolve("c").toString(), "--projects", "0"))
                .isEqualTo(2);
        assertOneSentence("--projects 0 is out of range");
    }

    @Test
    void refusesAFolderThatIsNotEmptyInOneSentence() throws IOException {
        Files.writeString(dir.resolve("tax.jsonl"), "");
        assertThat(run("simulate", "--out", dir.toString(), "--months", "3")).isEqualTo(2);
        assertOneSentence("is not empty");
    }

    @Test
    void refusesALastDayThatIsNotADateInOneSentence() {
        assertThat(run("simulate", "--out", dir.resolve("c").toString(), "--last-day", "30.6.2026"))
                .isEqualTo(2);
        assertOneSentence("--last-day 30.6.2026 is not a date");
    }

    private void assertOneSentence(String text) {
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString())
                .startsWith("paywatch simulate: ")
                .contains(text)
                .doesNotContain("Exception", "\tat ");
    }

    private static String[] concat(String a, String b, String c, String... rest) {
        String[] all = new String[rest.length + 3];
        all[0] = a;
        all[1] = b;
        all[2] = c;
        System.arraycopy(rest, 0, all, 3, rest.length);
        return all;
    }
}
