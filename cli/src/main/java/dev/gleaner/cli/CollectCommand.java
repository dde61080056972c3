package dev.gleaner.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.cli.api.ApiClient;
import dev.gleaner.cli.api.ApiPaths;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.task.Platform;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gleaner collect babitalk|gangnamunni|naver ...}: POST …/{platform}/start, and with --wait, follow it. */
@Command(name = "collect", sortOptions = false,
        description = "Start a collection; with --wait, follow it to the end with a live progress bar.",
        footerHeading = "%nExamples:%n",
        footer = {"  gleaner collect babitalk --date 2025-01-15 --categories reviews,talks --wait",
                "  gleaner collect gangnamunni --save-as-reviews --token-file ~/.gleaner/gu-token --wait",
                "  gleaner collect naver --cafe-id 10912875 --menu-id 38,39 --cookies-file ~/.gleaner/naver-cookies",
                "  gleaner collect babitalk --wait --idempotency-key \"babitalk-$(date +%F)\"   # cron: once a day, even if re-run"})
final class CollectCommand extends ApiCommand {
    @Parameters(index = "0", paramLabel = "PLATFORM", completionCandidates = PlatformIds.class,
            description = "babitalk, gangnamunni or naver.")
    String platform;

    @Option(names = "--date", paramLabel = "YYYY-MM-DD", description = "The day to collect (Asia/Seoul; default yesterday).")
    String date;

    @Option(names = "--end-date", paramLabel = "YYYY-MM-DD", description = "Collect up to this day too (at most 31 days after --date).")
    String endDate;

    @Option(names = "--categories", paramLabel = "A,B", split = ",", description = "Categories (default all). Babitalk: ${sys:gleaner.categories.babitalk}; Gangnam Unni: ${sys:gleaner.categories.gangnamunni}.")
    List<String> categories;

    @Option(names = "--limit", paramLabel = "N", description = "At most N posts per category (0: no limit).")
    Integer limit;

    @Option(names = "--cafe-id", paramLabel = "ID", description = "Naver: the cafe (digits; required).")
    String cafeId;

    @Option(names = "--menu-id", paramLabel = "IDS", description = "Naver: boards, e.g. 38,39 (default every board).")
    String menuId;

    @Option(names = "--per-page", paramLabel = "N", description = "Naver: posts per list page (1-50, default 20).")
    Integer perPage;

    @Option(names = "--save-as-reviews", description = "Gangnam Unni: also store review posts as review records.")
    boolean saveAsReviews;

    @Option(names = "--token-file", paramLabel = "FILE", description = "Gangnam Unni: read the token from FILE (or $GLEANER_GANGNAMUNNI_TOKEN).")
    Path tokenFile;

    @Option(names = "--token", paramLabel = "TOKEN", description = "Gangnam Unni: the token itself (shows in `ps`; prefer --token-file).")
    String token;

    @Option(names = "--cookies-file", paramLabel = "FILE", description = "Naver: read the login cookies from FILE (or $GLEANER_NAVER_COOKIES).")
    Path cookiesFile;

    @Option(names = "--cookies", paramLabel = "COOKIES", description = "Naver: the cookies themselves (shows in `ps`; prefer --cookies-file).")
    String cookies;

    @Option(names = "--callback-url", paramLabel = "URL", description = "POST the task there when it ends (signed).")
    String callbackUrl;

    @Option(names = "--idempotency-key", paramLabel = "KEY",
            description = "The same key with the same request within 24 h answers the same task again (safe re-runs).")
    String idempotencyKey;

    @Option(names = "--wait", description = "Follow the task until it ends; the exit status tells how it ended.")
    boolean waitForEnd;

    @Mixin
    WaitOptions waitOptions;

    private static final Map<String, String> FIELDS = Map.ofEntries(Map.entry("target_date", "--date"),
            Map.entry("end_date", "--end-date"), Map.entry("categories", "--categories"), Map.entry("limit", "--limit"),
            Map.entry("cafe_id", "--cafe-id"), Map.entry("menu_id", "--menu-id"), Map.entry("per_page", "--per-page"),
            Map.entry("save_as_reviews", "--save-as-reviews"), Map.entry("token", "--token-file"),
            Map.entry("naver_cookies", "--cookies-file"), Map.entry("callback_url", "--callback-url"),
            Map.entry("platform", "PLATFORM"));

    @Override
    Map<String, String> fieldOptions() {
        return FIELDS;
    }

    @Override
    public Integer call() {
        Platform p = Platform.fromId(platform.trim().toLowerCase(Locale.ROOT)).orElseThrow(() ->
                usage("PLATFORM must be babitalk, gangnamunni or naver, not '" + platform + "'"));
        Watcher watcher = waitForEnd ? new Watcher(this, waitOptions, false) : null;
        if (!waitForEnd && (waitOptions.cancelOnInterrupt || waitOptions.detach)) {
            throw usage("--cancel-on-interrupt and --detach go with --wait");
        }
        ObjectNode body = body(p);
        Map<String, String> headers = new LinkedHashMap<>();
        if (idempotencyKey != null) {
            if (idempotencyKey.isBlank()) {
                throw usage("--idempotency-key must not be empty");
            }
            headers.put("Idempotency-Key", idempotencyKey);
        }
        ApiClient.Response r = ApiClient.expectOk(api().post(ApiPaths.start(p.id()), body, headers));
        JsonNode started = r.json();
        String id = started.path("task_id").asText();
        boolean replayed = r.header("Idempotent-Replayed").map("true"::equalsIgnoreCase).orElse(false);
        return startedOrFollow(id, started,
                () -> msg().get(replayed ? "collect.replayed" : "collect.started", TaskText.platformName(msg(), p), id), watcher);
    }

    private ObjectNode body(Platform p) {
        boolean naver = p == Platform.NAVER;
        boolean gu = p == Platform.GANGNAMUNNI;
        only(naver, cafeId != null, "--cafe-id", "naver");
        only(naver, menuId != null, "--menu-id", "naver");
        only(naver, perPage != null, "--per-page", "naver");
        only(naver, cookies != null || cookiesFile != null, cookiesFile != null ? "--cookies-file" : "--cookies", "naver");
        only(gu, saveAsReviews, "--save-as-reviews", "gangnamunni");
        only(gu, token != null || tokenFile != null, tokenFile != null ? "--token-file" : "--token", "gangnamunni");
        if (naver && categories != null) {
            throw usage("--categories is not for naver: its categories are the cafe's boards (use --menu-id)");
        }
        if (naver && cafeId == null) {
            throw usage("collect naver needs --cafe-id");
        }
        ObjectNode body = Json.object();
        putIf(body, "target_date", date);
        putIf(body, "end_date", endDate);
        if (categories != null) {
            ArrayNode a = body.putArray("categories");
            categories.stream().map(String::trim).filter(c -> !c.isEmpty()).forEach(a::add);
        }
        if (limit != null) {
            body.put("limit", limit);
        }
        putIf(body, "cafe_id", cafeId);
        putIf(body, "menu_id", menuId);
        if (perPage != null) {
            body.put("per_page", perPage);
        }
        if (saveAsReviews) {
            body.put("save_as_reviews", true);
        }
        putIf(body, "callback_url", callbackUrl);
        if (gu) {
            putIf(body, "token", SecretSource.resolve(spec.commandLine(), cli(), token, "--token", tokenFile, "--token-file",
                    Env.CLI_GANGNAMUNNI_TOKEN));
        }
        if (naver) {
            putIf(body, "naver_cookies", SecretSource.resolve(spec.commandLine(), cli(), cookies, "--cookies", cookiesFile,
                    "--cookies-file", Env.CLI_NAVER_COOKIES));
        }
        return body;
    }

    private void only(boolean allowed, boolean given, String option, String platformId) {
        if (given && !allowed) {
            throw usage(option + " is for " + platformId + " only");
        }
    }

    private static void putIf(ObjectNode body, String field, String value) {
        if (value != null) {
            body.put(field, value);
        }
    }

    /** Shell completion for PLATFORM. */
    static final class PlatformIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Arrays.stream(Platform.values()).map(Platform::id).iterator();
        }
    }
}
