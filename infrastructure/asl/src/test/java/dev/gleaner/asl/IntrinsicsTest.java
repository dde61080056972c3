package dev.gleaner.asl;

import static dev.gleaner.asl.Asl.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntrinsicsTest {
    private static final String INPUT = "{\"name\":\"Arnav\",\"template\":\"Hello, my name is {}.\","
            + "\"esc\":\"{\\\"foo\\\": \\\"bar\\\"}\",\"obj\":{\"foo\":\"bar\"},\"arr\":[1,2,2,\"x\",{\"k\":1}],"
            + "\"n\":5,\"csv\":\"1,2,3\",\"id\":123456,\"a\":{\"x\":1,\"y\":{\"z\":1}},\"b\":{\"y\":2,\"w\":3}}";

    private static JsonNode eval(String expression) throws Exception {
        return Intrinsics.parse(expression).evaluate(json(INPUT), Asl.context(INPUT));
    }

    private static StatesError failure(String expression) throws Exception {
        ValueExpr expr = Intrinsics.parse(expression);
        return assertThrows(StatesError.class, () -> expr.evaluate(json(INPUT), Asl.context(INPUT)));
    }

    /**
     * Format, Base64 and Hash. The Format string literals are what JSON yields after its own
     * unescaping, so \' \{ \} and \\ remain for the intrinsic to read.
     */
    static Stream<Arguments> textResults() {
        return Stream.of(
                Arguments.of("Hello, my name is Arnav.", "States.Format('Hello, my name is {}.', $.name)", null),
                Arguments.of("Hello, my name is Arnav.", "States.Format($.template, $.name)", null),
                Arguments.of("5 true null 1.5 x", "States.Format('{} {} {} {} {}', $.n, true, null, 1.5, 'x')", null),
                Arguments.of("ex1/MyState", "States.Format('{}/{}', $$.Execution.Name, $$.State.Name)", null),
                Arguments.of("no placeholders", "States.Format('no placeholders')", null),
                Arguments.of("it's {literal} \\ Arnav", "States.Format('it\\'s \\{literal\\} \\\\ {}', $.name)", null),
                Arguments.of("a,b", "States.Format('{}', 'a,b')", "a comma inside a string is not a separator"),
                Arguments.of("(x)", "States.Format('({})', 'x')", null),
                Arguments.of("RGF0YSB0byBlbmNvZGU=", "States.Base64Encode('Data to encode')", null),
                Arguments.of("Data to encode", "States.Base64Decode('RGF0YSB0byBlbmNvZGU=')", null),
                Arguments.of("aaff4a450a104cd177d28d18d74485e8cae074b7", "States.Hash('input data', 'SHA-1')", null));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("textResults")
    void textResults(String text, String expression, String why) throws Exception {
        assertEquals(text, eval(expression).textValue(), why);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "States.Format('{}', $.obj)",
        "States.StringToJson($.name)",
        "States.StringToJson($.n)",
        "States.ArrayGetItem($.arr, 1.5)",
        "States.ArrayLength($.name)",
        "States.ArrayRange(1, 5000, 1)",
        "States.ArrayPartition($.arr, 0)",
        "States.MathAdd($.n, 1.5)",
        "States.MathAdd($.name, 1)",
        "States.MathAdd(2147483648, 1)",
        "States.JsonMerge($.a, $.arr, false)",
        "States.Hash('x', 'SHA-3')",
        "States.Base64Decode('%%%')"})
    void runtimeErrors(String expression) throws Exception {
        assertEquals("States.Runtime", failure(expression).error());
    }

    @Test
    void formatArgumentErrors() throws Exception {
        assertTrue(failure("States.Format('{} {}', $.name)").cause().contains("placeholder"));
        assertTrue(failure("States.Format('{}', $.missing)").cause().contains("$.missing"));
    }

    @Test
    void jsonConversions() throws Exception {
        assertEquals(json("{\"foo\":\"bar\"}"), eval("States.StringToJson($.esc)"));
        assertEquals("{\"foo\":\"bar\"}", eval("States.JsonToString($.obj)").textValue());
        assertEquals(json("{\"foo\":\"bar\"}"), eval("States.StringToJson(States.JsonToString($.obj))"));
    }

    @Test
    void arrays() throws Exception {
        assertEquals(json("[123456]"), eval("States.Array($.id)"));
        assertEquals(json("[]"), eval("States.Array()"));
        assertEquals(json("[\"a\",1,-2.5,true,null,[1,2,2,\"x\",{\"k\":1}]]"), eval("States.Array('a', 1, -2.5, true, null, $.arr)"));
        assertEquals(5, eval("States.ArrayLength($.arr)").intValue());
        assertEquals(json("2"), eval("States.ArrayGetItem($.arr, 1)"));
        assertEquals(json("{\"k\":1}"), eval("States.ArrayGetItem($.arr, 4)"));
        assertTrue(eval("States.ArrayContains($.arr, 'x')").booleanValue());
        assertTrue(eval("States.ArrayContains($.arr, $.a.x)").booleanValue());
        assertTrue(eval("States.ArrayContains($.arr, 2.0)").booleanValue(), "numbers compare by value");
        assertFalse(eval("States.ArrayContains($.arr, 'nope')").booleanValue());
        assertEquals(json("[1,2,\"x\",{\"k\":1}]"), eval("States.ArrayUnique($.arr)"));
        assertEquals(json("[[1,2],[2,\"x\"],[{\"k\":1}]]"), eval("States.ArrayPartition($.arr, 2)"));
        assertEquals(json("[1,3,5,7,9]"), eval("States.ArrayRange(1, 9, 2)"));
        assertEquals(json("[3,2,1]"), eval("States.ArrayRange(3, 1, -1)"));
    }

    @Test
    void arrayErrors() throws Exception {
        assertTrue(failure("States.ArrayGetItem($.arr, 5)").cause().contains("out of bounds"));
    }

    @Test
    void mathAdd() throws Exception {
        assertEquals(json("6"), eval("States.MathAdd($.n, 1)"));
        assertEquals(json("4"), eval("States.MathAdd($.n, -1)"));
        assertEquals(json("-3"), eval("States.MathAdd(-1, -2)"));
    }

    @Test
    void stringSplitUsesEveryDelimiterCharacter() throws Exception {
        assertEquals(json("[\"1\",\"2\",\"3\"]"), eval("States.StringSplit($.csv, ',')"));
        assertEquals(json("[\"This\",\"is\",\"a\",\"test\",\"string\"]"),
                eval("States.StringSplit('This.is+a,test=string', '.+,=')"));
        assertEquals(json("[]"), eval("States.StringSplit('', ',')"));
        assertEquals(json("[\"abc\"]"), eval("States.StringSplit('abc', '')"));
    }

    @Test
    void jsonMergeIsShallow() throws Exception {
        assertEquals(json("{\"x\":1,\"y\":2,\"w\":3}"), eval("States.JsonMerge($.a, $.b, false)"));
        assertEquals(json("{\"x\":1,\"y\":{\"z\":1}}"), eval("States.JsonMerge($.a, States.StringToJson('\\{\\}'), false)"));
    }

    @Test
    void uuidIsVersion4AndDrivenByTheSeededRandom() throws Exception {
        String a = eval("States.UUID()").textValue();
        assertEquals(4, UUID.fromString(a).version());
        assertEquals(2, UUID.fromString(a).variant());
        assertEquals(a, eval("States.UUID()").textValue(), "same seed, same value");
        EvalContext ctx = Asl.context("{}");
        ValueExpr uuid = Intrinsics.parse("States.UUID()");
        assertNotEquals(uuid.evaluate(json("{}"), ctx).textValue(), uuid.evaluate(json("{}"), ctx).textValue());
    }


    @Test
    void nestedCalls() throws Exception {
        assertEquals("b", eval("States.ArrayGetItem(States.StringSplit(States.ArrayGetItem(States.StringSplit('x/a.b/y', '/'), 1), '.'), 1)").textValue());
        assertEquals(json("3"), eval("States.ArrayLength(States.Array(1, States.Array(2, 3), 'x'))"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"States.Format('{}', )", "States.Format('x'", "States.Format('x') trailing", "States.ArrayLength()",
        "States.UUID(1)", "States.Format('bad \\q escape')", "States.Format('open", "States.Format(foo)", "States.Format(01)",
        "States.JsonMerge($.a, $.b)"})
    void syntaxErrorsAreInvalid(String text) {
        Intrinsics.ParseException e = assertThrows(Intrinsics.ParseException.class, () -> Intrinsics.parse(text));
        assertFalse(e.unsupported, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"States.MathRandom(1, 10)", "States.NoSuchThing($.a)", "States.JsonMerge($.a, $.b, true)",
        "States.ArrayLength($.a[*])"})
    void unknownOrUnsupportedFunctionsAreRefused(String text) {
        Intrinsics.ParseException e = assertThrows(Intrinsics.ParseException.class, () -> Intrinsics.parse(text));
        assertTrue(e.unsupported, e.getMessage());
    }
}
