package org.paywatch.cli;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import org.paywatch.dispatch.Ledger;
import org.paywatch.domain.ConfigurationProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** `paywatch dispatch silence`: mutes a project's messages (never its alerts) until a time, with a reason, on the record. */
@Command(
        name = "silence",
        mixinStandardHelpOptions = true,
        description = "Mute the messages of a project (or of one rule of it) until --until: the alerts themselves go "
                + "on, and the silence, its reason and who set it are recorded.")
public final class DispatchSilenceCommand implements Callable<Integer> {
    @ParentCommand
    DispatchCommand dispatch;

    @Option(names = "--project", required = true, paramLabel = "ID", description = "the project")
    String project;

    @Option(names = "--rule", paramLabel = "PWnn", description = "only this rule's messages")
    String rule;

    @Option(
            names = "--until",
            required = true,
            paramLabel = "INSTANT",
            description = "when it ends, ISO-8601 with offset")
    String until;

    @Option(names = "--reason", required = true, description = "why, for the record (e.g. 已约谈，限期整改)")
    String reason;

    @Option(names = "--by", required = true, paramLabel = "NAME", description = "who sets it, for the record")
    String by;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        long end;
        try {
            end = OffsetDateTime.parse(until).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new ConfigurationProblem("--until " + until
                    + " is not an instant: write it with its offset, e.g. 2025-06-30T18:00:00+08:00");
        }
        if (reason.isBlank() || by.isBlank()) {
            throw new ConfigurationProblem("a silence needs a --reason and a --by: say why, and who decided it");
        }
        long now = System.currentTimeMillis();
        if (end <= now) {
            throw new ConfigurationProblem("--until " + until + " has passed: a silence needs an end in the future");
        }
        try (Ledger ledger = Ledger.open(DispatchLogCommand.stateDir(dispatch))) {
            long id = ledger.addSilence(project, rule, end, reason, by, now);
            spec.commandLine()
                    .getOut()
                    .println("silence " + id + ": " + project + (rule == null ? "" : " " + rule) + " muted until "
                            + until + " (" + by + ": " + reason + ")");
        }
        return 0;
    }
}
