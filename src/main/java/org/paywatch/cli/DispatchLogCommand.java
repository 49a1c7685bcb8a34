package org.paywatch.cli;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.paywatch.dispatch.DispatchConfigFile;
import org.paywatch.dispatch.Ledger;
import org.paywatch.dispatch.NoticeHistory;
import org.paywatch.domain.ConfigurationProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** `paywatch dispatch log`: what was sent to whom and when, and what was held back and why, in Chinese. */
@Command(
        name = "log",
        mixinStandardHelpOptions = true,
        description =
                "Print the dispatch record (发送记录) in Chinese: every message, its recipient (phone masked), its outcome and why.")
public final class DispatchLogCommand implements Callable<Integer> {
    @ParentCommand
    DispatchCommand dispatch;

    @Option(names = "--project", paramLabel = "ID", description = "only this project's notices")
    String project;

    @Option(names = "--since", paramLabel = "INSTANT", description = "only from this instant, ISO-8601 with offset")
    String since;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long from = 0;
        if (since != null) {
            try {
                from = OffsetDateTime.parse(since).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new ConfigurationProblem("--since " + since
                        + " is not an instant: write it with its offset, e.g. 2025-06-01T00:00:00+08:00");
            }
        }
        try (Ledger ledger = Ledger.open(stateDir(dispatch))) {
            for (Ledger.Silence s : ledger.silences()) {
                if (project == null || project.equals(s.projectId())) {
                    spec.commandLine().getOut().println(NoticeHistory.line(s));
                }
            }
            NoticeHistory.lines(ledger.history(project, from))
                    .forEach(spec.commandLine().getOut()::println);
        }
        return 0;
    }

    static Path stateDir(DispatchCommand dispatch) {
        if (dispatch.state != null) {
            return dispatch.state;
        }
        Path dir = DispatchConfigFile.load(dispatch.config).stateDir();
        if (dir == null) {
            throw new ConfigurationProblem(
                    "no state folder: set dispatch.stateDir in " + dispatch.config + " or pass --state DIR");
        }
        return dir;
    }
}
