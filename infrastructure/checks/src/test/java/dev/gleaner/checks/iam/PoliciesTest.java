package dev.gleaner.checks.iam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gleaner.checks.template.CfnYaml;
import dev.gleaner.checks.template.Intrinsics;
import dev.gleaner.checks.template.SamTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoliciesTest {
    private static final String TEMPLATE = """
            Parameters:
              Translate: {Type: String, Default: 'false'}
            Conditions:
              On: !Equals [!Ref Translate, 'true']
            Resources:
              Tasks: {Type: AWS::DynamoDB::Table}
              F:
                Type: AWS::Serverless::Function
                Properties:
                  Policies:
                    - DynamoDBCrudPolicy: {TableName: !Ref Tasks}
                    - Statement:
                        - Effect: Allow
                          Action: secretsmanager:GetSecretValue
                          Resource: !Sub arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:app/key-??????
                    - !If [On, {Statement: [{Effect: Allow, Action: translate:TranslateText, Resource: '*'}]}, !Ref AWS::NoValue]
            """;

    private final SamTemplate template = SamTemplate.of(CfnYaml.parse(TEMPLATE));

    private List<Statement> expand(Map<String, String> parameters) {
        Intrinsics i = new Intrinsics(template, parameters, "s", new Intrinsics.Bindings() {
            @Override
            public String ref(String id) {
                return "tasks-table";
            }

            @Override
            public String getAtt(String id, String attribute) {
                throw new UnsupportedOperationException();
            }
        });
        return FunctionPolicies.expand(template.functionProperties("F").path("Policies"), i);
    }

    @Test
    void samPolicyTemplatesExpandToTheirStatementsOnTheNamedTable() {
        List<Statement> s = expand(Map.of());
        assertEquals(2, s.size(), "the Fn::If entry is gone while the condition is false");
        String table = "arn:aws:dynamodb:us-east-1:" + Intrinsics.ACCOUNT + ":table/tasks-table";
        assertTrue(s.get(0).allows("dynamodb:GetItem", table));
        assertTrue(s.get(0).allows("dynamodb:Query", table + "/index/by_status"));
        assertFalse(s.get(0).allows("dynamodb:GetItem", table + "-other"));
        assertEquals(Set.of("dynamodb:read", "dynamodb:write", "dynamodb:delete", "dynamodb:conditioncheck"),
                AccessClasses.granted(s.get(0)), "Crud is more than reads and writes");
        assertEquals(table, AccessClasses.resourceKey(table + "/index/*"));
    }

    @Test
    void secretsManagerSuffixWildcardMatchesTheSixCharacters() {
        Statement secret = expand(Map.of()).get(1);
        String arn = "arn:aws:secretsmanager:us-east-1:" + Intrinsics.ACCOUNT + ":secret:app/key-";
        assertTrue(secret.allows("secretsmanager:GetSecretValue", arn + "Ab12Cd"));
        assertFalse(secret.allows("secretsmanager:GetSecretValue", arn + "Ab12C"), "? is exactly one character");
        assertFalse(secret.allows("secretsmanager:GetSecretValue", arn.replace("app/key", "app/keys") + "Ab12Cd"));
    }

    @Test
    void conditionalPoliciesFollowTheirParameter() {
        List<Statement> s = expand(Map.of("Translate", "true"));
        assertEquals(3, s.size());
        assertTrue(s.get(2).allows("translate:TranslateText", "*"));
        assertEquals(Set.of("translate:translate"), AccessClasses.granted(s.get(2)));
    }

    @Test
    void managedPoliciesAreRefused() {
        SamTemplate t = SamTemplate.of(CfnYaml.parse("""
                Resources:
                  F: {Type: AWS::Serverless::Function, Properties: {Policies: [AmazonDynamoDBFullAccess]}}
                """));
        assertThrows(IllegalArgumentException.class, () -> FunctionPolicies.expand(
                t.functionProperties("F").path("Policies"), new Intrinsics(t, Map.of(), "s", null)));
    }

    @Test
    void wildcardsFollowIam() {
        assertTrue(Statement.matches("sqs:sendmessage*", "sqs:sendmessagebatch"));
        assertTrue(Statement.matches("arn:aws:states:*:execution:machine:*", "arn:aws:states:x:execution:machine:id"));
        assertFalse(Statement.matches("arn:aws:states:*:execution:machine:*", "arn:aws:states:x:execution:machine2:id"));
    }
}
