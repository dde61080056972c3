package dev.gleaner.browser;

import dev.gleaner.local.Teardown;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.collectors.FixtureServer;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.net.AddressPolicy;
import dev.gleaner.local.LocalOptions;
import dev.gleaner.local.LocalRunner;
import dev.gleaner.local.ShopPages;
import dev.gleaner.local.sources.RealSources;
import dev.gleaner.local.sources.SourceFixtures;
import dev.gleaner.safehttp.SafeHttpClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in headless Chromium against the local runner: the production collectors read a
 * loopback fixture server (Babitalk review pages that answer slowly enough to watch), and the
 * scraper reads a loopback shop. Every wait is for a condition in the page (WebDriverWait), never a
 * fixed time. After each test, no request of the page has left its origin (the resource timing
 * entries) and the Content-Security-Policy was never violated.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    private static final Duration PAGE_DELAY = Duration.ofMillis(120);
    private static final int PAGES = 100;
    private static final int PER_PAGE = 24;
    static final Path SHOTS = Path.of("target", "screenshots");
    static final Path DOWNLOADS = Path.of("target", "downloads");

    private static FixtureServer sources;
    private static ShopPages shop;
    private static LocalRunner runner;
    private static ChromeDriver driver;
    private static String base;
    private static String longTask;
    private static String completedTask;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Files.createDirectories(SHOTS);
        driver = Browser.start(Files.createDirectories(DOWNLOADS));
        sources = FixtureServer.start();
        SourceFixtures.generatedReviews(sources, 900_000, PAGES, PER_PAGE, PAGE_DELAY);
        SourceFixtures.gangnamunni(sources); // posts with comments
        shop = new ShopPages();
        SafeHttpClient fetcher = SafeHttpClient.builder().addressPolicy(AddressPolicy.LOOPBACK_FOR_TESTS)
                .resolver(host -> List.of(InetAddress.getLoopbackAddress())).maxAttempts(1).build();
        runner = LocalRunner.start(new LocalOptions("127.0.0.1", 0, null),
                new LocalRunner.Overrides(RealSources.at(sources), null, fetcher, null));
        base = runner.baseUrl();
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        Teardown.closeAll(runner, sources, shop);
    }

    @AfterEach
    void nothingLeftTheOrigin() {
        if (!driver.getCurrentUrl().startsWith("http")) {
            return; // no page of the console was opened
        }
        @SuppressWarnings("unchecked")
        List<String> requested = (List<String>) js("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".concat(performance.getEntriesByType('navigation').map(e => e.name))");
        String origin = (String) js("return location.origin");
        assertTrue(origin.startsWith("http://localhost:"), origin);
        List<String> elsewhere = requested.stream().filter(u -> !u.startsWith(origin + "/")).toList();
        assertEquals(List.of(), elsewhere, "requests that left " + origin);
        assertTrue(requested.size() >= 15, "the page's own files and data calls are all seen: " + requested);
        assertEquals(List.of(), js("return window.__cspViolations || ['no listener']"), "Content-Security-Policy violations");
    }

    // ------------------------------------------------------------------ helpers

    private static Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    private static WebDriverWait waiting(int seconds) {
        WebDriverWait w = new WebDriverWait(driver, Duration.ofSeconds(seconds));
        w.pollingEvery(Duration.ofMillis(100));
        // The console re-renders what changed: an element read a moment ago may have been replaced.
        w.ignoring(StaleElementReferenceException.class);
        return w;
    }

    private static <T> T until(int seconds, Function<WebDriver, T> condition) {
        return waiting(seconds).until(condition);
    }

    private static void open(String hash) {
        driver.get(base + "/" + hash);
        until(30, d -> "true".equals(js("return document.documentElement.dataset.ready")));
    }

    private static WebElement visible(By by) {
        return until(30, d -> d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null));
    }

    private static String taskStatus() {
        return (String) js("const s = document.querySelector('#view h1 .status'); return s ? s.dataset.status : null;");
    }

    private static void setValue(WebElement input, String value) {
        js("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", input, value);
    }

    /** Every input, select and button of the page has a name a screen reader reads (label, text or aria-label). */
    private static void assertEveryControlIsLabelled() {
        @SuppressWarnings("unchecked")
        List<String> unnamed = (List<String>) js("return [...document.querySelectorAll('input, select, textarea, button')]"
                + ".filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')"
                + " && !(el.tagName === 'BUTTON' && el.textContent.trim()))"
                + ".map(el => el.outerHTML.slice(0, 120))");
        assertEquals(List.of(), unnamed, "controls without a label");
    }

    private static void screenshot(String name) throws IOException {
        Path shot = driver.getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SHOTS.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }

    private static JsonNode post(String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 300, r.body());
        return Json.parse(r.body());
    }

    private static String taskIdFromUrl() {
        String url = until(30, d -> d.getCurrentUrl().contains("#/task/") ? d.getCurrentUrl() : null);
        return url.substring(url.indexOf("#/task/") + "#/task/".length());
    }

    // ------------------------------------------------------------------ tests

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(0)
    void theRunnerServesTheConsoleAtTheRootAndUnderConsoleAsTheLambdaDoes() throws Exception {
        HttpResponse<String> root = get("/");
        assertEquals(200, root.statusCode());
        assertEquals("text/html; charset=utf-8", root.headers().firstValue("Content-Type").orElse(""));
        String csp = root.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("default-src 'none'") && csp.contains("connect-src 'self'"), csp);
        HttpResponse<String> console = get("/console");
        assertEquals(root.body(), console.body(), "the same page at / and /console");
        String etag = console.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, get("/console", "If-None-Match", etag).statusCode());
        HttpResponse<String> js = get("/console/js/app.js");
        assertEquals(200, js.statusCode());
        assertEquals("text/javascript; charset=utf-8", js.headers().firstValue("Content-Type").orElse(""));
        assertEquals("nosniff", js.headers().firstValue("X-Content-Type-Options").orElse(""));
        HttpResponse<String> slash = get("/console/");
        assertEquals(308, slash.statusCode());
        assertEquals("../console", slash.headers().firstValue("Location").orElse(""));
        HttpResponse<String> missing = get("/console/js/missing.js");
        assertEquals(404, missing.statusCode());
        assertTrue(missing.body().startsWith("{\"error\""), missing.body());
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/console"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(405, post.statusCode());
        // The API beside it is unchanged: JSON, with the slots the overview shows.
        HttpResponse<String> summary = get("/api/v1/async-collection/status/summary");
        assertEquals(10, Json.parse(summary.body()).path("max_running").asInt(), summary.body());
    }

    @Test
    @Order(1)
    void aCollectionStartedFromTheFormRunsToCompletionWithItsBarAt100Percent() throws Exception {
        open("#/start/babitalk");
        WebElement form = visible(By.id("start-form"));
        // Every contract field is there with its default.
        assertEquals("0", form.findElement(By.name("limit")).getAttribute("value"));
        assertEquals(3, form.findElements(By.cssSelector("input[name=categories]:checked")).size());
        setValue(form.findElement(By.name("target_date")), SourceFixtures.TARGET_DATE);
        form.findElement(By.cssSelector("input[name=categories][value=talks]")).click();
        form.findElement(By.cssSelector("input[name=categories][value=event_ask_memos]")).click();
        WebElement limit = form.findElement(By.name("limit"));
        limit.clear();
        limit.sendKeys("120");
        form.findElement(By.id("start-submit")).click();

        String id = taskIdFromUrl();
        List<String> seen = new ArrayList<>();
        until(120, d -> {
            WebElement bar = d.findElements(By.cssSelector("#view [role=progressbar]")).stream().findFirst().orElse(null);
            if (bar != null) {
                String now = bar.getAttribute("aria-valuenow") + "/" + bar.getAttribute("aria-valuemax");
                if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(now)) {
                    seen.add(now);
                }
            }
            return "completed".equals(taskStatus());
        });
        System.out.println("progress seen in the browser: " + seen);
        WebElement bar = driver.findElement(By.cssSelector("#view [role=progressbar]"));
        assertEquals("120", bar.getAttribute("aria-valuemax"));
        assertEquals("120", bar.getAttribute("aria-valuenow"), "the bar is at 100%");
        assertTrue(driver.findElement(By.cssSelector("#view h1 .status")).getText().contains("Completed"),
                "the final status is written, not only coloured");
        WebElement row = visible(By.cssSelector("#result-summary tr[data-category=reviews]"));
        assertTrue(row.getText().contains("120"), row.getText());
        until(30, d -> d.findElements(By.cssSelector("#records tbody tr[data-source-id]")).size() == 20);
        assertEquals(null, driver.findElement(By.id("records-next")).getAttribute("disabled"), "a second page of records");
        assertTrue(driver.findElements(By.cssSelector("#task-logs li")).size() > 1, "the log tail");
        assertTrue(driver.findElements(By.id("cancel-task")).isEmpty(), "a finished task cannot be cancelled");
        assertTrue(driver.findElement(By.id("current-step")).isDisplayed());
        String request = visible(By.id("task-request")).getText();
        assertTrue(request.contains("target_date") && request.contains(SourceFixtures.TARGET_DATE), request);
        assertTrue(request.contains("limit") && request.contains("120") && request.contains("reviews"), request);
        driver.manage().window().setSize(new Dimension(1280, 1500));
        try {
            screenshot("task.png");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
        assertTrue(id.matches("[0-9a-f-]{36}"), id);
        completedTask = id;
    }

    @Test
    @Order(2)
    void theRecordsDownloadAsCsvAndNdjson() throws Exception {
        open("#/task/" + completedTask);
        until(30, d -> "completed".equals(taskStatus()));
        Path csv = DOWNLOADS.resolve("gleaner-" + completedTask + ".csv");
        Path ndjson = DOWNLOADS.resolve("gleaner-" + completedTask + ".ndjson");
        Files.deleteIfExists(csv);
        Files.deleteIfExists(ndjson);
        visible(By.id("download-csv")).click();
        until(30, d -> Files.isRegularFile(csv) && lines(csv) == 121);
        visible(By.id("download-ndjson")).click();
        until(30, d -> Files.isRegularFile(ndjson) && lines(ndjson) == 120);
        assertTrue(Files.readString(csv).startsWith("\uFEFF"), "UTF-8 with a byte order mark");
        for (String line : Files.readAllLines(ndjson)) {
            assertEquals("babitalk", Json.parse(line).path("platform").asText());
        }
    }

    private static long lines(Path p) {
        try {
            return Files.readAllLines(p).stream().filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            return -1;
        }
    }

    @Test
    @Order(3)
    void theOverviewCountsTasksShowsSlotsAndFiltersTheList() throws Exception {
        longTask = post("/api/v1/async-collection/babitalk/start",
                "{\"target_date\": \"" + SourceFixtures.TARGET_DATE + "\", \"categories\": [\"reviews\"]}").path("task_id").asText();
        open("#/");
        until(60, d -> d.findElements(By.cssSelector("#task-list tr[data-task-id='" + longTask + "'][data-status=running]")).size() == 1);
        String slots = visible(By.id("slots")).getText();
        assertTrue(slots.matches("[0-9]+ / 10 running"), slots);
        assertTrue(driver.findElements(By.cssSelector("#task-list tr[data-status=completed]")).size() >= 1);
        assertTrue(until(10, d -> d.findElement(By.cssSelector("#task-list tr[data-task-id='" + longTask + "'] [role=progressbar]"))
                .getAttribute("aria-valuetext")) != null);
        screenshot("overview.png");
        assertEveryControlIsLabelled();

        new Select(driver.findElement(By.id("filter-status"))).selectByValue("completed");
        until(30, d -> d.findElements(By.cssSelector("#task-list tr[data-task-id]")).stream()
                .allMatch(r -> "completed".equals(r.getAttribute("data-status")))
                && !d.findElements(By.cssSelector("#task-list tr[data-task-id]")).isEmpty());
        assertTrue(driver.getCurrentUrl().endsWith("#/?status=completed"), driver.getCurrentUrl());
        new Select(driver.findElement(By.id("filter-platform"))).selectByValue("naver");
        visible(By.cssSelector("#task-list .empty"));
    }

    @Test
    @Order(4)
    void aRunningTaskIsCancelledAfterConfirmationByKeyboard() {
        open("#/task/" + longTask);
        until(60, d -> "running".equals(taskStatus()));
        // Keyboard only: the Cancel button keeps the focus while the progress refreshes; Enter opens
        // the dialog, Escape keeps the task running.
        js("arguments[0].focus()", visible(By.id("cancel-task")));
        String script = "return document.querySelector('#view [role=progressbar]').getAttribute('aria-valuetext')";
        String progressBefore = (String) js(script);
        until(60, d -> !progressBefore.equals(js(script)));
        assertEquals("cancel-task", driver.switchTo().activeElement().getAttribute("id"), "focus survives a refresh");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        WebElement dialog = visible(By.id("confirm-dialog"));
        assertEquals("confirm-no", driver.switchTo().activeElement().getAttribute("id"), "the safe answer has the focus");
        driver.switchTo().activeElement().sendKeys(Keys.ESCAPE);
        until(10, d -> !dialog.isDisplayed());
        assertEquals("running", taskStatus());
        visible(By.id("cancel-task")).click();
        visible(By.id("confirm-yes")).click();
        until(60, d -> "cancelled".equals(taskStatus()));
        until(10, d -> d.findElement(By.cssSelector("#view h1 .status")).getText().contains("Cancelled"));
        assertTrue(driver.findElements(By.id("cancel-task")).isEmpty());
        visible(By.id("resume-task"));
    }

    @Test
    @Order(5)
    void aCancelledTaskIsResumedAndCompletes() {
        open("#/task/" + longTask);
        until(30, d -> "cancelled".equals(taskStatus()));
        visible(By.id("resume-task")).click();
        visible(By.cssSelector("#view .notice"));
        until(180, d -> "completed".equals(taskStatus()));
        WebElement bar = driver.findElement(By.cssSelector("#view [role=progressbar]"));
        assertEquals(bar.getAttribute("aria-valuemax"), bar.getAttribute("aria-valuenow"));
        assertTrue(driver.findElements(By.id("resume-task")).isEmpty(), "a completed task cannot be resumed");
    }

    @Test
    @Order(6)
    void aBadRequestIsShownBesideItsFieldAndSecretsAreNotKept() {
        for (String platform : new String[] {"babitalk", "gangnamunni", "naver", ""}) {
            open(platform.isEmpty() ? "#/scrape" : "#/start/" + platform);
            visible(By.cssSelector("#view form"));
            assertEveryControlIsLabelled();
        }
        open("#/start/gangnamunni");
        WebElement gu = visible(By.id("start-form"));
        assertEquals(5, gu.findElements(By.cssSelector("input[name=categories]:checked")).size());
        assertFalse(gu.findElement(By.name("save_as_reviews")).isSelected());
        assertEquals("password", gu.findElement(By.name("token")).getAttribute("type"));
        open("#/start/naver");
        WebElement form = visible(By.id("start-form"));
        assertEquals("20", form.findElement(By.name("per_page")).getAttribute("value"));
        assertEquals("password", form.findElement(By.name("naver_cookies")).getAttribute("type"));
        form.findElement(By.name("cafe_id")).sendKeys("not-digits");
        form.findElement(By.name("naver_cookies")).sendKeys("NID_AUT=secret-cookie-value");
        form.findElement(By.id("start-submit")).click();
        WebElement error = visible(By.cssSelector("[data-field=cafe_id] .field-error"));
        assertTrue(error.getText().contains("cafe_id"), error.getText());
        WebElement input = form.findElement(By.name("cafe_id"));
        assertEquals("true", input.getAttribute("aria-invalid"));
        assertTrue(input.getAttribute("aria-describedby").contains(error.getAttribute("id")), "the error describes the input");
        assertEquals(input, driver.switchTo().activeElement(), "the field in error has the focus");
        String stored = (String) js("return JSON.stringify(Object.assign({}, localStorage, sessionStorage))");
        assertFalse(stored.contains("secret-cookie-value"), stored);

        open("#/start/babitalk");
        WebElement babitalk = visible(By.id("start-form"));
        setValue(babitalk.findElement(By.name("target_date")), "2999-01-01");
        babitalk.findElement(By.id("start-submit")).click();
        assertTrue(visible(By.cssSelector("[data-field=target_date] .field-error")).getText().contains("future"));
        setValue(babitalk.findElement(By.name("target_date")), SourceFixtures.TARGET_DATE);
        babitalk.findElements(By.cssSelector("input[name=categories]:checked")).forEach(WebElement::click);
        babitalk.findElement(By.id("start-submit")).click();
        assertTrue(visible(By.cssSelector("[data-field=categories] .field-error")).getText().contains("categories"));
        assertTrue(driver.findElement(By.cssSelector("[data-field=target_date] .field-error")).getText().isEmpty(),
                "the earlier error is gone");
    }

    @Test
    @Order(7)
    void aScrapeOfALoopbackProductPageShowsItsPriceOnTheCard() throws Exception {
        open("#/scrape");
        WebElement form = visible(By.id("scrape-form"));
        String url = shop.origin() + "/products/trail-runner";
        form.findElement(By.name("url")).sendKeys(url);
        form.findElement(By.id("scrape-submit")).click();
        WebElement price = visible(By.id("product-price"));
        assertEquals("$129.90", price.getText());
        assertEquals("Trail Runner 2", driver.findElement(By.id("product-title")).getText());
        String card = driver.findElement(By.cssSelector("article.product")).getText();
        assertTrue(card.contains("Acme") && card.contains("TR-2") && card.contains("In Stock"), card);
        assertTrue(card.contains("4.6 / 5"), card);
        WebElement raw = driver.findElement(By.cssSelector("details.raw"));
        raw.findElement(By.tagName("summary")).click();
        assertTrue(raw.findElement(By.tagName("pre")).getText().contains("\"raw_data\""));
        until(30, d -> d.findElement(By.id("my-scrapes")).getText().contains(url));
        screenshot("scrape.png");
        // A refused address is a 400 beside the url field.
        open("#/scrape");
        WebElement again = visible(By.id("scrape-form"));
        again.findElement(By.name("url")).sendKeys("http://127.0.0.1/admin");
        again.findElement(By.id("scrape-submit")).click();
        assertFalse(visible(By.cssSelector("[data-field=url] .field-error")).getText().isEmpty());
    }

    @Test
    @Order(8)
    void koreanOnANarrowScreenStillFitsAndWorks() throws IOException {
        driver.manage().window().setSize(new Dimension(375, 812));
        try {
            open("#/");
            new Select(driver.findElement(By.id("lang"))).selectByValue("ko");
            until(10, d -> d.findElement(By.cssSelector("[data-nav=overview]")).getText().equals("개요"));
            visible(By.id("slots"));
            until(30, d -> !d.findElements(By.cssSelector("#task-list tr[data-task-id]")).isEmpty());
            assertEquals("ko", js("return document.documentElement.lang"));
            assertTrue((Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth"),
                    "no sideways scrolling at 375 px");
            screenshot("overview-ko-375.png");
            for (String page : new String[] {"#/start/naver", "#/scrape", "#/task/" + completedTask}) {
                open(page);
                visible(By.cssSelector("#view h1"));
                until(10, d -> (Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth"));
            }
            until(30, d -> !d.findElements(By.cssSelector("#records tbody tr[data-source-id]")).isEmpty());
            assertTrue((Boolean) js("return document.documentElement.scrollWidth <= window.innerWidth"),
                    "the records table folds into cards at 375 px");
            screenshot("task-ko-375.png");
            // And back: the switch goes both ways, and the choice is remembered.
            assertEquals("ko", js("return localStorage.getItem('gleaner.lang')"));
            new Select(driver.findElement(By.id("lang"))).selectByValue("en");
            until(10, d -> d.findElement(By.cssSelector("[data-nav=overview]")).getText().equals("Overview"));
            js("localStorage.removeItem('gleaner.lang')");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    @Order(9)
    void aDeepLinkToAnUnknownOrExpiredTaskSaysSo() {
        String id = "0f0e0d0c-0b0a-4908-8706-050403020100";
        open("#/task/" + id);
        WebElement error = visible(By.id("task-error"));
        assertTrue(error.getText().contains(id) && error.getText().contains("24 h"), error.getText());
        assertTrue(driver.findElements(By.id("cancel-task")).isEmpty());
        open("#/scrape/" + id);
        assertTrue(visible(By.cssSelector("#scrape-result .alert")).getText().contains(id));
    }


    @Test
    @Order(10)
    void withAnApiKeyThePageLoadsFreelyAndAsksForTheKeyOnceForTheTab() throws Exception {
        String key = "console-key-" + UUID.randomUUID();
        try (LocalRunner keyed = LocalRunner.start(new LocalOptions("127.0.0.1", 0, null).withApiKey(key),
                new LocalRunner.Overrides(RealSources.at(sources), null))) {
            String page = keyed.baseUrl();
            assertEquals(200, HTTP.send(HttpRequest.newBuilder(URI.create(page + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode(), "the console needs no key");
            assertEquals(403, HTTP.send(HttpRequest.newBuilder(URI.create(page + "/api/v1/async-collection/status/summary"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode(), "its data does");

            driver.get(page + "/");
            WebElement input = visible(By.id("key-input"));
            assertEquals("password", input.getAttribute("type"));
            screenshot("api-key.png");
            input.sendKeys("not-the-key", Keys.ENTER);
            until(30, d -> d.findElement(By.id("key-message")).getText().contains("refused")
                    && d.findElement(By.id("key-dialog")).isDisplayed());
            WebElement again = driver.findElement(By.id("key-input"));
            again.clear();
            again.sendKeys(key, Keys.ENTER);
            until(30, d -> d.findElement(By.id("slots")).getText().matches("[0-9]+ / 10 running"));
            assertFalse(driver.findElement(By.id("key-dialog")).isDisplayed());
            assertEquals(key, js("return sessionStorage.getItem('gleaner.apiKey')"), "kept for this tab");
            assertFalse(String.valueOf(js("return JSON.stringify(localStorage)")).contains(key), "and nowhere else");

            // A reload in the same tab asks nothing; the data calls carry the key.
            driver.navigate().refresh();
            until(30, d -> "true".equals(js("return document.documentElement.dataset.ready")));
            until(30, d -> d.findElement(By.id("slots")).getText().matches("[0-9]+ / 10 running"));
            assertFalse(driver.findElement(By.id("key-dialog")).isDisplayed());
            js("sessionStorage.removeItem('gleaner.apiKey')");
        }
    }


    @Test
    @Order(11)
    void aCollectedPostOpensItsComments() throws Exception {
        String id = post("/api/v1/async-collection/gangnamunni/start", "{\"target_date\": \"" + SourceFixtures.TARGET_DATE
                + "\", \"categories\": [\"hospital_question\"]}").path("task_id").asText();
        open("#/task/" + id);
        until(60, d -> "completed".equals(taskStatus()));
        WebElement row = visible(By.cssSelector("#records tr[data-source-id='4419']"));
        WebElement toggle = row.findElement(By.cssSelector("button[aria-controls]"));
        assertEquals("false", toggle.getAttribute("aria-expanded"));
        WebElement comments = driver.findElement(By.id(toggle.getAttribute("aria-controls")));
        assertFalse(comments.isDisplayed());
        toggle.sendKeys(Keys.ENTER);
        until(10, d -> comments.isDisplayed());
        assertEquals("true", toggle.getAttribute("aria-expanded"));
        assertEquals(2, comments.findElements(By.tagName("li")).size(), comments.getText());
        toggle.click();
        until(10, d -> !comments.isDisplayed());
    }

}
