package org.paywatch.cli;

import org.paywatch.policy.ConfigurationProblem;
import picocli.CommandLine;

/** A bad config or command line gets one sentence that names the problem and the fix, not a stack trace. */
final class OneSentenceErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
        Throwable t = e;
        while (t != null && !(t instanceof ConfigurationProblem)) {
            t = t.getCause();
        }
        if (t == null) {
            throw e;
        }
        cl.getErr().println("paywatch " + cl.getCommandName() + ": " + t.getMessage());
        return 2;
    }
}
