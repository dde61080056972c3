package dev.gleaner.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the API is and how to authenticate: on every API command, before or after its name. */
public final class ApiOptions {
    @Option(names = "--api", paramLabel = "URL",
            description = "The API: the local runner or a deployed stage URL (default: $GLEANER_API_URL, else http://localhost:8000).")
    String url;

    @Option(names = "--api-key-file", paramLabel = "FILE",
            description = "Read the API key (sent as x-api-key) from FILE (default: $GLEANER_API_KEY).")
    Path keyFile;

    @Option(names = "--api-key", paramLabel = "KEY",
            description = "The API key itself. Works, but shows in `ps`: prefer --api-key-file or GLEANER_API_KEY.")
    String key;

    /** This command's own values where given, the ones before the command name otherwise. */
    ApiOptions over(ApiOptions outer) {
        ApiOptions merged = new ApiOptions();
        merged.url = url != null ? url : outer == null ? null : outer.url;
        merged.keyFile = keyFile != null ? keyFile : outer == null ? null : outer.keyFile;
        merged.key = key != null ? key : outer == null ? null : outer.key;
        return merged;
    }
}
