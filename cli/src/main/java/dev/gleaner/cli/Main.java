package dev.gleaner.cli;

import dev.gleaner.cli.api.ApiException;
import dev.gleaner.cli.ui.Messages;
import dev.gleaner.cli.ui.Term;
import dev.gleaner.core.task.Platform;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * {@code gleaner} (cli/gleaner runs this jar): the API commands (collect, status, tasks, summary,
 * cancel, resume, logs, records, items, scrape) and the offline ones (extract, price). Exit
 * statuses are {@link ExitCode}.
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), false, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        Term[] term = new Term[1];
        Cli cli = new Cli(System.in, out, err, System.getenv(), () -> {
            if (term[0] == null) {
                term[0] = Term.detect();
            }
            return term[0];
        }, true, System.console() != null, code -> {
            out.flush();
            err.flush();
            Runtime.getRuntime().halt(code);
        });
        int code = run(args, cli);
        out.flush();
        if (term[0] != null) {
            term[0].close();
        }
        System.exit(code);
    }

    /** The whole command line with its streams passed in, no terminal (tests call this). */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        return run(args, Cli.plain(in, out, err, Map.of()));
    }

    public static int run(String[] args, Cli cli) {
        CommandLine cmd = commandLine(cli);
        try {
            return cmd.execute(args);
        } finally {
            cli.out().flush();
            cli.err().flush();
        }
    }

    static CommandLine commandLine(Cli cli) {
        // The categories collect's help lists come from the one table of them (Platform).
        for (Platform p : Platform.values()) {
            System.setProperty("gleaner.categories." + p.id(), String.join(",", p.categories()));
        }
        CommandLine cmd = new CommandLine(new GleanerCommand(cli));
        cmd.setOut(new PrintWriter(cli.out(), true));
        cmd.setErr(new PrintWriter(cli.err(), true));
        cmd.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        cmd.setUsageHelpWidth(100);
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExitCodeExceptionMapper(e -> ExitCode.USAGE);
        cmd.setParameterExceptionHandler(Main::usageError);
        cmd.setExecutionExceptionHandler((e, command, parsed) -> failure(e, command, cli));
        return cmd;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException u && cmd.getParent() == null && !u.getUnmatched().isEmpty()
                && !u.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command: " + u.getUnmatched().get(0);
            List<String> suggestions = u.getSuggestions();
            if (!suggestions.isEmpty()) {
                message += " (did you mean " + String.join(" or ", suggestions) + "?)";
            }
        }
        err.println("gleaner: " + message);
        CommandLine.Help help = cmd.getHelp();
        err.print(help.synopsisHeading() + help.synopsis(help.synopsisHeadingLength()));
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more.");
        err.flush();
        return ExitCode.USAGE;
    }

    private static int failure(Exception e, CommandLine command, Cli cli) {
        Messages msg = Messages.of(Messages.languageFrom(cli.env()));
        if (command.getCommand() instanceof ApiCommand api) {
            msg = api.msg();
        }
        PrintStream err = cli.err();
        if (e instanceof ApiException.Unreachable u) {
            err.println("gleaner: " + msg.get("error.unreachable", u.url(), u.reason()));
            err.println(msg.get("error.unreachable.hint"));
            return ExitCode.UNREACHABLE;
        }
        if (e instanceof ApiException.Refused r) {
            String field = r.field();
            String option = null;
            if (field != null && command.getCommand() instanceof ApiCommand api) {
                option = api.fieldOptions().get(field);
            }
            String where = field == null ? "" : option == null ? msg.get("error.field", field) : msg.get("error.field.option", field, option);
            err.println("gleaner: " + msg.get("error.refused", r.status(), r.error()) + where);
            if (r.status() == 401 || r.status() == 403) {
                err.println(msg.get("error.refused.key"));
            }
            return ExitCode.REFUSED;
        }
        err.println("gleaner: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        return ExitCode.FAILED;
    }
}
