package org.paywatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one `paywatch` command; each sub-command is a class of its own. */
@Command(
        name = "paywatch",
        mixinStandardHelpOptions = true,
        version = "paywatch 0.1.0",
        description = "Streaming payroll-risk monitor for wage-arrears prevention (根治欠薪): "
                + "red / yellow / blue warnings (红黄蓝三级预警) from bank, attendance, tax and registry feeds.",
        subcommands = {
            DemoCommand.class,
            SimulateCommand.class,
            ReplayCommand.class,
            BenchCommand.class,
            RunCommand.class,
            SavepointCommand.class,
            DrillCommand.class,
            DispatchCommand.class,
            BoardCommand.class,
            RulesCommand.class,
            ContractCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Paywatch {
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Paywatch());
        OneSentenceErrors errors = new OneSentenceErrors();
        cl.setExecutionExceptionHandler(errors);
        cl.setParameterExceptionHandler(errors);
        return cl;
    }
}
