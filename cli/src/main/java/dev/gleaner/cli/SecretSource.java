package dev.gleaner.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import picocli.CommandLine;

/**
 * A secret (API key, Gangnam Unni token, Naver cookies, proxy credentials) from a file, an
 * environment variable, or the command line. The command line works but warns: other users see
 * it in {@code ps}. The value is never printed, in any message.
 */
final class SecretSource {
    private static final long MAX_BYTES = 64 * 1024;

    private SecretSource() {}

    /**
     * @param inline the value given on the command line, or null
     * @param file the file option's value, or null
     * @return the secret, or null when none was given
     */
    static String resolve(CommandLine cmd, Cli cli, String inline, String inlineOption, Path file, String fileOption,
            String envName) {
        if (inline != null && file != null) {
            throw new CommandLine.ParameterException(cmd, inlineOption + " and " + fileOption + " are two ways to give the same secret: use one");
        }
        if (file != null) {
            return read(cmd, file, fileOption);
        }
        if (inline != null) {
            cli.err().println("gleaner: warning: a secret given with " + inlineOption + " is visible to other users in `ps` and in "
                    + "your shell history; use " + fileOption + (envName == null ? "" : " or " + envName) + " instead");
            return inline.isBlank() ? null : inline.trim();
        }
        if (envName != null) {
            String v = cli.env().get(envName);
            return v == null || v.isBlank() ? null : v.trim();
        }
        return null;
    }

    private static String read(CommandLine cmd, Path file, String option) {
        try {
            if (Files.isDirectory(file)) {
                throw new CommandLine.ParameterException(cmd, "cannot read " + option + " " + file + ": is a directory");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw new CommandLine.ParameterException(cmd, "cannot read " + option + " " + file + ": larger than 64 KiB");
            }
            String v = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (v.startsWith("\ufeff")) {
                v = v.substring(1).strip();
            }
            if (v.isEmpty()) {
                throw new CommandLine.ParameterException(cmd, option + " " + file + " is empty");
            }
            return v;
        } catch (NoSuchFileException e) {
            throw new CommandLine.ParameterException(cmd, "cannot read " + option + " " + file + ": no such file");
        } catch (IOException e) {
            throw new CommandLine.ParameterException(cmd, "cannot read " + option + " " + file + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}
