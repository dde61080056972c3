package dev.gleaner.checks.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IntrinsicsTest {
    private static final String TEMPLATE = """
            AWSTemplateFormatVersion: '2010-09-09'
            Parameters:
              Stage: {Type: String, Default: prod}
              Flag: {Type: String, Default: 'true'}
              Secret: {Type: String, Default: app/key}
            Conditions:
              On: !Equals [!Ref Flag, 'true']
              Off: !Not [!Condition On]
              Both: !And [!Condition On, !Equals [!Ref Stage, prod]]
            Resources:
              Table:
                Type: AWS::DynamoDB::Table
              Fn:
                Type: AWS::Serverless::Function
                Properties:
                  Name: !Sub '${AWS::StackName}-${Stage}-${Table}'
                  Arn: !GetAtt Table.Arn
                  Escaped: !Sub '${!NotAVariable} ${Table.Arn}'
                  ListForm: !Sub ['${a}/${Secret}', {a: !Ref Table}]
                  Maybe: !If [Off, gone, !Ref AWS::NoValue]
                  Kept: !If [Both, yes, no]
                  Items: [one, !If [On, !Ref AWS::NoValue, x], three]
                  Second: !Select [1, !Split ['/', !Ref Secret]]
                  Json: !ToJsonString {platform: naver, cafe: !Ref Stage}
                  Joined: !Join ['-', [a, !Ref Stage]]
            """;

    private final SamTemplate template = SamTemplate.of(CfnYaml.parse(TEMPLATE));
    private final Intrinsics intrinsics = new Intrinsics(template, Map.of(), "stack", new Intrinsics.Bindings() {
        @Override
        public String ref(String id) {
            return "physical-" + id;
        }

        @Override
        public String getAtt(String id, String attribute) {
            return id + "." + attribute + "-value";
        }
    });

    @Test
    void shortFormTagsBecomeLongForms() {
        JsonNode p = template.resource("Fn").path("Properties");
        assertEquals("Table", p.path("Arn").path("Fn::GetAtt").path(0).asText());
        assertEquals("Arn", p.path("Arn").path("Fn::GetAtt").path(1).asText());
        assertEquals("On", template.root().path("Conditions").path("Off").path("Fn::Not").path(0).path("Condition").asText());
        assertEquals("2010-09-09", template.root().path("AWSTemplateFormatVersion").asText(), "dates stay strings");
    }

    @Test
    void evaluatesLikeADeployment() {
        JsonNode p = intrinsics.resolve(template.resource("Fn").path("Properties"));
        assertEquals("stack-prod-physical-Table", p.path("Name").asText());
        assertEquals("Table.Arn-value", p.path("Arn").asText());
        assertEquals("${NotAVariable} Table.Arn-value", p.path("Escaped").asText());
        assertEquals("physical-Table/app/key", p.path("ListForm").asText());
        assertFalse(p.has("Maybe"), "AWS::NoValue removes the property");
        assertEquals("yes", p.path("Kept").asText());
        assertEquals("[\"one\",\"three\"]", p.path("Items").toString(), "and the list item");
        assertEquals("key", p.path("Second").asText());
        assertEquals("{\"platform\":\"naver\",\"cafe\":\"prod\"}", p.path("Json").asText());
        assertEquals("a-prod", p.path("Joined").asText());
    }

    @Test
    void parametersCanBeGivenAndConditionsFollow() {
        Intrinsics off = new Intrinsics(template, Map.of("Flag", "false"), "stack", null);
        assertFalse(off.condition("On"));
        assertTrue(off.condition("Off"));
        assertThrows(IllegalArgumentException.class, () -> new Intrinsics(template, Map.of("Nope", "x"), "s", null));
    }

    @Test
    void unknownNamesAreErrorsNotGuesses() {
        assertThrows(IllegalArgumentException.class, () -> intrinsics.resolve(CfnYaml.parse("x: !Ref Missing")));
        assertThrows(IllegalArgumentException.class, () -> intrinsics.resolve(CfnYaml.parse("x: !Sub '${Missing}'")));
        assertThrows(IllegalArgumentException.class, () -> intrinsics.resolve(CfnYaml.parse("x: !GetAZs ''")));
    }

    @Test
    void duplicateKeysAreRefusedAsCloudFormationDoes() {
        assertThrows(RuntimeException.class, () -> CfnYaml.parse("a: 1\na: 2\n"));
    }

    @Test
    void globalsMergeUnderTheFunctionsOwnProperties() {
        SamTemplate t = SamTemplate.of(CfnYaml.parse("""
                Globals:
                  Function:
                    Timeout: 3
                    Environment: {Variables: {A: global, B: global}}
                Resources:
                  F:
                    Type: AWS::Serverless::Function
                    Properties:
                      Timeout: 30
                      Environment: {Variables: {B: own}}
                """));
        JsonNode p = t.functionProperties("F");
        assertEquals(30, p.path("Timeout").asInt());
        assertEquals("global", p.path("Environment").path("Variables").path("A").asText());
        assertEquals("own", p.path("Environment").path("Variables").path("B").asText());
    }
}
