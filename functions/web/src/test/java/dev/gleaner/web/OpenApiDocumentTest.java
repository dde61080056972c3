package dev.gleaner.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.api.Routes;
import dev.gleaner.core.json.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The document and the route table can never disagree; the checker the end-to-end tests use is not vacuous. */
class OpenApiDocumentTest {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
    private static final Pattern PARAM = Pattern.compile("\\{([^}]+)}");
    private final OpenApiContract contract = OpenApiContract.shared();
    private final JsonNode doc = contract.document();

    @Test
    void everyRouteIsAnOperationAndEveryOperationARoute() {
        Set<String> routes = new TreeSet<>();
        Routes.ALL.forEach(r -> routes.add(r.method() + " " + r.path()));
        Set<String> operations = new TreeSet<>();
        for (Iterator<String> it = doc.get("paths").fieldNames(); it.hasNext(); ) {
            String path = it.next();
            doc.get("paths").get(path).fieldNames().forEachRemaining(m -> {
                if (METHODS.contains(m)) {
                    operations.add(m.toUpperCase(Locale.ROOT) + " " + path);
                }
            });
        }
        Set<String> missing = new TreeSet<>(routes);
        missing.removeAll(operations);
        Set<String> extra = new TreeSet<>(operations);
        extra.removeAll(routes);
        assertTrue(missing.isEmpty() && extra.isEmpty(), "routes without an operation: " + missing
                + "; operations without a route: " + extra);
    }

    @Test
    void everyPathParameterIsDeclaredAndEveryOperationIsNamedOnce() {
        Set<String> ids = new HashSet<>();
        List<String> problems = new ArrayList<>();
        for (Iterator<String> it = doc.get("paths").fieldNames(); it.hasNext(); ) {
            String path = it.next();
            JsonNode item = doc.get("paths").get(path);
            for (Iterator<String> ms = item.fieldNames(); ms.hasNext(); ) {
                String m = ms.next();
                if (!METHODS.contains(m)) {
                    continue;
                }
                JsonNode op = item.get(m);
                if (!ids.add(op.path("operationId").asText())) {
                    problems.add(m + " " + path + ": operationId missing or repeated");
                }
                Set<String> declared = new HashSet<>();
                for (JsonNode list : List.of(item.path("parameters"), op.path("parameters"))) {
                    for (JsonNode p : list) {
                        JsonNode param = p.has("$ref") ? doc.at(p.get("$ref").asText().substring(1)) : p;
                        if (param.path("in").asText().equals("path")) {
                            declared.add(param.path("name").asText());
                        }
                    }
                }
                Matcher mt = PARAM.matcher(path);
                Set<String> inPath = new HashSet<>();
                while (mt.find()) {
                    inPath.add(mt.group(1));
                }
                if (!inPath.equals(declared)) {
                    problems.add(m + " " + path + ": path parameters " + inPath + " but declared " + declared);
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void theDocumentIsOpenApi31WithTheApiKeySchemeAndTheCallback() {
        assertEquals("3.1.0", doc.get("openapi").asText());
        assertEquals("x-api-key", doc.at("/components/securitySchemes/ApiKey/name").asText());
        assertEquals("header", doc.at("/components/securitySchemes/ApiKey/in").asText());
        JsonNode callback = doc.at("/paths/~1api~1v1~1async-collection~1{platform}~1start/post/callbacks/taskFinished");
        assertTrue(callback.has("{$request.body#/callback_url}"), callback.toString());
        Set<String> headers = new HashSet<>();
        callback.get("{$request.body#/callback_url}").at("/post/parameters").forEach(p -> headers.add(p.get("name").asText()));
        assertEquals(Set.of("X-Gleaner-Timestamp", "X-Gleaner-Delivery", "X-Gleaner-Signature"), headers);
    }

    @Test
    void everySchemaExampleMatchesItsSchema() {
        JsonNode schemas = doc.at("/components/schemas");
        int checked = 0;
        for (Iterator<String> it = schemas.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            JsonNode example = schemas.get(name).get("example");
            if (example != null) {
                contract.validate("example of " + name, name, Json.write(example));
                checked++;
            }
        }
        assertTrue(checked >= 8, "examples checked: " + checked);
    }

    @Test
    void theCheckerRejectsWhatTheDocumentDoesNotSay() {
        String task = "/api/v1/async-collection/task/0b6f4e2a-9c1d-4f7e-8a3b-5d2c1e0f9a87";
        contract.check("GET", task, 404, "application/json; charset=utf-8", "{\"error\": \"task x not found\"}");
        AssertionError wrongShape = assertThrows(AssertionError.class, () -> contract.check("GET", task, 200,
                "application/json", "{\"id\": \"0b6f4e2a-9c1d-4f7e-8a3b-5d2c1e0f9a87\", \"status\": \"done\"}"));
        assertTrue(wrongShape.getMessage().contains("CollectionTask"), wrongShape.getMessage());
        assertThrows(AssertionError.class, () -> contract.check("GET", task, 418, "application/json", "{}"),
                "an undocumented status");
        assertThrows(AssertionError.class, () -> contract.check("GET", task, 200, "text/html", "<p>"),
                "an undocumented content type");
        assertThrows(AssertionError.class, () -> contract.check("GET", task, 404, "application/json",
                "{\"error\": \"x\", \"stack\": \"at Foo\"}"), "errors carry error and field only");
        contract.check("PATCH", "/api/v1/async-collection/tasks", 405, "application/json", "{\"error\": \"no\"}");
        contract.check("GET", "/api/v1/async-collection/records?platform=babitalk", 200, "text/csv; charset=utf-8", "\uFEFFa\r\n");
    }
}
