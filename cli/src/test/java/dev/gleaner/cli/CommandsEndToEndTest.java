package dev.gleaner.cli;

import static dev.gleaner.cli.LocalApi.DATE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.core.json.Json;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every API command against a real local runner (in this JVM) whose collectors read a loopback
 * fixture server: output for people and for scripts, and exit statuses.
 */
class CommandsEndToEndTest extends WithLocalApi {
    @TempDir
    Path dir;

    private static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private static String startedId(LocalApi.Result r) {
        assertEquals(0, r.code(), r.toString());
        return json(r.out()).get("task_id").asText();
    }

    static void waitFor(String what, BooleanSupplier condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(condition::getAsBoolean);
    }

    private static String status(String id) {
        return json(api.run("status", id, "--json").out()).get("status").asText();
    }

    @Test
    void collectWaitFollowsTheTaskAndEndsWithTheSummaryPerCategory() {
        LocalApi.Result r = api.run("collect", "babitalk", "--date", DATE, "--wait");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.err().contains("Babitalk collection started: task "), r.toString());
        String id = r.err().split("task ")[1].split("\\s")[0];
        assertTrue(r.out().startsWith("completed: Babitalk collection " + id + ", 7/7 in 0:00:"), r.toString());
        assertTrue(r.out().matches("(?s).*reviews \\(시술후기\\)\\s+4\\s+\\d+\\s+2.*"), r.out());
        assertTrue(r.out().matches("(?s).*talks \\(자유톡\\)\\s+3\\s+\\d+\\s+4.*"), r.out());
        assertTrue(r.out().matches("(?s).*event_ask_memos \\(발품후기\\)\\s+0\\s+0\\s+7.*"), r.out());
        assertTrue(r.out().contains("collected 7, new "), r.out());
        // Off a terminal, progress is one plain line per change on stderr, and the last says so.
        List<String> progress = r.err().lines().filter(l -> l.matches("\\[\\d\\d:\\d\\d:\\d\\d] .*")).toList();
        assertFalse(progress.isEmpty(), r.err());
        assertTrue(progress.get(progress.size() - 1).contains("completed 7/7 (100%)"), progress.toString());
        assertFalse(r.err().contains("\r"), "no carriage returns off a terminal");
    }

    @Test
    void scriptsGetJsonFromEveryReadingCommand() throws Exception {
        String id = startedId(api.run("collect", "babitalk", "--date", DATE, "--categories", "reviews", "--json"));
        LocalApi.Result waited = api.run("status", id, "--wait", "--json");
        assertEquals(0, waited.code(), waited.toString());
        JsonNode done = json(waited.out());
        assertEquals("completed", done.get("status").asText());
        assertEquals(4, done.get("progress").asInt());
        assertEquals("reviews", done.path("request").path("categories").path(0).asText(), done.toString());

        JsonNode tasks = json(api.run("tasks", "--platform", "babitalk", "--json").out());
        assertTrue(tasks.get("tasks").findValuesAsText("id").contains(id), tasks.toString());
        tasks.get("tasks").forEach(t -> assertEquals("babitalk_collect", t.get("type").asText()));
        JsonNode completed = json(api.run("tasks", "--status", "completed", "--limit", "1", "--json").out());
        assertEquals(1, completed.get("tasks").size());
        JsonNode summary = json(api.run("summary", "--json").out());
        assertTrue(summary.get("total_tasks").asInt() >= 1 && summary.get("completed").asInt() >= 1, summary.toString());

        LocalApi.Result logs = api.run("logs", id, "--json");
        assertEquals(0, logs.code());
        List<String> lines = logs.out().lines().map(l -> json(l).asText()).toList();
        assertTrue(lines.stream().anyMatch(l -> l.contains("바비톡 데이터 수집 시작")), lines.toString());
        LocalApi.Result followed = api.run("logs", id, "--follow", "--json");
        assertEquals(0, followed.code(), followed.toString());
        List<String> out = followed.out().lines().toList();
        assertEquals("completed", json(out.get(out.size() - 1)).get("status").asText(), "the final task comes last");
    }

    @Test
    void peopleGetTablesAndText() {
        String id = startedId(api.run("collect", "babitalk", "--date", DATE, "--categories", "reviews,talks", "--json"));
        assertEquals(0, api.run("status", id, "--wait", "--quiet").code());
        LocalApi.Result status = api.run("status", id);
        assertEquals(0, status.code(), status.toString());
        assertTrue(status.out().startsWith("completed: Babitalk collection " + id + ", 7/7"), status.out());
        assertTrue(status.out().contains("type      babitalk_collect"), status.out());
        assertTrue(status.out().contains("request   target_date " + DATE + ", end_date " + DATE + ", categories reviews,talks, limit 0"),
                status.out());
        assertTrue(status.out().contains("log, last 5 of "), status.out());
        assertTrue(status.out().contains("바비톡 데이터 수집 완료: 7건"), status.out());

        LocalApi.Result tasks = api.run("tasks", "--platform", "babitalk");
        assertTrue(tasks.out().lines().findFirst().orElse("").matches("id\\s+platform\\s+status\\s+progress\\s+created\\s+step"), tasks.out());
        assertTrue(tasks.out().lines().anyMatch(l -> l.startsWith(id) && l.contains("Babitalk") && l.contains("completed")
                && l.contains("7/7")), tasks.out());
        LocalApi.Result summary = api.run("summary");
        assertTrue(summary.out().lines().anyMatch(l -> l.matches("completed\\s+\\d+")), summary.out());
        assertTrue(summary.out().lines().anyMatch(l -> l.matches("total\\s+\\d+")), summary.out());

        LocalApi.Result logs = api.run("logs", id);
        assertTrue(logs.out().lines().allMatch(l -> l.matches("\\[\\d\\d:\\d\\d:\\d\\d] .*")), logs.out());
        assertTrue(logs.out().contains("자유톡 수집 완료 (3건)"), logs.out());
    }

    @Test
    void koreanForPeopleWhoAskForIt() {
        LocalApi.Result started = api.run(Map.of("LANG", "ko_KR.UTF-8"), "", "collect", "babitalk", "--date", DATE,
                "--categories", "reviews");
        assertEquals(0, started.code(), started.toString());
        assertTrue(started.out().startsWith("바비톡 데이터 수집이 시작되었습니다. 작업 ID: "), started.out());
        String id = started.out().split("작업 ID: ")[1].split("\\s")[0];
        LocalApi.Result waited = api.run("status", id, "--wait", "--lang", "ko");
        assertEquals(0, waited.code(), waited.toString());
        assertTrue(waited.out().startsWith("완료: 바비톡 수집 " + id + ", 4/4건"), waited.out());
        assertTrue(waited.out().matches("(?s).*카테고리\\s+수집\\s+신규\\s+페이지\\s+오류.*시술후기\\s+4\\s+\\d+\\s+2.*"), waited.out());
        assertEquals(2, api.run("status", id, "--lang", "fr").code(), "--lang is ko or en");
    }

    @Test
    void exportsEveryRecordAsCsvNdjsonJsonOrATable() throws Exception {
        String id = startedId(api.run("collect", "babitalk", "--date", DATE, "--categories", "reviews", "--json"));
        assertEquals(0, api.run("status", id, "--wait", "-q").code());

        LocalApi.Result ndjson = api.run("items", id, "--format", "ndjson");
        assertEquals(0, ndjson.code(), ndjson.toString());
        List<JsonNode> records = ndjson.out().lines().map(CommandsEndToEndTest::json).toList();
        assertEquals(List.of("90100", "90097", "90090", "90088"),
                records.stream().map(n -> n.get("source_id").asText()).sorted(Comparator.reverseOrder()).toList());
        records.forEach(n -> assertEquals("reviews", n.get("category").asText()));

        LocalApi.Result csv = api.run("items", id, "--format", "csv");
        List<String> rows = csv.out().lines().toList();
        assertTrue(rows.get(0).startsWith("\ufeff") && rows.get(0).contains("source_id"), rows.get(0));
        assertEquals(5, rows.size(), csv.out());
        assertTrue(rows.stream().anyMatch(l -> l.contains("90100") && l.contains("바른눈성형외과")), csv.out());

        JsonNode array = json(api.run("items", id, "--json").out());
        assertEquals(4, array.size());

        LocalApi.Result table = api.run("records", "--platform", "babitalk", "--category", "reviews", "--date", DATE,
                "--format", "table");
        assertTrue(table.out().lines().findFirst().orElse("").matches("id\\s+category\\s+created\\s+author\\s+comments\\s+text"),
                table.out());
        assertTrue(table.out().contains("post:90100"), table.out());

        // A file: written whole or not at all, and the count on stderr.
        Path file = dir.resolve("reviews.csv");
        LocalApi.Result written = api.run("records", "--platform", "babitalk", "--category", "reviews", "--date", DATE,
                "-o", file.toString());
        assertEquals(0, written.code(), written.toString());
        assertEquals("Wrote 4 records to " + file, written.err().trim());
        assertEquals("", written.out());
        assertEquals(5, Files.readAllLines(file, StandardCharsets.UTF_8).size());
        assertFalse(Files.exists(dir.resolve("reviews.csv.part")));

        LocalApi.Result none = api.run("records", "--platform", "babitalk", "--category", "reviews", "--date", "2025-01-14",
                "--format", "ndjson");
        assertEquals(0, none.code(), none.toString());
        assertEquals("", none.out());
        LocalApi.Result bad = api.run("records", "--platform", "babitalk", "--category", "nope", "--format", "ndjson");
        assertEquals(5, bad.code(), bad.toString());
        assertTrue(bad.err().contains("(field category, option --category)"), bad.err());
    }

    @Test
    void secretsComeFromFilesOrTheEnvironmentAndAreNeverPrinted() throws Exception {
        String token = "gu-token-cli-4d2f";
        String cookies = "NID_AUT=aut-cli-77aa; NID_SES=ses-cli-88bb";
        Path tokenFile = Files.writeString(dir.resolve("gu-token"), token + "\n");
        Path cookiesFile = Files.writeString(dir.resolve("naver-cookies"), cookies);
        List<LocalApi.Result> all = new ArrayList<>();

        LocalApi.Result gu = api.run("collect", "gangnamunni", "--date", DATE, "--categories", "hospital_question,review",
                "--save-as-reviews", "--token-file", tokenFile.toString(), "--wait");
        all.add(gu);
        assertEquals(0, gu.code(), gu.toString());
        assertTrue(gu.out().startsWith("completed: Gangnam Unni collection "), gu.out());
        assertFalse(gu.err().contains("warning"), gu.err());
        String guId = gu.err().split("task ")[1].split("\\s")[0];
        all.add(api.run("status", guId, "--json"));
        assertTrue(api.sources.requests().stream().anyMatch(q -> q.headers().values().stream()
                .anyMatch(v -> v.toString().contains(token)) || q.body() != null && q.body().contains(token)),
                "the token reached the source");

        LocalApi.Result naver = api.run(Map.of("GLEANER_NAVER_COOKIES", cookies), "", "collect", "naver", "--cafe-id",
                "10912875", "--date", DATE, "--wait", "--json");
        all.add(naver);
        assertEquals(0, naver.code(), naver.toString());
        assertEquals("completed", json(naver.out()).get("status").asText());
        LocalApi.Result naverFile = api.run("collect", "naver", "--cafe-id", "10912875", "--date", DATE, "--menu-id", "38",
                "--cookies-file", cookiesFile.toString(), "--wait");
        all.add(naverFile);
        assertEquals(0, naverFile.code(), naverFile.toString());

        // On the command line it works, with a warning.
        LocalApi.Result inline = api.run("collect", "gangnamunni", "--date", DATE, "--categories", "review", "--token", token);
        all.add(inline);
        assertEquals(0, inline.code(), inline.toString());
        assertTrue(inline.err().contains("warning: a secret given with --token is visible to other users in `ps`"), inline.err());

        for (LocalApi.Result r : all) {
            assertFalse(r.out().contains(token) || r.err().contains(token), "token printed: " + r);
            assertFalse(r.out().contains("aut-cli-77aa") || r.err().contains("aut-cli-77aa"), "cookies printed: " + r);
        }
        // Unreadable or misplaced secrets are usage errors, named without their value.
        LocalApi.Result missing = api.run("collect", "gangnamunni", "--token-file", dir.resolve("nope").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("cannot read --token-file " + dir.resolve("nope") + ": no such file"), missing.err());
        Path empty = Files.writeString(dir.resolve("empty"), "\n");
        assertEquals(2, api.run("collect", "gangnamunni", "--token-file", empty.toString()).code());
        assertEquals(2, api.run("collect", "babitalk", "--token-file", tokenFile.toString()).code(), "token is Gangnam Unni's");
        assertEquals(2, api.run("collect", "gangnamunni", "--token", "a", "--token-file", tokenFile.toString()).code());
    }

    @Test
    void cancelStopsARunningTaskAndTheWaiterExitsThree() throws Exception {
        api.gate.close();
        String id = startedId(api.run("collect", "babitalk", "--date", DATE, "--json"));
        CompletableFuture<LocalApi.Result> waiting = CompletableFuture.supplyAsync(() -> api.run("status", id, "--wait"));
        waitFor("the task runs, held at the gate", () -> status(id).equals("running"));

        LocalApi.Result cancel = api.run("cancel", id);
        assertEquals(0, cancel.code(), cancel.toString());
        assertTrue(cancel.out().startsWith("Cancelled task " + id + " at 0/"), cancel.out());
        LocalApi.Result waited = waiting.get();
        assertEquals(3, waited.code(), waited.toString());
        assertTrue(waited.out().startsWith("cancelled: Babitalk collection " + id), waited.out());

        LocalApi.Result again = api.run("cancel", id);
        assertEquals(5, again.code(), again.toString());
        assertTrue(again.err().startsWith("gleaner: the API refused the request: HTTP 409: "), again.err());
        assertEquals(3, api.run("status", id, "--wait", "-q").code(), "status --wait of a cancelled task");
        assertEquals("cancelled", status(id));
    }

    @Test
    void scrapePrintsTheProductAndAnswersFromTheCacheTheSecondTime() {
        String url = api.shop() + "/products/trail-runner";
        LocalApi.Result first = api.run("scrape", url, "--wait");
        assertEquals(0, first.code(), first.toString());
        assertTrue(first.out().startsWith("Trail Runner 2\n"), first.out());
        assertTrue(first.out().matches("(?s).*price\\s+129.90 USD.*"), first.out());
        assertTrue(first.out().matches("(?s).*availability\\s+In Stock.*"), first.out());
        assertTrue(first.out().matches("(?s).*brand\\s+Acme.*rating\\s+4.6 \\(87 reviews\\).*"), first.out());
        assertTrue(first.out().matches("(?s).*platform\\s+shopify \\(confidence 0\\.\\d\\d\\).*"), first.out());

        LocalApi.Result cached = api.run("scrape", url, "--json");
        assertEquals(0, cached.code(), cached.toString());
        JsonNode task = json(cached.out());
        assertTrue(task.get("cache_hit").asBoolean(), task.toString());
        assertEquals("Trail Runner 2", task.path("product_info").path("title").asText());
        LocalApi.Result status = api.run("status", task.get("task_id").asText());
        assertEquals(0, status.code(), status.toString());
        assertTrue(status.out().contains("from the cache"), status.out());

        LocalApi.Result missing = api.run("scrape", api.shop() + "/nothing-here", "--wait");
        assertEquals(1, missing.code(), missing.toString());
        assertTrue(missing.out().contains("failed"), missing.out());
        LocalApi.Result refused = api.run("scrape", "ftp://example.com/x");
        assertEquals(5, refused.code(), refused.toString());
        assertTrue(refused.err().contains("(field url, option URL)"), refused.err());
    }

    @Test
    void exitStatusesForUsageUnreachableAndRefused() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closedPort;
        LocalApi.Result unreachable = api.run("tasks", "--api", nowhere);
        assertEquals(4, unreachable.code(), unreachable.toString());
        assertTrue(unreachable.err().startsWith("gleaner: cannot reach the API at " + nowhere + " (connection refused)"),
                unreachable.err());
        assertEquals(4, api.run(Map.of("GLEANER_API_URL", nowhere), "", "summary").code());
        assertEquals(4, LocalApi.runWith(Map.of("GLEANER_API_URL", nowhere + "/"), "", "summary").code(),
                "a trailing slash is fine");
        assertEquals(0, api.run("--api", api.url(), "summary").code(), "--api before the command works too");

        LocalApi.Result badDate = api.run("collect", "babitalk", "--date", "2025-13-01");
        assertEquals(5, badDate.code(), badDate.toString());
        assertTrue(badDate.err().contains("HTTP 400: ") && badDate.err().contains("(field target_date, option --date)"),
                badDate.err());
        LocalApi.Result unknown = api.run("status", "6f1c1a3e-0000-4000-8000-000000000000");
        assertEquals(5, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("HTTP 404"), unknown.err());

        for (String[] args : List.of(new String[] {"collect", "tiktok"}, new String[] {"collect", "babitalk", "--cafe-id", "1"},
                new String[] {"collect", "naver"}, new String[] {"collect", "naver", "--cafe-id", "1", "--categories", "a"},
                new String[] {"collect", "babitalk", "--detach"}, new String[] {"collect", "babitalk", "--limit", "many"},
                new String[] {"tasks", "--status", "bogus"}, new String[] {"tasks", "--platform", "x"},
                new String[] {"tasks", "--limit", "0"}, new String[] {"status"}, new String[] {"status", "a", "b"},
                new String[] {"summary", "--api", "ftp://example.com"}, new String[] {"records", "--platform", "babitalk"},
                new String[] {"items", "x", "--format", "xml"}, new String[] {"items", "x", "--format", "table", "-o", "f"},
                new String[] {"collect", "babitalk", "--wait", "--detach", "--cancel-on-interrupt"})) {
            LocalApi.Result r = api.run(args);
            assertEquals(2, r.code(), String.join(" ", args) + "\n" + r);
            assertTrue(r.err().startsWith("gleaner: ") && r.err().contains("Usage: gleaner"), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void helpVersionAndCompletion() throws Exception {
        LocalApi.Result help = api.run("help", "collect");
        assertEquals(0, help.code());
        for (String option : List.of("--date", "--end-date", "--categories", "--limit", "--cafe-id", "--menu-id", "--per-page",
                "--save-as-reviews", "--token-file", "--cookies-file", "--callback-url", "--idempotency-key", "--wait",
                "--cancel-on-interrupt", "--detach", "--api", "--api-key-file", "--json")) {
            assertTrue(help.out().contains(option), option + " in\n" + help.out());
        }
        assertTrue(help.out().contains("reviews,talks,event_ask_memos"), "categories listed from Platform: " + help.out());
        LocalApi.Result root = api.run("--help");
        assertTrue(root.out().contains("Exit status:") && root.out().contains("130  Ctrl-C"), root.out());
        assertTrue(api.run("--version").out().startsWith("gleaner 0.1.0"), "version");
    }
}
