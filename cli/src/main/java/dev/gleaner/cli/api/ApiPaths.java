package dev.gleaner.cli.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The API routes the command line calls (the server's table is {@code dev.gleaner.api.Endpoints};
 * ApiPathsTest checks that every path here matches one of its routes).
 */
public final class ApiPaths {
    public static final String COLLECTIONS = "/api/v1/async-collection";

    private ApiPaths() {}

    public static String start(String platform) {
        return COLLECTIONS + "/" + seg(platform) + "/start";
    }

    public static String task(String id) {
        return COLLECTIONS + "/task/" + seg(id);
    }

    public static String resume(String id) {
        return task(id) + "/resume";
    }

    public static String items(String id) {
        return task(id) + "/items";
    }

    public static String tasks() {
        return COLLECTIONS + "/tasks";
    }

    public static String summary() {
        return COLLECTIONS + "/status/summary";
    }

    public static String records() {
        return COLLECTIONS + "/records";
    }

    public static String scrape() {
        return "/scrape";
    }

    public static String scrapeStatus(String id) {
        return "/tasks/" + seg(id);
    }

    public static String scrapeResult(String id) {
        return scrapeStatus(id) + "/result";
    }

    /** One path segment, percent-encoded (a task id typed by hand may hold anything). */
    static String seg(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public static String query(String name, String value) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
