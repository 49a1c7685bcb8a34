package org.paywatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** A bad command line or config gets one sentence and exit code 2, never a stack trace. */
class PaywatchCommandLineTest {
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

    private void assertOneSentence() {
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void shouldListTheSubCommandsInItsHelp() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString())
                .contains("replay", "run", "rules", "simulate", "demo", "savepoint", "drill", "dispatch", "board");
    }

    private void assertOnlyTheSentence(String sentence) {
        assertThat(err.toString().strip()).isEqualTo(sentence);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldNameAnUnknownDrillFaultAndTheKnownOnesInOneSentence() {
        assertThat(run("drill", "--fault", "tm-kill")).isEqualTo(2);
        assertOnlyTheSentence(
                "paywatch drill: --fault tm-kill is not a drill: use one of process-kill, taskmanager-kill, "
                        + "influx-outage, broker-restart, poison-record");
    }

    @Test
    void shouldAskRunForAStateFolderWhenTheJobFileHasNone() throws Exception {
        Path job = dir.resolve("no-state.yaml");
        Files.writeString(
                job,
                Files.readString(Path.of("jobs/risk-monitor.yaml"))
                        .replace("  stateDir: /var/lib/paywatch/state\n", ""));
        assertThat(run("run", "--config", job.toString())).isEqualTo(2);
        assertOnlyTheSentence("paywatch run: no state folder: set job.stateDir in " + job + " or pass --state DIR");
    }

    @Test
    void shouldSayWhenTheStateFolderCannotBeCreated() throws Exception {
        Path aFile = Files.writeString(dir.resolve("a-file"), "not a folder");
        assertThat(run("run", "--state", aFile.resolve("state").toString())).isEqualTo(2);
        assertOneSentence();
        assertThat(err.toString())
                .contains(
                        "the state folder " + aFile.resolve("state") + " cannot be created",
                        "choose another with --state DIR or job.stateDir");
    }

    @Test
    void shouldSayASavepointToResumeFromIsNotOne() {
        assertThat(run("run", "--state", dir.resolve("state").toString(), "--from-savepoint", dir.toString()))
                .isEqualTo(2);
        assertOnlyTheSentence(
                "paywatch run: --from-savepoint " + dir + " is not a savepoint or checkpoint folder (it has no "
                        + "_metadata file): pass the folder that `paywatch savepoint` printed");
    }

    @Test
    void shouldSayNoRunAnswersWhenASavepointIsAskedFor() throws Exception {
        Path job = dir.resolve("job.yaml");
        int port = org.paywatch.local.FreePort.onLoopback();
        Files.writeString(
                job,
                Files.readString(Path.of("jobs/risk-monitor.yaml")).replace("webUiPort: 8081", "webUiPort: " + port));
        assertThat(run(
                        "savepoint",
                        "--config",
                        job.toString(),
                        "--state",
                        dir.resolve("state").toString()))
                .isEqualTo(2);
        assertOnlyTheSentence("paywatch savepoint: no paywatch run answers on 127.0.0.1:" + port
                + ": start it, or pass the --config it runs with (monitoring.webUiPort)");
    }

    @Test
    void shouldNameAnUnknownCommandAndTheClosestOneInOneSentence() {
        assertThat(run("rep", "--input", "x")).isEqualTo(2);
        assertOnlyTheSentence(
                "paywatch: 'rep' is not a paywatch command (did you mean 'replay'?): run paywatch --help for the list");
    }

    @Test
    void shouldNameAMistypedCommandAndTheOneMeant() {
        assertThat(run("dispach")).isEqualTo(2);
        assertOnlyTheSentence(
                "paywatch: 'dispach' is not a paywatch command (did you mean 'dispatch'?): run paywatch --help for the list");
    }

    @Test
    void shouldNameAnUnknownCommandWithNothingCloseWithoutAGuess() {
        assertThat(run("xyzzy")).isEqualTo(2);
        assertOnlyTheSentence("paywatch: 'xyzzy' is not a paywatch command: run paywatch --help for the list");
    }

    @Test
    void shouldNameAnUnknownCommandAskedForHelpInOneSentence() {
        assertThat(run("help", "simulat")).isEqualTo(2);
        assertOnlyTheSentence(
                "paywatch: 'simulat' is not a paywatch command (did you mean 'simulate'?): run paywatch --help for the list");
    }

    @Test
    void shouldNameAnUnknownOptionAndTheOneMeantInOneSentence() {
        assertThat(run("rules", "--confg", "jobs/risk-monitor.yaml")).isEqualTo(2);
        assertOnlyTheSentence("paywatch rules: --confg is not an option of paywatch rules (did you mean --config?): "
                + "run paywatch rules --help for its options");
    }

    @Test
    void shouldNameAMistypedRequiredOptionRatherThanCallItMissing() {
        assertThat(run("replay", "--inptu", dir.toString(), "--as-of", "2025-06-20T12:00:00+08:00", "--out", "a.jsonl"))
                .isEqualTo(2);
        assertOnlyTheSentence("paywatch replay: --inptu is not an option of paywatch replay (did you mean --input?): "
                + "run paywatch replay --help for its options");
    }

    @Test
    void shouldNameEveryMissingRequiredOptionInOneSentence() {
        assertThat(run("replay", "--input", dir.toString())).isEqualTo(2);
        assertOnlyTheSentence(
                "paywatch replay: --as-of INSTANT and --out FILE are missing: add them (paywatch replay --help describes each)");
    }

    @Test
    void shouldNameAnOptionGivenWithoutItsValue() {
        assertThat(run("rules", "--config")).isEqualTo(2);
        assertOnlyTheSentence(
                "paywatch rules: --config needs a value: write it right after the option, e.g. --config FILE");
    }

    @Test
    void shouldNameAnArgumentThatBelongsToNoOption() {
        assertThat(run(
                        "replay",
                        "--input",
                        dir.toString(),
                        "--as-of",
                        "2025-06-20",
                        "12:00:00+08:00",
                        "--out",
                        "a.jsonl"))
                .isEqualTo(2);
        assertOnlyTheSentence("paywatch replay: '12:00:00+08:00' is not an option and paywatch replay takes no other "
                + "argument: write each value right after its option, in quotes if it has spaces (paywatch "
                + "replay --help lists them)");
    }

    @Test
    void shouldNameANumberOptionThatIsNotANumber() {
        assertThat(run("simulate", "--out", dir.toString(), "--months", "four")).isEqualTo(2);
        assertOnlyTheSentence("paywatch simulate: --months four is not a whole number: write digits, e.g. --months 4");
    }

    @Test
    void shouldListTheCommandsAndExitTwoWhenNoCommandIsGiven() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Commands:", "replay", "simulate");
        assertThat(err.toString().strip().lines().reduce((a, b) -> b))
                .hasValue("paywatch: name one of the commands above, e.g. paywatch demo");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldRefuseAMissingReplayFolderInOneSentence() {
        assertThat(run(
                        "replay",
                        "--input",
                        dir.resolve("nope").toString(),
                        "--as-of",
                        "2025-06-20T12:00:00+08:00",
                        "--out",
                        dir.resolve("a.jsonl").toString()))
                .isEqualTo(2);
        assertOneSentence();
        assertThat(err.toString()).contains("does not exist");
    }

    @Test
    void shouldRefuseAnAsOfWithoutOffsetInOneSentence() {
        assertThat(run(
                        "replay",
                        "--input",
                        dir.toString(),
                        "--as-of",
                        "2025-06-20T12:00",
                        "--out",
                        dir.resolve("a.jsonl").toString()))
                .isEqualTo(2);
        assertOneSentence();
        assertThat(err.toString()).contains("--as-of", "2025-06-20T12:00:00+08:00");
    }

    @Test
    void shouldRefuseAnEmptyReplayFolderInOneSentence() {
        assertThat(run(
                        "replay",
                        "--input",
                        dir.toString(),
                        "--as-of",
                        "2025-06-20T12:00:00+08:00",
                        "--out",
                        dir.resolve("a.jsonl").toString()))
                .isEqualTo(2);
        assertOneSentence();
        assertThat(err.toString()).contains("holds none of");
    }

    @Test
    void shouldRefuseABadConfigInOneSentence() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(
                bad,
                Files.readString(Path.of("jobs/risk-monitor.yaml")).replace("redAfterDays: 62", "redAfterDays: -1"));
        assertThat(run("rules", "--config", bad.toString())).isEqualTo(2);
        assertOneSentence();
        assertThat(err.toString()).contains("rules.PW02.thresholds.redAfterDays = -1 is out of range");
    }

    @Test
    void shouldSayAConfigFolderIsNotAJobFileAndNameTheOneInIt() throws Exception {
        Files.copy(Path.of("jobs/risk-monitor.yaml"), dir.resolve("risk-monitor.yaml"));
        assertThat(run("rules", "--config", dir.toString())).isEqualTo(2);
        assertOnlyTheSentence("paywatch rules: --config " + dir
                + " is a folder, not a job file: name the job file in it, e.g. --config "
                + dir.resolve("risk-monitor.yaml"));
    }

    @Test
    void shouldTellBrokenYamlInTheJobFileInOneSentenceWithItsLine() throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(
                bad,
                Files.readString(Path.of("jobs/risk-monitor.yaml")).replace("  parallelism: 2", "\tparallelism: 2"));
        assertThat(run(
                        "replay",
                        "--config",
                        bad.toString(),
                        "--input",
                        dir.toString(),
                        "--as-of",
                        "2025-06-20T12:00:00+08:00",
                        "--out",
                        dir.resolve("a.jsonl").toString()))
                .isEqualTo(2);
        int line = Files.readAllLines(bad).indexOf("\tparallelism: 2") + 1;
        assertOnlyTheSentence("paywatch replay: " + bad + " line " + line
                + ", column 1 is not valid YAML (a tab character: YAML indents with spaces only): "
                + "replace the tab with spaces");
    }

    @Test
    void shouldRefuseToRunAgainstAKafkaThatDoesNotAnswerInOneSentence() throws Exception {
        Path key = dir.resolve("hmac.key");
        Files.writeString(key, "a-secret-of-sixteen-bytes-or-more");
        Path job = dir.resolve("job.yaml");
        Files.writeString(
                job,
                Files.readString(Path.of("jobs/risk-monitor.yaml"))
                        .replace("pseudonymKeyFile: /etc/paywatch/hmac.key", "pseudonymKeyFile: " + key));
        try (java.net.ServerSocket closed =
                new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = closed.getLocalPort();
            closed.close(); // nothing listens there now
            assertThat(run("run", "--config", job.toString(), "--kafka", "127.0.0.1:" + port))
                    .isEqualTo(2);
        }
        assertOneSentence();
        assertThat(err.toString()).contains("Kafka does not answer at 127.0.0.1:", "--kafka");
    }

    @Test
    void shouldPrintTheWholeCatalogInChinese() {
        assertThat(run("rules")).isZero();
        String text = out.toString();
        for (String id : new String[] {
            "PW01", "PW02", "PW03", "PW04", "PW05", "PW06", "PW07", "PW08", "PW09", "PW10", "PW11", "PW12", "PW13",
            "PW14", "PW15", "PW16", "PW90", "PW91"
        }) {
            assertThat(text).contains(id + "  ");
        }
        assertThat(text).contains("工资未按月发放", "红色：逾期超过（天）；逾期即为黄色：30", "依据：", "500,000.00元", "春节");
    }
}
