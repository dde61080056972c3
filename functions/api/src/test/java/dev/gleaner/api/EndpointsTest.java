package dev.gleaner.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.api.http.ApiHandler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link Routes} binds each {@link Endpoint} to one handler, the handler serves that endpoint, and
 * nothing in the Lambda code but the table itself refers to the table (the handlers once looked
 * themselves up in it, a cycle: the table imports every handler).
 */
class EndpointsTest {
    @Test
    void everyEndpointHasOneRouteAndItsHandlerServesIt() throws Exception {
        Set<Endpoint> bound = new HashSet<>();
        ApiContext context = new TestApi().context;
        for (Routes.Route r : Routes.ALL) {
            assertTrue(bound.add(r.endpoint()), r + " is bound twice");
            ApiHandler handler = (ApiHandler) r.handler().getConstructor(ApiContext.class).newInstance(context);
            assertEquals(r.endpoint(), handler.endpoint(), r.handler().getSimpleName() + " serves another endpoint");
        }
        assertEquals(Set.copyOf(Endpoints.ALL), bound);
    }

    @Test
    void noClassButTheTableRefersToIt() throws Exception {
        // A reference to a class is its name in the constant pool of the referring class file.
        byte[] name = "dev/gleaner/api/Routes".getBytes(StandardCharsets.UTF_8);
        Path classes = Path.of(Routes.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> referring = new ArrayList<>();
        int checked = 0;
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
                String file = classes.relativize(f).toString().replace('\\', '/');
                if (file.startsWith("dev/gleaner/api/Routes")) {
                    continue;
                }
                checked++;
                if (contains(Files.readAllBytes(f), name)) {
                    referring.add(file);
                }
            }
        }
        assertTrue(checked > 20, "read the handlers' classes: " + checked);
        assertTrue(referring.isEmpty(), "these refer to Routes (a handler knows its Endpoint only): " + referring);
    }

    @Test
    void aLocationIsTheEndpointsPathWithTheIdFilledIn() {
        assertEquals("/api/v1/async-collection/task/t-1", Endpoints.GET_TASK.at("t-1"));
        assertEquals("/tasks/t-1", Endpoints.SCRAPE_STATUS.at("t-1"));
        assertFalse(Endpoints.match("GET", Endpoints.GET_TASK.at("t-1")).allowedMethods().isEmpty());
        assertThrows(IllegalArgumentException.class, () -> Endpoints.GET_TASK.at());
        assertThrows(IllegalArgumentException.class, () -> Endpoints.LIST_TASKS.at("x"));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
