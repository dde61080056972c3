package dev.gleaner.asl;

import static dev.gleaner.asl.Asl.json;
import static dev.gleaner.asl.Asl.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChoiceRuleTest {
    private static final String INPUT = q("{'s':'banana','n':10,'d':2.5,'b':true,'z':null,'t':'2025-01-15T07:45:01Z',"
            + "'t2':'2025-01-15T16:45:01+09:00','other':'banana','ten':10.0,'list':[1],'star':'a*b'}");

    private static boolean test(String singleQuotedRule) {
        ChoiceRule rule = ChoiceRule.compile(json(q(singleQuotedRule)), false, "C", "Choices[0]");
        return rule.test(json(INPUT), Asl.context(INPUT));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{'Variable':'$.s','StringEquals':'banana'}|true",
        "{'Variable':'$.s','StringEquals':'apple'}|false",
        "{'Variable':'$.n','StringEquals':'10'}|false",
        "{'Variable':'$.s','StringEqualsPath':'$.other'}|true",
        "{'Variable':'$.s','StringLessThan':'c'}|true",
        "{'Variable':'$.s','StringGreaterThan':'c'}|false",
        "{'Variable':'$.s','StringLessThanEquals':'banana'}|true",
        "{'Variable':'$.s','StringGreaterThanEqualsPath':'$.other'}|true",
        "{'Variable':'$.s','StringMatches':'ban*'}|true",
        "{'Variable':'$.s','StringMatches':'*nan*'}|true",
        "{'Variable':'$.s','StringMatches':'b*x'}|false",
        "{'Variable':'$.star','StringMatches':'a\\\\*b'}|true",
        "{'Variable':'$.s','StringMatches':'a\\\\*b'}|false",
        "{'Variable':'$.n','NumericEquals':10}|true",
        "{'Variable':'$.ten','NumericEquals':10}|true",
        "{'Variable':'$.n','NumericEqualsPath':'$.ten'}|true",
        "{'Variable':'$.d','NumericLessThan':3}|true",
        "{'Variable':'$.d','NumericGreaterThan':3}|false",
        "{'Variable':'$.n','NumericLessThanEquals':10}|true",
        "{'Variable':'$.n','NumericGreaterThanEquals':10.5}|false",
        "{'Variable':'$.n','NumericGreaterThanPath':'$.d'}|true",
        "{'Variable':'$.s','NumericEquals':10}|false",
        "{'Variable':'$.b','BooleanEquals':true}|true",
        "{'Variable':'$.b','BooleanEqualsPath':'$.b'}|true",
        "{'Variable':'$.n','BooleanEquals':true}|false",
        "{'Variable':'$.t','TimestampEquals':'2025-01-15T07:45:01Z'}|true",
        "{'Variable':'$.t','TimestampEqualsPath':'$.t2'}|true",
        "{'Variable':'$.t','TimestampLessThan':'2025-01-15T07:45:02Z'}|true",
        "{'Variable':'$.t','TimestampGreaterThan':'2025-01-15T07:45:02Z'}|false",
        "{'Variable':'$.t','TimestampLessThanEquals':'2025-01-15T07:45:01.000Z'}|true",
        "{'Variable':'$.t','TimestampGreaterThanEquals':'2024-12-31T23:59:59Z'}|true",
        "{'Variable':'$.s','TimestampEquals':'2025-01-15T07:45:01Z'}|false",
        "{'Variable':'$.z','IsNull':true}|true",
        "{'Variable':'$.s','IsNull':true}|false",
        "{'Variable':'$.s','IsNull':false}|true",
        "{'Variable':'$.s','IsPresent':true}|true",
        "{'Variable':'$.missing','IsPresent':true}|false",
        "{'Variable':'$.missing','IsPresent':false}|true",
        "{'Variable':'$.z','IsPresent':true}|true",
        "{'Variable':'$.n','IsNumeric':true}|true",
        "{'Variable':'$.s','IsNumeric':false}|true",
        "{'Variable':'$.s','IsString':true}|true",
        "{'Variable':'$.b','IsBoolean':true}|true",
        "{'Variable':'$.t','IsTimestamp':true}|true",
        "{'Variable':'$.s','IsTimestamp':true}|false",
        "{'Variable':'$$.Execution.Name','StringEquals':'ex1'}|true",
        "{'And':[{'Variable':'$.n','NumericEquals':10},{'Variable':'$.b','BooleanEquals':true}]}|true",
        "{'And':[{'Variable':'$.n','NumericEquals':10},{'Variable':'$.b','BooleanEquals':false}]}|false",
        "{'Or':[{'Variable':'$.n','NumericEquals':1},{'Variable':'$.b','BooleanEquals':true}]}|true",
        "{'Or':[{'Variable':'$.n','NumericEquals':1},{'Variable':'$.b','BooleanEquals':false}]}|false",
        "{'Not':{'Variable':'$.s','StringEquals':'banana'}}|false",
        "{'Not':{'Not':{'Variable':'$.s','StringEquals':'banana'}}}|true",
        "{'And':[{'Variable':'$.missing','IsPresent':true},{'Variable':'$.missing','NumericEquals':1}]}|false",
    })
    void evaluates(String rule, boolean expected) {
        assertEquals(expected, test(rule), rule);
    }

    @Test
    void missingVariableIsStatesRuntime() {
        StatesError e = assertThrows(StatesError.class, () -> test("{'Variable':'$.missing','StringEquals':'x'}"));
        assertEquals("States.Runtime", e.error());
        assertTrue(e.cause().contains("$.missing"));
        assertEquals("States.Runtime", assertThrows(StatesError.class,
                () -> test("{'Variable':'$.s','StringEqualsPath':'$.missing'}")).error());
        assertEquals("States.Runtime", assertThrows(StatesError.class,
                () -> test("{'Variable':'$.missing','IsNull':true}")).error());
    }

    @Test
    void wildcardPatterns() {
        assertTrue(ChoiceRule.wildcard("log-*.txt").matcher("log-2025.txt").matches());
        assertFalse(ChoiceRule.wildcard("log-*.txt").matcher("log-2025.txtx").matches());
        assertTrue(ChoiceRule.wildcard("a.b").matcher("a.b").matches());
        assertFalse(ChoiceRule.wildcard("a.b").matcher("axb").matches(), "regex characters are literal");
        assertTrue(ChoiceRule.wildcard("*").matcher("").matches());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "{'Variable':'$.s'}",
        "{'Variable':'$.s','StringEquals':'a','NumericEquals':1}",
        "{'StringEquals':'a'}",
        "{'Variable':'$.n','NumericEquals':'10'}",
        "{'Variable':'$.s','StringEquals':1}",
        "{'Variable':'$.t','TimestampEquals':'yesterday'}",
        "{'Variable':'$.z','IsNull':'yes'}",
        "{'And':[]}",
        "{'And':[{'Variable':'$.n','NumericEquals':1,'Next':'X'}]}",
        "{'Variable':'s','StringEquals':'a'}",
    })
    void invalidRules(String rule) {
        assertThrows(InvalidDefinitionException.class, () -> ChoiceRule.compile(json(q(rule)), false, "C", "Choices[0]"));
    }

    @Test
    void unknownOperatorsAndJsonataAreUnsupported() {
        UnsupportedFeatureException e = assertThrows(UnsupportedFeatureException.class,
                () -> ChoiceRule.compile(json(q("{'Variable':'$.s','StringContains':'a'}")), true, "C", "Choices[0]"));
        assertTrue(e.getMessage().contains("StringContains"), e.getMessage());
        assertEquals("C", e.stateName());
        assertThrows(UnsupportedFeatureException.class,
                () -> ChoiceRule.compile(json(q("{'Condition':'{% $x %}'}")), true, "C", "Choices[0]"));
    }
}
