package dev.gleaner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.api.Endpoints;
import dev.gleaner.cli.api.ApiPaths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every address the command line calls is an endpoint of the API (Endpoints.ALL, which Routes binds). */
class ApiPathsTest {
    @Test
    void everyPathTheCliCallsIsARoute() {
        Map<String, List<String>> calls = Map.of(
                "POST", List.of(ApiPaths.start("babitalk"), ApiPaths.scrape()),
                "GET", List.of(ApiPaths.task("t-1"), ApiPaths.tasks(), ApiPaths.summary(), ApiPaths.items("t-1"),
                        ApiPaths.records(), ApiPaths.scrapeStatus("t-1"), ApiPaths.scrapeResult("t-1")),
                "DELETE", List.of(ApiPaths.task("t-1")));
        calls.forEach((method, paths) -> paths.forEach(path ->
                assertTrue(Endpoints.match(method, path).found(), method + " " + path + " is not in Endpoints.ALL")));
    }

    @Test
    void idsAreOnePathSegmentWhateverTheyHold() {
        assertEquals("/api/v1/async-collection/task/a%2Fb%20c", ApiPaths.task("a/b c"));
    }
}
