package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.cli.api.ApiClient;
import dev.gleaner.cli.ui.Messages;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.json.Json;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every command that calls the API shares: --help and --version, the API and output options,
 * the client, output helpers. Subclasses' {@code @Command} add to these attributes.
 */
@Command(mixinStandardHelpOptions = true)
abstract class ApiCommand implements Callable<Integer> {
    @ParentCommand
    GleanerCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    ApiOptions apiOptions;

    @Mixin
    OutputOptions outputOptions;

    private ApiClient api;
    private Messages msg;
    private OutputOptions output;

    Cli cli() {
        return root.cli;
    }

    PrintStream out() {
        return cli().out();
    }

    PrintStream err() {
        return cli().err();
    }

    OutputOptions output() {
        if (output == null) {
            output = outputOptions.over(root.outputOptions);
        }
        return output;
    }

    boolean json() {
        return output().json;
    }

    Messages msg() {
        if (msg == null) {
            String lang = output().lang;
            if (lang != null && !lang.equals("ko") && !lang.equals("en")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--lang must be ko or en, not '" + lang + "'");
            }
            msg = Messages.of(lang != null ? lang : Messages.languageFrom(cli().env()));
        }
        return msg;
    }

    ApiClient api() {
        if (api == null) {
            ApiOptions o = apiOptions.over(root.apiOptions);
            String url = o.url != null ? o.url : cli().env().getOrDefault(Env.API_URL, ApiClient.DEFAULT_URL);
            if (url.isBlank()) {
                url = ApiClient.DEFAULT_URL;
            }
            String key = SecretSource.resolve(spec.commandLine(), cli(), o.key, "--api-key", o.keyFile, "--api-key-file", Env.API_KEY);
            try {
                api = new ApiClient(url, key, Version.number());
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        (o.url != null ? "--api " : Env.API_URL + " ") + e.getMessage());
            }
        }
        return api;
    }

    /** The option a request field comes from, for error messages (field → --option). */
    Map<String, String> fieldOptions() {
        return Map.of();
    }

    /**
     * After a collection was started or resumed: without --wait ({@code watcher} null) the API's
     * answer with --json, else the {@code started} line and how to follow the task; with --wait,
     * the {@code started} line on stderr and the task followed to its end. (Text is only made when
     * printed: with --json, --lang is not looked at.)
     */
    int startedOrFollow(String id, JsonNode answer, Supplier<String> started, Watcher watcher) {
        if (watcher == null) {
            if (json()) {
                printJson(answer);
            } else {
                out().println(started.get());
                out().println(msg().get("collect.follow", id));
            }
            return ExitCode.OK;
        }
        if (!json()) {
            err().println(started.get());
        }
        return watcher.watch(id, List.of());
    }

    void printJson(JsonNode node) {
        out().println(Json.write(node));
        out().flush();
    }

    CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
