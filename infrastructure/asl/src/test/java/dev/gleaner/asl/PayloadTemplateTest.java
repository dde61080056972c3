package dev.gleaner.asl;

import static dev.gleaner.asl.Asl.json;
import static dev.gleaner.asl.Asl.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class PayloadTemplateTest {
    private static final String INPUT = q("{'id':7,'user':{'name':'kim'},'tags':['a','b']}");

    private static JsonNode eval(String template) throws Exception {
        return PayloadTemplate.compile("Parameters", json(q(template))).evaluate(json(INPUT), Asl.context(INPUT));
    }

    @Test
    void resolvesDollarKeysAtAnyDepthIncludingArrays() throws Exception {
        JsonNode out = eval("{'static':1,'id.$':'$.id','nested':{'name.$':'$.user.name','k':'v'},"
                + "'list':[{'first.$':'$.tags[0]'},2],'ctx.$':'$$.Execution.Name','fn.$':'States.ArrayLength($.tags)'}");
        assertEquals(json(q("{'static':1,'id':7,'nested':{'name':'kim','k':'v'},'list':[{'first':'a'},2],"
                + "'ctx':'ex1','fn':2}")), out);
    }

    @Test
    void wholeInputAndContext() throws Exception {
        assertEquals(json(q("{'all':" + INPUT + ",'input':" + INPUT + "}")), eval("{'all.$':'$','input.$':'$$.Execution.Input'}"));
    }

    @Test
    void constantTemplatesAreReturnedAsIs() throws Exception {
        assertEquals(json(q("{'a':[1,{'b':'$.not.a.path'}]}")), eval("{'a':[1,{'b':'$.not.a.path'}]}"));
    }

    @Test
    void missingPathIsStatesRuntimeNamingTheField() throws Exception {
        PayloadTemplate t = PayloadTemplate.compile("Parameters", json(q("{'x.$':'$.nope'}")));
        StatesError e = assertThrows(StatesError.class, () -> t.evaluate(json(INPUT), Asl.context(INPUT)));
        assertEquals("States.Runtime", e.error());
        assertTrue(e.cause().contains("'$.nope'") && e.cause().contains("'x.$'") && e.cause().contains("MyState"), e.cause());
    }

    @Test
    void failingIntrinsicIsStatesRuntime() throws Exception {
        PayloadTemplate t = PayloadTemplate.compile("Parameters", json(q("{'x.$':'States.ArrayGetItem($.tags, 9)'}")));
        assertEquals("States.Runtime", assertThrows(StatesError.class,
                () -> t.evaluate(json(INPUT), Asl.context(INPUT))).error());
    }

    @Test
    void definitionErrors() {
        assertFalse(assertThrows(PayloadTemplate.TemplateException.class,
                () -> PayloadTemplate.compile("Parameters", json(q("{'x.$':5}")))).unsupported);
        assertFalse(assertThrows(PayloadTemplate.TemplateException.class,
                () -> PayloadTemplate.compile("Parameters", json(q("{'x.$':'plain text'}")))).unsupported);
        assertFalse(assertThrows(PayloadTemplate.TemplateException.class,
                () -> PayloadTemplate.compile("Parameters", json(q("{'x.$':'$.a','x':1}")))).unsupported);
        assertFalse(assertThrows(PayloadTemplate.TemplateException.class,
                () -> PayloadTemplate.compile("Parameters", json("[1]"))).unsupported);
        PayloadTemplate.TemplateException e = assertThrows(PayloadTemplate.TemplateException.class,
                () -> PayloadTemplate.compile("Parameters", json(q("{'deep':{'x.$':'$.a[*]'}}"))));
        assertTrue(e.unsupported);
        assertEquals("Parameters.deep.x.$", e.field);
    }
}
