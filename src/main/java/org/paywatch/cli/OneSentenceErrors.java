package org.paywatch.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.paywatch.domain.ConfigurationProblem;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A bad config or command line gets one sentence that names the problem and the fix, and exit code 2: not a
 * stack trace, and not picocli's whole usage text, in which the one line that matters is easy to miss.
 */
final class OneSentenceErrors
        implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
    static final int EXIT_CODE = 2;

    private static final Set<Class<?>> WHOLE_NUMBERS =
            Set.of(int.class, long.class, short.class, Integer.class, Long.class, Short.class);

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, CommandLine.ParseResult parsed) throws Exception {
        Throwable t = e;
        while (t != null && !(t instanceof ConfigurationProblem)) {
            t = t.getCause();
        }
        if (t == null) {
            throw e;
        }
        cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + t.getMessage());
        return EXIT_CODE;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        CommandSpec spec = cl.getCommandSpec();
        PrintWriter err = cl.getErr();
        if (isMissingCommand(e)) {
            // no command at all: the list of commands is what the person needs, then what to do with it
            cl.usage(err);
            err.println(
                    spec.qualifiedName() + ": name one of the commands above, e.g. " + spec.qualifiedName() + " demo");
        } else {
            err.println(spec.qualifiedName() + ": " + sentence(e, spec, args));
        }
        err.flush();
        return EXIT_CODE;
    }

    /** picocli's own "Missing required subcommand": a plain exception on a command that has sub-commands, naming nothing. */
    private static boolean isMissingCommand(ParameterException e) {
        CommandLine.ParseResult parsed = e.getCommandLine().getParseResult();
        return e.getClass() == ParameterException.class
                && e.getArgSpec() == null
                && e.getValue() == null
                && !e.getCommandLine().getSubcommands().isEmpty()
                && (parsed == null || !parsed.hasSubcommand());
    }

    private static String sentence(ParameterException e, CommandSpec spec, String[] args) {
        String command = spec.qualifiedName();
        CommandLine.ParseResult parsed = e.getCommandLine().getParseResult();
        if (e instanceof CommandLine.MissingParameterException
                && parsed != null
                && !parsed.unmatched().isEmpty()) {
            // picocli checks required options first, but `--inptu x` is
            // better told as the typo it is than as "--input is missing"
            e = new CommandLine.UnmatchedArgumentException(e.getCommandLine(), parsed.unmatched());
        }
        if (e instanceof CommandLine.UnmatchedArgumentException u
                && !u.getUnmatched().isEmpty()) {
            String first = u.getUnmatched().get(0);
            if (u.isUnknownOption()) {
                String name = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
                return name + " is not an option of " + command + didYouMean(closest(name, u.getSuggestions()), "")
                        + ": run " + command + " --help for its options";
            }
            if (!spec.subcommands().isEmpty()) {
                return unknownCommand(first, u.getSuggestions(), command);
            }
            return "'" + first + "' is not an option and " + command + " takes no other argument: "
                    + "write each value right after its option, in quotes if it has spaces (" + command
                    + " --help lists them)";
        }
        if (e.getClass() == ParameterException.class
                && e.getArgSpec() == null
                && e.getValue() != null
                && !spec.subcommands().isEmpty()) {
            // `paywatch help dispach`: picocli's help command names the unknown command as the exception's value
            List<String> suggestions = new CommandLine.UnmatchedArgumentException(
                            e.getCommandLine(), List.of(e.getValue()))
                    .getSuggestions();
            return unknownCommand(e.getValue(), suggestions, command);
        }
        if (e instanceof CommandLine.MissingParameterException m
                && !m.getMissing().isEmpty()) {
            return missing(m.getMissing(), command, args);
        }
        if (e instanceof CommandLine.OverwrittenOptionException o && o.getOverwritten() instanceof OptionSpec option) {
            return option.longestName() + " is given more than once: give it once";
        }
        if (e.getArgSpec() instanceof OptionSpec option
                && e.getValue() != null
                && WHOLE_NUMBERS.contains(option.type())) {
            return option.longestName() + " " + e.getValue() + " is not a whole number: write digits"
                    + (option.defaultValue() != null
                            ? ", e.g. " + option.longestName() + " " + option.defaultValue()
                            : "");
        }
        String said = e.getMessage() == null
                ? "the command line is not understood"
                : e.getMessage().lines().findFirst().orElse("");
        return said.replaceAll("[.:]+$", "") + ": run " + command + " --help for its options";
    }

    /** Only picocli's closest command is suggested: its next ones share as little as one letter pair with the typo. */
    private static String unknownCommand(String word, List<String> suggestions, String command) {
        return "'" + word + "' is not a " + command + " command"
                + didYouMean(suggestions.stream().limit(1).toList(), "'") + ": run " + command + " --help for the list";
    }

    /**
     * picocli suggests every option sharing a few letter pairs with the typo ({@code --inptu} gets {@code --input} and
     * {@code --influx}); only those fewest edits away, counting a swap of neighbours as one, are worth naming.
     */
    static List<String> closest(String typo, List<String> suggestions) {
        int best =
                suggestions.stream().mapToInt(s -> editsBetween(typo, s)).min().orElse(0);
        return suggestions.stream().filter(s -> editsBetween(typo, s) == best).toList();
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    private static int editsBetween(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String didYouMean(List<String> suggestions, String quote) {
        if (suggestions.isEmpty()) {
            return "";
        }
        List<String> quoted = suggestions.stream().map(s -> quote + s + quote).toList();
        return " (did you mean " + joined(quoted, "or") + "?)";
    }

    /** Required options that were not given, or given without their value. */
    private static String missing(List<ArgSpec> specs, String command, String[] args) {
        List<String> absent = new ArrayList<>();
        for (ArgSpec a : specs) {
            if (a instanceof OptionSpec o && givenIn(o, args)) {
                return o.longestName() + " needs a value: write it right after the option, e.g. " + o.longestName()
                        + " " + o.paramLabel();
            }
            absent.add(
                    a instanceof OptionSpec o
                            ? o.longestName() + (o.arity().max() > 0 ? " " + o.paramLabel() : "")
                            : a.paramLabel());
        }
        return joined(absent, "and") + (absent.size() == 1 ? " is" : " are") + " missing: add "
                + (absent.size() == 1 ? "it" : "them") + " (" + command + " --help describes each)";
    }

    private static boolean givenIn(OptionSpec o, String[] args) {
        return Arrays.stream(args)
                .anyMatch(arg -> Arrays.stream(o.names()).anyMatch(n -> arg.equals(n) || arg.startsWith(n + "=")));
    }

    /** "a", "a or b", "a, b or c". */
    private static String joined(List<String> items, String conjunction) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " " + conjunction + " "
                + items.get(items.size() - 1);
    }
}
