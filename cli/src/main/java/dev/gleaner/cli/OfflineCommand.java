package dev.gleaner.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What the offline commands (extract, price) share: --help and --version, an "Output:" footer, and
 * one JSON line answered for each standard-input line. Subclasses' {@code @Command} add to these attributes.
 */
@Command(mixinStandardHelpOptions = true, footerHeading = "%nOutput:%n")
abstract class OfflineCommand implements Callable<Integer> {
    @ParentCommand
    GleanerCommand root;

    @Spec
    CommandSpec spec;

    Cli cli() {
        return root.cli;
    }

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }

    /**
     * Prints {@code answer}'s line for each standard-input line as it comes (flushed; the first line
     * without a byte-order mark). A broken standard input ends the output where it is (status 0),
     * with a note on stderr.
     */
    int answerEachLine(UnaryOperator<String> answer) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(cli().in(), StandardCharsets.UTF_8));
        String line;
        boolean first = true;
        while ((line = readLine(reader)) != null) {
            cli().out().println(answer.apply(first ? Offline.withoutBom(line) : line));
            cli().out().flush();
            first = false;
        }
        return ExitCode.OK;
    }

    private String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            cli().err().println("gleaner: cannot read standard input: " + e.getMessage());
            return null;
        }
    }
}
