package dev.gleaner.cli;

import picocli.CommandLine.Option;

/** How a command talks to people and scripts. */
public final class OutputOptions {
    @Option(names = "--json", description = "Print the API's JSON instead of text (for scripts).")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress bar or progress lines.")
    boolean quiet;

    @Option(names = "--lang", paramLabel = "ko|en",
            description = "Language of the text (default: $GLEANER_LANG, else from LANG).")
    String lang;

    OutputOptions over(OutputOptions outer) {
        OutputOptions merged = new OutputOptions();
        merged.json = json || outer != null && outer.json;
        merged.quiet = quiet || outer != null && outer.quiet;
        merged.lang = lang != null ? lang : outer == null ? null : outer.lang;
        return merged;
    }
}
