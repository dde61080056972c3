package dev.gleaner.cli;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code gleaner completion bash|zsh}: the completion script picocli generates from the commands themselves. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = "Print a shell completion script for gleaner's commands, options and values.",
        footerHeading = "%nInstall:%n",
        footer = {"  bash: source <(gleaner completion bash)     # or save it to /etc/bash_completion.d/gleaner",
                "  zsh:  source <(gleaner completion zsh)      # e.g. in ~/.zshrc"})
final class CompletionCommand implements Callable<Integer> {
    @ParentCommand
    GleanerCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "SHELL", defaultValue = "bash", completionCandidates = Shells.class,
            description = "bash or zsh (default ${DEFAULT-VALUE}).")
    String shell;

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new ParameterException(spec.commandLine(), "SHELL must be bash or zsh, not '" + shell + "'");
        }
        // One script for both: under zsh it loads zsh's bash-completion emulation (bashcompinit) itself.
        root.cli.out().print(AutoComplete.bash("gleaner", spec.root().commandLine()));
        root.cli.out().flush();
        return ExitCode.OK;
    }

    static final class Shells implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("bash", "zsh").iterator();
        }
    }
}
