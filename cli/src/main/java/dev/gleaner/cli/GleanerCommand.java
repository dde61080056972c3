package dev.gleaner.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code gleaner}: the root command; on its own it prints the usage (exit 2). */
@Command(name = "gleaner", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Start, watch and read Gleaner collections and scrapes from a terminal or a script, against the "
                + "local runner or a deployed stack; analyse saved product pages offline.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {CollectCommand.class, StatusCommand.class, TasksCommand.class, SummaryCommand.class,
                CancelCommand.class, ResumeCommand.class, LogsCommand.class, RecordsCommand.class, ItemsCommand.class,
                ScrapeCommand.class, ExtractCommand.class, PriceCommand.class, CompletionCommand.class,
                CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  gleaner collect babitalk --date 2025-01-15 --wait      # start, watch the bar, get the summary",
                "  gleaner tasks --status running",
                "  gleaner records --platform babitalk --category reviews --date 2025-01-15 -o reviews.csv",
                "  gleaner extract --url https://shop.example.com/p/1 page.html    # offline",
                "  gleaner price < prices.txt                                        # offline",
                "",
                "Exit status:",
                "  0  done; with --wait or --follow: the task completed",
                "  1  with --wait or --follow: the task failed",
                "  2  usage error (unknown command or option, bad value, unreadable secret file)",
                "  3  the task was cancelled",
                "  4  the API could not be reached (the URL tried is printed)",
                "  5  the API refused the request (its error and field are printed)",
                "130  Ctrl-C while waiting, task left running",
                "",
                "Environment: GLEANER_API_URL, GLEANER_API_KEY, GLEANER_LANG (ko|en), GLEANER_GANGNAMUNNI_TOKEN,",
                "GLEANER_NAVER_COOKIES, GLEANER_SCRAPE_PROXY.",
                "More: gleaner help COMMAND. Completion: source <(gleaner completion bash)"})
public final class GleanerCommand implements Callable<Integer> {
    final Cli cli;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    ApiOptions apiOptions;

    @Mixin
    OutputOptions outputOptions;

    GleanerCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(cli.err(), spec.commandLine().getColorScheme());
        return ExitCode.USAGE;
    }
}
