package dev.gleaner.checks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.aws.tables.TestTables;
import dev.gleaner.checks.aws.AwsCall;
import dev.gleaner.checks.aws.RecordingAws;
import dev.gleaner.checks.lambda.IsolatedFunction;
import dev.gleaner.checks.template.Intrinsics;
import dev.gleaner.checks.template.SamTemplate;
import dev.gleaner.core.config.Env;
import dev.gleaner.embedded.EmbeddedDynamo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * template.yaml deployed on this machine, as far as that goes without AWS: each table the template
 * declares is a DynamoDB Local table (created from the code's TableDefinitions), every other AWS API
 * is {@link RecordingAws}, the sources and callback receivers are a {@link FixtureServer}, and each
 * function runs from its CodeUri jar in an {@link IsolatedFunction} with exactly the environment
 * the template gives it (plus the local-only variables below).
 */
final class LocalDeployment {
    static final String STACK = "gleaner";

    /** The env var that names each table, and the TestTables table standing for it. */
    private static final List<String> TABLE_VARIABLES = List.of(Env.TASKS_TABLE, Env.SEMAPHORE_TABLE,
            Env.RECORDS_TABLE, Env.SCRAPE_TABLE);

    /**
     * Variables whose absence on AWS is right: their defaults are the live sources and production
     * behaviour. Only this local deployment sets them (loopback sources, no politeness delays).
     */
    static final Set<String> LOCAL_ONLY = Set.of(Env.DELAY_FACTOR, Env.BABITALK_API_URL,
            Env.GANGNAMUNNI_URL, Env.GANGNAMUNNI_REVIEWS_URL, Env.NAVER_CAFE_API_URL,
            Env.NAVER_CAFE_ARTICLE_URL, Env.ALLOW_LOOPBACK_FETCH);

    /** Set by the Lambda configuration for the JVM, never read by Gleaner's code. */
    static final Set<String> RUNTIME_ONLY = Set.of("JAVA_TOOL_OPTIONS");

    static final String CALLBACK_KEY = "test-callback-signing-key";
    static final String NAVER_COOKIES = "NID_AUT=scheduled-aut; NID_SES=scheduled-ses";
    static final String GANGNAMUNNI_TOKEN = "scheduled-gangnamunni-token";

    private static LocalDeployment shared;

    final SamTemplate template;
    final TestTables tables;
    final RecordingAws aws;
    final FixtureServer fixtures;
    final Intrinsics intrinsics;
    /** Table logical id to the DynamoDB Local table standing for it. */
    final Map<String, String> tableNames;
    private final Map<String, IsolatedFunction> functions = new ConcurrentHashMap<>();

    private LocalDeployment(Map<String, String> parameters) throws IOException {
        template = SamTemplate.load(Repo.template());
        tables = TestTables.create();
        aws = RecordingAws.start(EmbeddedDynamo.shared().endpoint());
        fixtures = new FixtureServer();
        tableNames = tableNames(template, tables);
        intrinsics = new Intrinsics(template, parameters, STACK, new Bindings());
        aws.putSecret(intrinsics.parameter("CallbackSecretName"), CALLBACK_KEY);
        aws.putSecret(intrinsics.parameter("NaverCookiesSecretName"), NAVER_COOKIES);
        aws.putSecret(intrinsics.parameter("GangnamunniTokenSecretName"), GANGNAMUNNI_TOKEN);
        // The seeding code in this JVM validates callback and page URLs on the fixture server.
        Env.override(Map.of(Env.ALLOW_LOOPBACK_FETCH, "true", Env.DELAY_FACTOR, "0"));
    }

    /** The deployment with every parameter at its default, shared by the tests of this JVM. */
    static synchronized LocalDeployment shared() {
        if (shared == null) {
            shared = withParameters(Map.of());
        }
        return shared;
    }

    /** Another deployment of the same template, with some parameters given (its own tables and stand-ins). */
    static LocalDeployment withParameters(Map<String, String> parameters) {
        LocalDeployment d;
        try {
            d = new LocalDeployment(parameters);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(d::close, "local-deployment-stop"));
        return d;
    }

    /** TASKS_TABLE: !Ref TasksTable (in any function) makes TasksTable the tasks table; one meaning per variable. */
    private static Map<String, String> tableNames(SamTemplate template, TestTables tables) {
        Map<String, String> physical = Map.of(Env.TASKS_TABLE, tables.tasks(), Env.SEMAPHORE_TABLE, tables.semaphore(),
                Env.RECORDS_TABLE, tables.records(), Env.SCRAPE_TABLE, tables.scrape());
        Map<String, String> out = new TreeMap<>();
        for (String fn : template.functionIds()) {
            JsonNode vars = template.functionProperties(fn).path("Environment").path("Variables");
            for (String variable : TABLE_VARIABLES) {
                JsonNode v = vars.get(variable);
                if (v == null) {
                    continue;
                }
                String table = v.path("Ref").asText(null);
                if (table == null || !"AWS::DynamoDB::Table".equals(template.type(table))) {
                    throw new IllegalStateException(fn + ": " + variable + " must be !Ref to a table, is " + v);
                }
                String before = out.put(table, physical.get(variable));
                if (before != null && !before.equals(physical.get(variable))) {
                    throw new IllegalStateException(table + " is named by two different variables");
                }
            }
        }
        return out;
    }

    /** What each resource stands for here: local tables, the recording stand-in's queues, plain ARNs. */
    private final class Bindings implements Intrinsics.Bindings {
        @Override
        public String ref(String id) {
            if (id.contains(".")) {
                return id.replace('.', '-'); // SAM's generated resources, e.g. GleanerApi.ApiKey
            }
            String type = template.type(id);
            return switch (type) {
                case "AWS::DynamoDB::Table" -> table(id);
                case "AWS::SQS::Queue" -> aws.queueUrl(id);
                case "AWS::Serverless::StateMachine" -> stateMachineArn(id);
                default -> id;
            };
        }

        @Override
        public String getAtt(String id, String attribute) {
            String type = template.type(id);
            String arn = ":" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":";
            return switch (type + "." + attribute) {
                case "AWS::DynamoDB::Table.Arn" -> RecordingAws.tableArn(table(id));
                case "AWS::SQS::Queue.Arn" -> RecordingAws.queueArn(id);
                case "AWS::SQS::Queue.QueueName" -> id;
                case "AWS::SQS::Queue.QueueUrl" -> aws.queueUrl(id);
                case "AWS::Serverless::StateMachine.Arn" -> stateMachineArn(id);
                case "AWS::Serverless::StateMachine.Name" -> id;
                case "AWS::Serverless::Function.Arn" -> "arn:aws:lambda" + arn + "function:" + id;
                case "AWS::Logs::LogGroup.Arn" -> "arn:aws:logs" + arn + "log-group:" + id + ":*";
                case "AWS::IAM::Role.Arn" -> "arn:aws:iam::" + Intrinsics.ACCOUNT + ":role/" + id;
                default -> throw new IllegalArgumentException("no value for Fn::GetAtt " + id + "." + attribute
                        + " (" + type + ") in the local deployment");
            };
        }

        private String table(String id) {
            String name = tableNames.get(id);
            if (name == null) {
                throw new IllegalStateException("table " + id + " is not named by any of " + TABLE_VARIABLES);
            }
            return name;
        }
    }

    static String stateMachineArn(String id) {
        return "arn:aws:states:" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT + ":stateMachine:" + id;
    }

    /** The function's properties with Globals applied and every intrinsic evaluated. */
    JsonNode properties(String function) {
        return intrinsics.resolve(template.functionProperties(function));
    }

    /** The environment the template gives a function. */
    Map<String, String> environment(String function) {
        Map<String, String> env = new TreeMap<>();
        JsonNode vars = properties(function).path("Environment").path("Variables");
        for (Iterator<Map.Entry<String, JsonNode>> it = vars.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            env.put(e.getKey(), e.getValue().asText());
        }
        return env;
    }

    Path codeUri(String function) {
        return Repo.root().resolve(properties(function).path("CodeUri").asText());
    }

    /** The function, loaded once from its jar, with the template's environment and the local-only variables. */
    IsolatedFunction function(String id) {
        return functions.computeIfAbsent(id, fn -> {
            JsonNode props = properties(fn);
            Map<String, String> env = new LinkedHashMap<>(environment(fn));
            env.put(Env.DELAY_FACTOR, "0");
            for (String source : List.of(Env.BABITALK_API_URL, Env.GANGNAMUNNI_URL,
                    Env.GANGNAMUNNI_REVIEWS_URL, Env.NAVER_CAFE_API_URL,
                    Env.NAVER_CAFE_ARTICLE_URL)) {
                env.put(source, fixtures.origin());
            }
            env.put(Env.ALLOW_LOOPBACK_FETCH, "true");
            Map<String, String> properties = Map.of(
                    "aws.endpointUrl", aws.endpointFor(fn),
                    "aws.accessKeyId", "local",
                    "aws.secretAccessKey", "local",
                    "aws.region", Intrinsics.REGION);
            try {
                return IsolatedFunction.load(fn, codeUri(fn), props.path("Handler").asText(), env, properties,
                        props.path("Timeout").asInt(3), props.path("MemorySize").asInt(128));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Runs one event through a function; the answer and the AWS calls it made. */
    Invocation invoke(String function, String eventJson) {
        int before = aws.callsBy(function).size();
        IsolatedFunction.Result result = function(function).invoke(eventJson);
        List<AwsCall> calls = aws.callsBy(function);
        return new Invocation(function, result, calls.subList(before, calls.size()));
    }

    record Invocation(String function, IsolatedFunction.Result result, List<AwsCall> calls) {}

    private boolean closed;

    /** Idempotent: a test may close it early, the shutdown hook closes it again. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (IsolatedFunction f : functions.values()) {
            try {
                f.close();
            } catch (IOException e) {
                // shutting down
            }
        }
        aws.close();
        fixtures.close();
    }
}
