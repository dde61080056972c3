package dev.gleaner.checks.iam;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What least privilege tells apart. IAM grants actions, but a policy is only "more than needed" in
 * ways that matter: reading a table it only writes, deleting where it only updates, stopping
 * executions it only starts. So actions fall into classes (DynamoDB: read, write, delete, condition
 * check; elsewhere one class per action or family), and a function must be granted exactly the
 * classes its calls use, on exactly the resources they touch.
 */
public final class AccessClasses {
    private static final Map<String, String> CLASSES = Map.ofEntries(
            Map.entry("dynamodb:getitem", "dynamodb:read"),
            Map.entry("dynamodb:batchgetitem", "dynamodb:read"),
            Map.entry("dynamodb:query", "dynamodb:read"),
            Map.entry("dynamodb:scan", "dynamodb:read"),
            Map.entry("dynamodb:describetable", "dynamodb:read"),
            Map.entry("dynamodb:putitem", "dynamodb:write"),
            Map.entry("dynamodb:updateitem", "dynamodb:write"),
            Map.entry("dynamodb:batchwriteitem", "dynamodb:write"),
            Map.entry("dynamodb:deleteitem", "dynamodb:delete"),
            Map.entry("dynamodb:conditioncheckitem", "dynamodb:conditioncheck"),
            Map.entry("sqs:sendmessage", "sqs:send"),
            Map.entry("sqs:sendmessagebatch", "sqs:send"),
            Map.entry("sqs:receivemessage", "sqs:consume"),
            Map.entry("sqs:deletemessage", "sqs:consume"),
            Map.entry("sqs:deletemessagebatch", "sqs:consume"),
            Map.entry("sqs:changemessagevisibility", "sqs:consume"),
            Map.entry("sqs:changemessagevisibilitybatch", "sqs:consume"),
            Map.entry("sqs:getqueueattributes", "sqs:describe"),
            Map.entry("states:startexecution", "states:start"),
            Map.entry("states:stopexecution", "states:stop"),
            Map.entry("states:describeexecution", "states:describe"),
            Map.entry("secretsmanager:getsecretvalue", "secretsmanager:read"),
            Map.entry("secretsmanager:describesecret", "secretsmanager:describe"),
            Map.entry("translate:translatetext", "translate:translate"),
            Map.entry("lambda:invokefunction", "lambda:invoke"));

    private AccessClasses() {}

    /** The class of one action a call made. */
    public static String of(String action) {
        String a = action.toLowerCase(Locale.ROOT);
        return CLASSES.getOrDefault(a, a);
    }

    /** Every class a statement grants: the known actions its patterns match, and unknown patterns as themselves. */
    public static Set<String> granted(Statement statement) {
        Set<String> out = new LinkedHashSet<>();
        for (String pattern : statement.actions()) {
            String p = pattern.toLowerCase(Locale.ROOT);
            boolean known = false;
            for (Map.Entry<String, String> e : CLASSES.entrySet()) {
                if (Statement.matches(p, e.getKey())) {
                    out.add(e.getValue());
                    known = true;
                }
            }
            if (!known) {
                out.add(p);
            }
        }
        return out;
    }

    /**
     * The resource a grant is judged on: a DynamoDB index belongs to its table (SAM's DynamoDB
     * policy templates grant the table and its indexes together).
     */
    public static String resourceKey(String arnOrPattern) {
        int index = arnOrPattern.indexOf("/index/");
        return arnOrPattern.startsWith("arn:aws:dynamodb:") && index > 0 ? arnOrPattern.substring(0, index) : arnOrPattern;
    }
}
