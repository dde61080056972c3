package dev.gleaner.asl;

import static dev.gleaner.asl.Asl.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathTest {
    private static final JsonNode INPUT = json("{\"a\":{\"b\":[10,{\"c\":\"x\"}]},\"odd key\":1,\"n\":null}");
    private static final EvalContext CTX = Asl.context("{\"in\":true}");

    private static JsonNode find(String path) throws Exception {
        return Path.parse(path).find(INPUT, CTX);
    }

    @Test
    void selectsFieldsIndexesAndQuotedNames() throws Exception {
        assertEquals(INPUT, find("$"));
        assertEquals(json("10"), find("$.a.b[0]"));
        assertEquals(json("\"x\""), find("$.a.b[1].c"));
        assertEquals(json("\"x\""), find("$['a']['b'][1]['c']"));
        assertEquals(json("1"), find("$['odd key']"));
        assertEquals(json("null"), find("$.n"), "a JSON null is present, not missing");
    }

    @Test
    void missingNodesAreNull() throws Exception {
        assertNull(find("$.nope"));
        assertNull(find("$.a.b[5]"));
        assertNull(find("$.a.b.c"), "a field of an array does not exist");
        assertNull(find("$.n.x"));
    }

    @Test
    void contextObjectPaths() throws Exception {
        assertEquals("arn:aws:states:local:000000000000:execution:SM:ex1", Path.parse("$$.Execution.Id").find(INPUT, CTX).textValue());
        assertEquals("ex1", Path.parse("$$.Execution.Name").find(INPUT, CTX).textValue());
        assertEquals("2025-01-02T03:04:05.678Z", Path.parse("$$.Execution.StartTime").find(INPUT, CTX).textValue());
        assertEquals(json("{\"in\":true}"), Path.parse("$$.Execution.Input").find(INPUT, CTX));
        assertEquals("MyState", Path.parse("$$.State.Name").find(INPUT, CTX).textValue());
        assertEquals("2025-01-02T03:04:06.000Z", Path.parse("$$.State.EnteredTime").find(INPUT, CTX).textValue());
        assertEquals(2, Path.parse("$$.State.RetryCount").find(INPUT, CTX).intValue());
        assertEquals("arn:aws:states:local:000000000000:stateMachine:SM", Path.parse("$$.StateMachine.Id").find(INPUT, CTX).textValue());
        assertNull(Path.parse("$$.Map.Item.Index").find(INPUT, CTX), "$$.Map exists only in ItemSelector");
        EvalContext item = CTX.withMapItem(3, json("\"v\""));
        assertEquals(3, Path.parse("$$.Map.Item.Index").find(INPUT, item).intValue());
        assertEquals("v", Path.parse("$$.Map.Item.Value").find(INPUT, item).textValue());
    }

    @Test
    void evaluateReportsMissingPathAsStatesRuntime() throws Exception {
        StatesError e = assertThrows(StatesError.class, () -> Path.parse("$.nope").evaluate(INPUT, CTX));
        assertEquals("States.Runtime", e.error());
        assertTrue(e.cause().contains("$.nope"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$..a", "$.a[*]", "$.*", "$.a[?(@.b)]", "$.a[0:2]", "$.a[-1]", "$.a[0,1]"})
    void multiNodeJsonPathIsUnsupported(String text) {
        Path.PathException e = assertThrows(Path.PathException.class, () -> Path.parse(text));
        assertTrue(e.unsupported, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "", "$.", "$a", "$.a[", "$.a[x]", "$['a'", "$.a b"})
    void malformedPathsAreInvalid(String text) {
        Path.PathException e = assertThrows(Path.PathException.class, () -> Path.parse(text));
        assertFalse(e.unsupported, e.getMessage());
    }

    @Test
    void setIntoCopiesAndCreatesIntermediateObjects() throws Exception {
        JsonNode input = json("{\"a\":1,\"b\":{\"c\":2}}");
        assertEquals(json("{\"a\":1,\"b\":{\"c\":2},\"x\":{\"y\":true}}"), Path.parse("$.x.y").setInto(input, json("true")));
        assertEquals(json("{\"a\":1,\"b\":{\"c\":3}}"), Path.parse("$.b.c").setInto(input, json("3")));
        assertEquals(json("{\"a\":1,\"b\":{\"c\":2}}"), input, "the original is untouched");
        assertEquals(json("[1,9]"), Path.parse("$[1]").setInto(json("[1,2]"), json("9")));
        assertEquals(json("7"), Path.parse("$").setInto(input, json("7")));
    }

    @Test
    void setIntoNonObjectIsStatesRuntime() throws Exception {
        assertEquals("States.Runtime", assertThrows(StatesError.class,
                () -> Path.parse("$.a.x").setInto(json("{\"a\":1}"), json("2"))).error());
        assertEquals("States.Runtime", assertThrows(StatesError.class,
                () -> Path.parse("$.x").setInto(json("\"text\""), json("2"))).error());
        assertEquals("States.Runtime", assertThrows(StatesError.class,
                () -> Path.parse("$[3]").setInto(json("[1]"), json("2"))).error());
    }
}
