package dev.gleaner.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gleaner.api.Endpoints;
import dev.gleaner.api.Routes;
import dev.gleaner.api.schedule.ScheduledStartHandler;
import dev.gleaner.aws.tables.TableDefinitions;
import dev.gleaner.checks.events.EventPattern;
import dev.gleaner.checks.lambda.IsolatedFunction;
import dev.gleaner.checks.template.SamTemplate;
import dev.gleaner.collectors.CollectorOptions;
import dev.gleaner.core.config.Env;
import dev.gleaner.core.json.Json;
import dev.gleaner.core.metrics.Dimension;
import dev.gleaner.core.metrics.FailureCause;
import dev.gleaner.core.metrics.Metric;
import dev.gleaner.core.metrics.Metrics;
import dev.gleaner.core.metrics.SourceErrorKind;
import dev.gleaner.core.task.Platform;
import dev.gleaner.core.workflow.QueueLimits;
import dev.gleaner.scraper.worker.ScrapeDeadLetterHandler;
import dev.gleaner.scraper.worker.ScrapeWorkerHandler;
import dev.gleaner.web.StaticFileHandler;
import dev.gleaner.web.WebRoutes;
import dev.gleaner.workflow.WorkflowFunctions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;

/**
 * template.yaml read with its intrinsic tags and held against the code's own tables: the handlers in
 * the jars the build packages, {@link Routes#ALL}, {@link WorkflowFunctions} and the state machine
 * definition, {@link TableDefinitions}, the queue and schedule settings the code relies on. The
 * environment and IAM grants are checked against what the functions actually do, in
 * {@link DeployedFunctionsTest}.
 */
class TemplateTest {
    private final LocalDeployment d = LocalDeployment.shared();
    private final SamTemplate t = d.template;

    // ------------------------------------------------------------------ handlers and jars

    @Test
    void everyHandlerNamesAClassAndMethodThatExistInItsJar() throws Exception {
        List<String> problems = new ArrayList<>();
        for (String fn : t.functionIds()) {
            JsonNode props = d.properties(fn);
            String handler = props.path("Handler").asText();
            try (IsolatedFunction f = IsolatedFunction.load(fn, d.codeUri(fn), handler, Map.of(), Map.of(), 3, 128)) {
                Method m = f.resolveHandler();
                Class<?> cls = f.handlerClass();
                if (!Modifier.isPublic(cls.getModifiers()) || Modifier.isAbstract(cls.getModifiers())) {
                    problems.add(fn + ": " + cls.getName() + " must be a public concrete class");
                }
                cls.getConstructor(); // Lambda builds the handler through its public no-argument constructor
                if (!handler.endsWith("::" + m.getName())) {
                    problems.add(fn + ": " + handler + " resolved to " + m);
                }
            } catch (ReflectiveOperationException | IllegalArgumentException e) {
                problems.add(fn + ": " + handler + " is not in " + d.codeUri(fn).getFileName() + ": " + e);
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void everyCodeUriIsAJarTheBuildPackagesAndIsUpToDate() throws Exception {
        List<String> problems = new ArrayList<>();
        Map<Path, Long> sizes = new TreeMap<>();
        for (String fn : t.functionIds()) {
            String codeUri = d.properties(fn).path("CodeUri").asText();
            Matcher m = Pattern.compile("(.+)/target/([^/]+)\\.jar").matcher(codeUri);
            if (!m.matches()) {
                problems.add(fn + ": CodeUri " + codeUri + " is not a jar in a module's target/");
                continue;
            }
            Path module = Repo.root().resolve(m.group(1));
            if (!shadedFinalNames(module.resolve("pom.xml")).contains(m.group(2))) {
                problems.add(fn + ": " + m.group(1) + "/pom.xml does not shade a jar named " + m.group(2));
            }
            Path jar = Repo.root().resolve(codeUri);
            if (!Files.isRegularFile(jar)) {
                problems.add(fn + ": " + codeUri + " does not exist: run `mvn -B package -DskipTests` first");
                continue;
            }
            FileTime newest = newestClass(module.resolve("target/classes"));
            if (newest != null && Files.getLastModifiedTime(jar).compareTo(newest) < 0) {
                problems.add(fn + ": " + codeUri + " is older than " + m.group(1) + "/target/classes: run `mvn package`");
            }
            sizes.put(Repo.root().relativize(jar), Files.size(jar));
        }
        for (Path jar : sizes.keySet()) {
            try (JarFile j = new JarFile(Repo.root().resolve(jar).toFile())) {
                List<String> heavy = j.stream().map(e -> e.getName())
                        .filter(n -> n.startsWith("org/apache/http/") || n.startsWith("io/netty/")
                                || n.startsWith("software/amazon/awssdk/http/apache/")
                                || n.startsWith("software/amazon/awssdk/http/nio/netty/"))
                        .limit(3).toList();
                if (!heavy.isEmpty()) {
                    problems.add(jar + " carries an Apache or Netty HTTP client (" + heavy + "); Lambdas use UrlConnection");
                }
            }
        }
        sizes.forEach((jar, size) -> System.out.printf("lambda jar: %-50s %6.1f MB%n", jar, size / 1e6));
        sizes.forEach((jar, size) -> {
            if (size > MAX_LAMBDA_JAR_BYTES) {
                problems.add(jar + " is " + size / 1_000_000.0 + " MB, over the " + MAX_LAMBDA_JAR_BYTES / 1_000_000
                        + " MB budget (issue 14): see the lambda-jar execution in the parent pom for what is left out");
            }
        });
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    /** Issue 14: each Lambda jar stays at most 15 MB (smaller uploads and faster cold-start class loading). */
    static final long MAX_LAMBDA_JAR_BYTES = 15_000_000;

    private static Set<String> shadedFinalNames(Path pom) throws Exception {
        var doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
        Set<String> names = new TreeSet<>();
        NodeList plugins = doc.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            NodeList ids = plugin.getElementsByTagName("artifactId");
            if (ids.getLength() > 0 && ids.item(0).getTextContent().trim().equals("maven-shade-plugin")) {
                NodeList finals = plugin.getElementsByTagName("finalName");
                for (int k = 0; k < finals.getLength(); k++) {
                    names.add(finals.item(k).getTextContent().trim());
                }
            }
        }
        return names;
    }

    private static FileTime newestClass(Path classes) throws IOException {
        if (!Files.isDirectory(classes)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(classes)) {
            return files.filter(p -> p.toString().endsWith(".class")).map(p -> {
                try {
                    return Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).max(FileTime::compareTo).orElse(null);
        }
    }

    // ------------------------------------------------------------------ routes

    @Test
    void everyRouteIsWiredToAFunctionWithTheSameHandler() {
        Map<String, String> wired = new TreeMap<>(); // "METHOD path" -> function
        Map<String, Boolean> keyless = new TreeMap<>(); // "METHOD path" -> Auth.ApiKeyRequired: false on the event
        List<String> problems = new ArrayList<>();
        for (String fn : t.functionIds()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = t.functionProperties(fn).path("Events").fields(); it.hasNext(); ) {
                JsonNode e = it.next().getValue();
                if (!e.path("Type").asText().equals("Api")) {
                    continue;
                }
                JsonNode p = e.path("Properties");
                if (!"GleanerApi".equals(p.path("RestApiId").path("Ref").asText())) {
                    problems.add(fn + ": API event not on GleanerApi: " + p);
                }
                String key = p.path("Method").asText().toUpperCase() + " " + p.path("Path").asText();
                if (wired.put(key, fn) != null) {
                    problems.add(key + " is wired twice");
                }
                JsonNode required = p.path("Auth").path("ApiKeyRequired");
                keyless.put(key, !required.isMissingNode() && !d.intrinsics.resolve(required).asBoolean());
            }
        }
        Set<String> routes = new TreeSet<>();
        for (Routes.Route r : Routes.ALL) {
            String key = r.method() + " " + r.path();
            routes.add(key);
            String fn = wired.get(key);
            if (fn == null) {
                problems.add(key + " (" + r.handler().getSimpleName() + ") has no function in template.yaml");
                continue;
            }
            if (!fn.equals(r.function())) {
                problems.add(key + " is wired to " + fn + " but Routes names " + r.function());
            }
            String handler = t.functionProperties(fn).path("Handler").asText();
            if (!handler.equals(r.handler().getName() + "::handleRequest")) {
                problems.add(key + ": " + fn + " runs " + handler + " but the route's handler is " + r.handler().getName());
            }
            if (keyless.get(key)) {
                problems.add(key + " is a data route: it must keep the API's key requirement");
            }
        }
        // The static routes (the web console): one function, no API key.
        for (WebRoutes.Route r : WebRoutes.ALL) {
            String key = r.method() + " " + r.path();
            routes.add(key);
            String fn = wired.get(key);
            if (fn == null) {
                problems.add(key + " (static files) has no function in template.yaml");
                continue;
            }
            if (!fn.equals(WebRoutes.FUNCTION)) {
                problems.add(key + " is wired to " + fn + " but WebRoutes names " + WebRoutes.FUNCTION);
            }
            if (!t.functionProperties(fn).path("Handler").asText().equals(StaticFileHandler.class.getName() + "::handleRequest")) {
                problems.add(key + ": " + fn + " must run " + StaticFileHandler.class.getName());
            }
            if (!keyless.get(key)) {
                problems.add(key + " serves static files: its event must say Auth: {ApiKeyRequired: false}");
            }
        }
        for (String key : wired.keySet()) {
            if (!routes.contains(key)) {
                problems.add(key + " is in template.yaml but in neither Routes.ALL nor WebRoutes.ALL");
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    @Test
    void everyApiFunctionUsesSnapStartAndAnswersBeforeApiGatewayGivesUp() {
        Set<String> functions = new TreeSet<>();
        Routes.ALL.forEach(r -> functions.add(r.function()));
        functions.add(WebRoutes.FUNCTION);
        for (String fn : functions) {
            JsonNode p = t.functionProperties(fn);
            assertEquals("live", p.path("AutoPublishAlias").asText(), fn + ": SnapStart needs a published alias");
            assertEquals("PublishedVersions", p.path("SnapStart").path("ApplyOn").asText(), fn);
            assertTrue(p.path("Timeout").asInt() < 29, fn + ": API Gateway stops waiting at 29 s");
        }
    }

    @Test
    void everyFunctionStatesItsMemoryAndTimeoutAndRunsTracedWithJsonLogs() {
        for (String fn : t.functionIds()) {
            JsonNode own = t.resource(fn).path("Properties");
            assertTrue(own.has("MemorySize") && own.has("Timeout"), fn + " must choose its own MemorySize and Timeout");
            JsonNode p = t.functionProperties(fn);
            assertEquals("java21", p.path("Runtime").asText(), fn);
            assertEquals("arm64", p.path("Architectures").path(0).asText(), fn);
            assertEquals("Active", p.path("Tracing").asText(), fn);
            assertEquals("JSON", p.path("LoggingConfig").path("LogFormat").asText(), fn);
        }
    }

    @Test
    void theApiHasThrottlingCorsAccessLogsAndAKeyUnlessTurnedOff() {
        JsonNode api = t.resource("GleanerApi").path("Properties");
        JsonNode method = api.path("MethodSettings").path(0);
        assertTrue(method.path("ThrottlingRateLimit").asInt() > 0 && method.path("ThrottlingBurstLimit").asInt() > 0);
        assertFalse(api.path("Cors").path("AllowOrigin").isMissingNode());
        assertFalse(api.path("AccessLogSetting").path("DestinationArn").isMissingNode());
        assertEquals("UseApiKey", api.path("Auth").path("ApiKeyRequired").path("Fn::If").path(0).asText());
        assertEquals("true", d.intrinsics.parameter("RequireApiKey"), "the key is required by default");
        assertTrue(d.intrinsics.resolve(api.path("Auth").path("ApiKeyRequired")).asBoolean());
        assertEquals("PER_API", api.path("Auth").path("UsagePlan").path("CreateUsagePlan").asText());
        assertTrue(api.path("TracingEnabled").asBoolean());
    }

    // ------------------------------------------------------------------ workflow

    @Test
    void theStateMachineDefinitionAndItsSubstitutionsMatchWorkflowFunctions() throws IOException {
        JsonNode sm = t.resource("CollectionStateMachine").path("Properties");
        Path definition = Repo.root().resolve(sm.path("DefinitionUri").asText());
        assertTrue(Files.isRegularFile(definition), definition + " is missing");
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("\\$\\{([A-Za-z0-9_]+)}").matcher(Files.readString(definition));
        while (m.find()) {
            used.add(m.group(1));
        }
        Set<String> defined = new TreeSet<>();
        sm.path("DefinitionSubstitutions").fieldNames().forEachRemaining(defined::add);
        assertEquals(used, defined, "every ${...} in the definition is substituted, and nothing else");

        Set<String> expected = new TreeSet<>();
        Set<String> invokable = new TreeSet<>();
        for (WorkflowFunctions f : WorkflowFunctions.values()) {
            assertEquals(f.handler().getName() + "::handleRequest", t.functionProperties(f.function()).path("Handler").asText(),
                    f.function() + " runs " + f.handler().getSimpleName());
            if (f.substitution() != null) {
                expected.add(f.substitution());
                invokable.add(f.function());
                JsonNode value = sm.path("DefinitionSubstitutions").path(f.substitution()).path("Fn::GetAtt");
                assertEquals(f.function(), value.path(0).asText(), f.substitution());
                assertEquals("Arn", value.path(1).asText(), f.substitution());
            }
        }
        assertEquals(expected, defined, "the substitutions are WorkflowFunctions'");
        Set<String> granted = new TreeSet<>();
        for (JsonNode policy : sm.path("Policies")) {
            if (policy.has("LambdaInvokePolicy")) {
                granted.add(policy.path("LambdaInvokePolicy").path("FunctionName").path("Ref").asText());
            }
        }
        assertEquals(invokable, granted, "the state machine may invoke exactly its task functions");
        assertFalse(sm.path("Logging").path("Level").asText("OFF").equals("OFF"), "the state machine logs");
        assertFalse(sm.path("Logging").path("Destinations").isMissingNode());
    }

    @Test
    void finishedExecutionsReachTheCleanupFunctionAndTheEventsMatchTheRule() {
        String fn = WorkflowFunctions.EXECUTION_CLEANUP.function();
        JsonNode rule = null;
        for (JsonNode e : iterable(t.functionProperties(fn).path("Events"))) {
            if (e.path("Type").asText().equals("EventBridgeRule")) {
                rule = d.intrinsics.resolve(e.path("Properties").path("Pattern"));
            }
        }
        assertNotNull(rule, fn + " needs the EventBridge rule on execution status changes");
        assertEquals(Set.of("SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"), texts(rule.path("detail").path("status")),
                "every way an execution ends releases its slot");
        assertEquals(List.of(LocalDeployment.stateMachineArn("CollectionStateMachine")),
                List.copyOf(texts(rule.path("detail").path("stateMachineArn"))));
        int checked = 0;
        for (String file : Repo.eventFiles()) {
            if (file.startsWith("events/workflow/execution-")) {
                JsonNode event = EventCatalog.parse(Repo.read(file));
                assertTrue(EventPattern.matches(rule, event), file + " does not match the rule's pattern " + rule);
                checked++;
            }
        }
        assertTrue(checked >= 3, "status-change events for SUCCEEDED, FAILED and ABORTED");
    }

    @Test
    void theReaperRunsEveryFewMinutes() {
        String fn = WorkflowFunctions.REAPER.function();
        assertEquals(WorkflowFunctions.REAPER.handler().getName() + "::handleRequest",
                t.functionProperties(fn).path("Handler").asText());
        List<String> schedules = new ArrayList<>();
        for (JsonNode e : iterable(t.functionProperties(fn).path("Events"))) {
            if (e.path("Type").asText().equals("ScheduleV2")) {
                schedules.add(e.path("Properties").path("ScheduleExpression").asText());
                assertTrue(e.path("Properties").path("State").isMissingNode()
                        || "ENABLED".equals(e.path("Properties").path("State").asText()), "the reaper is always on");
            }
        }
        assertEquals(1, schedules.size(), fn + " has one schedule: " + schedules);
        Matcher m = Pattern.compile("rate\\((\\d+) minutes?\\)").matcher(schedules.get(0));
        assertTrue(m.matches(), schedules.get(0));
        int minutes = Integer.parseInt(m.group(1));
        assertTrue(minutes >= 1 && minutes <= 10, "every few minutes: " + schedules.get(0));
    }

    @Test
    void theCleanupRuleRetriesAndKeepsUndeliveredEventsInAnAlarmedQueue() {
        JsonNode rule = null;
        for (JsonNode e : iterable(t.functionProperties(WorkflowFunctions.EXECUTION_CLEANUP.function()).path("Events"))) {
            if (e.path("Type").asText().equals("EventBridgeRule")) {
                rule = e.path("Properties");
            }
        }
        assertNotNull(rule);
        assertTrue(rule.path("RetryPolicy").path("MaximumRetryAttempts").asInt() > 0, "the target retries: " + rule);
        assertTrue(rule.path("RetryPolicy").path("MaximumEventAgeInSeconds").asInt() >= 600, rule.toString());
        JsonNode dlq = rule.path("DeadLetterConfig");
        assertEquals("SQS", dlq.path("Type").asText(), "undelivered events go to a dead-letter queue: " + rule);
        String queue = dlq.path("QueueLogicalId").asText();
        assertFalse(queue.isBlank(), "the queue has a name the alarm can use");
        boolean alarmed = t.resourcesOfType("AWS::CloudWatch::Alarm").values().stream().anyMatch(a ->
                a.path("Properties").path("Namespace").asText().equals("AWS/SQS")
                        && a.path("Properties").path("Dimensions").path(0).path("Value").path("Fn::GetAtt").path(0)
                        .asText().equals(queue));
        assertTrue(alarmed, "an alarm on " + queue);
    }

    /**
     * Every Task state of the definition: a TimeoutSeconds a little longer than its function's own
     * timeout (the function gives up first, with its own error; the state's limit catches a lost
     * invocation), and the retrier AWS recommends plus Gleaner's transient error type.
     */
    @Test
    void everyTaskStateHasATimeoutAboveItsFunctionsAndRetriesTransientErrors() throws IOException {
        JsonNode definition = EventCatalog.parse(Files.readString(Repo.root().resolve(
                t.resource("CollectionStateMachine").path("Properties").path("DefinitionUri").asText())));
        Map<String, JsonNode> tasks = new TreeMap<>();
        collectTasks(definition.path("States"), tasks);
        assertTrue(tasks.size() >= 6, tasks.keySet().toString());
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : tasks.entrySet()) {
            JsonNode state = e.getValue();
            String substitution = state.path("Resource").asText().replaceAll("^\\$\\{(.+)}$", "$1");
            WorkflowFunctions f = Arrays.stream(WorkflowFunctions.values())
                    .filter(w -> substitution.equals(w.substitution())).findFirst().orElseThrow();
            int functionTimeout = t.functionProperties(f.function()).path("Timeout").asInt();
            int stateTimeout = state.path("TimeoutSeconds").asInt(0);
            if (stateTimeout <= functionTimeout || stateTimeout > functionTimeout + 60) {
                problems.add(e.getKey() + ": TimeoutSeconds " + stateTimeout + " vs " + f.function() + " Timeout " + functionTimeout);
            }
            Set<String> retried = new TreeSet<>();
            state.path("Retry").forEach(r -> r.path("ErrorEquals").forEach(x -> retried.add(x.asText())));
            for (String error : List.of("dev.gleaner.workflow.errors.TransientServiceError", "Lambda.ServiceException",
                    "Lambda.AWSLambdaException", "Lambda.SdkClientException", "Lambda.TooManyRequestsException")) {
                if (!retried.contains(error)) {
                    problems.add(e.getKey() + " does not retry " + error);
                }
            }
            if (retried.contains("States.ALL") || retried.contains("States.TaskFailed")) {
                problems.add(e.getKey() + " retries every error, permanent ones included");
            }
        }
        JsonNode acquire = definition.path("States").path("AcquireSlot");
        int wait = acquire.path("Parameters").path("wait_seconds").asInt();
        int timeout = t.functionProperties(WorkflowFunctions.ACQUIRE_SLOT.function()).path("Timeout").asInt();
        if (wait + 10 > timeout) {
            problems.add("AcquireSlot polls for " + wait + " s but its function stops at " + timeout + " s");
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
    }

    private static void collectTasks(JsonNode states, Map<String, JsonNode> out) {
        states.fields().forEachRemaining(e -> {
            JsonNode s = e.getValue();
            if (s.path("Type").asText().equals("Task")) {
                out.put(e.getKey(), s);
            }
            if (s.has("ItemProcessor")) {
                collectTasks(s.path("ItemProcessor").path("States"), out);
            }
            s.path("Branches").forEach(b -> collectTasks(b.path("States"), out));
        });
    }

    @Test
    void thePendingLimitParameterIsTheOneTheCodeAccepts() {
        JsonNode p = t.root().path("Parameters").path("MaxPendingHours");
        assertEquals(QueueLimits.DEFAULT_MAX_PENDING_HOURS, p.path("Default").asInt());
        assertEquals(QueueLimits.MAX_PENDING_HOURS_LIMIT, p.path("MaxValue").asInt(),
                "the definition's retriers last that long (CollectionDefinitionTest)");
        assertTrue(p.path("MinValue").asInt() >= 1);
        for (String fn : List.of(WorkflowFunctions.ACQUIRE_SLOT.function(), WorkflowFunctions.REAPER.function())) {
            assertEquals("MaxPendingHours", t.functionProperties(fn).path("Environment").path("Variables")
                    .path(Env.MAX_PENDING_HOURS).path("Ref").asText(), fn);
        }
    }

    @Test
    void thePagesPerCallTheTemplateSetsAreTheCollectorsDefault() {
        for (String fn : List.of(WorkflowFunctions.MARK_RUNNING.function(), WorkflowFunctions.COLLECT_BATCH.function())) {
            assertEquals(String.valueOf(CollectorOptions.MAX_PAGES_PER_CALL),
                    t.functionProperties(fn).path("Environment").path("Variables").path(Env.PAGES_PER_CALL).asText(), fn);
        }
    }

    // ------------------------------------------------------------------ tables

    @Test
    void everyTableMatchesTableDefinitions() {
        DynamoDbClient ddb = d.tables.client();
        Set<String> declared = new TreeSet<>(t.resourcesOfType("AWS::DynamoDB::Table").keySet());
        assertEquals(declared, d.tableNames.keySet(), "every table in template.yaml is one the code names");
        for (Map.Entry<String, String> e : d.tableNames.entrySet()) {
            String id = e.getKey();
            JsonNode p = t.resource(id).path("Properties");
            // The local tables were made by TableDefinitions.ensureAll: compare the template with them.
            TableDescription actual = ddb.describeTable(b -> b.tableName(e.getValue())).table();
            assertEquals("PAY_PER_REQUEST", p.path("BillingMode").asText(), id);
            assertEquals(keys(actual.keySchema()), keys(p.path("KeySchema")), id + " key schema");
            assertEquals(attributes(actual.attributeDefinitions()), attributes(p.path("AttributeDefinitions")),
                    id + " attribute definitions");
            Map<String, String> codeIndexes = new TreeMap<>();
            for (GlobalSecondaryIndexDescription g : actual.globalSecondaryIndexes()) {
                codeIndexes.put(g.indexName(), keys(g.keySchema()) + " " + g.projection().projectionTypeAsString()
                        + " " + new TreeSet<>(g.projection().nonKeyAttributes()));
            }
            Map<String, String> templateIndexes = new TreeMap<>();
            for (JsonNode g : p.path("GlobalSecondaryIndexes")) {
                templateIndexes.put(g.path("IndexName").asText(), keys(g.path("KeySchema")) + " "
                        + g.path("Projection").path("ProjectionType").asText() + " "
                        + new TreeSet<>(texts(g.path("Projection").path("NonKeyAttributes"))));
            }
            assertEquals(codeIndexes, templateIndexes, id + " indexes");
            TimeToLiveDescription ttl = ddb.describeTimeToLive(b -> b.tableName(e.getValue())).timeToLiveDescription();
            boolean codeTtl = ttl != null && "ENABLED".equals(ttl.timeToLiveStatusAsString());
            boolean templateTtl = p.path("TimeToLiveSpecification").path("Enabled").asBoolean(false);
            assertEquals(codeTtl, templateTtl, id + " TTL");
            if (codeTtl) {
                assertEquals(ttl.attributeName(), p.path("TimeToLiveSpecification").path("AttributeName").asText(), id);
            }
        }
        String records = tableFor(Env.RECORDS_TABLE);
        assertTrue(t.resource(records).path("Properties").path("PointInTimeRecoverySpecification")
                .path("PointInTimeRecoveryEnabled").asBoolean(), "point-in-time recovery on the records table");
        assertEquals("Retain", t.resource(records).path("DeletionPolicy").asText(), "sam delete keeps the records");
    }

    private String tableFor(String variable) {
        for (String fn : t.functionIds()) {
            JsonNode v = t.functionProperties(fn).path("Environment").path("Variables").path(variable).path("Ref");
            if (!v.isMissingNode()) {
                return v.asText();
            }
        }
        throw new AssertionError("no function names " + variable);
    }

    private static String keys(List<KeySchemaElement> schema) {
        List<String> out = new ArrayList<>();
        schema.forEach(k -> out.add(k.attributeName() + ":" + k.keyTypeAsString()));
        return out.toString();
    }

    private static String keys(JsonNode schema) {
        List<String> out = new ArrayList<>();
        schema.forEach(k -> out.add(k.path("AttributeName").asText() + ":" + k.path("KeyType").asText()));
        return out.toString();
    }

    private static Set<String> attributes(List<AttributeDefinition> defs) {
        Set<String> out = new TreeSet<>();
        defs.forEach(a -> out.add(a.attributeName() + ":" + a.attributeTypeAsString()));
        return out;
    }

    private static Set<String> attributes(JsonNode defs) {
        Set<String> out = new TreeSet<>();
        defs.forEach(a -> out.add(a.path("AttributeName").asText() + ":" + a.path("AttributeType").asText()));
        return out;
    }

    // ------------------------------------------------------------------ scrape queue

    @Test
    void theScrapeQueueOutlastsTheWorkerAndHandsOverToTheDeadLetterQueue() {
        String worker = functionWithHandler(ScrapeWorkerHandler.class);
        String deadLetters = functionWithHandler(ScrapeDeadLetterHandler.class);
        JsonNode workerProps = t.functionProperties(worker);
        JsonNode queueEvent = sqsEvent(worker);
        String queue = queueEvent.path("Queue").path("Fn::GetAtt").path(0).asText();
        JsonNode q = t.resource(queue).path("Properties");
        int timeout = workerProps.path("Timeout").asInt();
        assertTrue(q.path("VisibilityTimeout").asInt() >= 6 * timeout,
                queue + " VisibilityTimeout must be at least 6 x the worker's " + timeout + " s (Lambda's SQS guidance)");
        assertEquals(List.of("ReportBatchItemFailures"), List.copyOf(texts(queueEvent.path("FunctionResponseTypes"))));
        int maxReceives = q.path("RedrivePolicy").path("maxReceiveCount").asInt();
        assertEquals(String.valueOf(maxReceives), d.environment(worker).get(Env.SCRAPE_MAX_RECEIVES),
                "the worker fails a task on the queue's last delivery");
        String dlq = q.path("RedrivePolicy").path("deadLetterTargetArn").path("Fn::GetAtt").path(0).asText();
        JsonNode dlqEvent = sqsEvent(deadLetters);
        assertEquals(dlq, dlqEvent.path("Queue").path("Fn::GetAtt").path(0).asText(), deadLetters + " reads " + dlq);
        assertEquals(List.of("ReportBatchItemFailures"), List.copyOf(texts(dlqEvent.path("FunctionResponseTypes"))));
        boolean alarmed = t.resourcesOfType("AWS::CloudWatch::Alarm").values().stream().anyMatch(a ->
                a.path("Properties").path("Namespace").asText().equals("AWS/SQS")
                        && a.path("Properties").path("Dimensions").path(0).path("Value").path("Fn::GetAtt").path(0)
                        .asText().equals(dlq));
        assertTrue(alarmed, "an alarm on the dead-letter queue's depth");
        // The SQS events in events/ come from the queues their functions read.
        assertEquals(d.intrinsics.resolve(queueEvent.path("Queue")).asText(), EventCatalog.parse(
                Repo.read("events/scraper/sqs-batch.json")).path("Records").path(0).path("eventSourceARN").asText());
        assertEquals(d.intrinsics.resolve(dlqEvent.path("Queue")).asText(), EventCatalog.parse(
                Repo.read("events/scraper/dead-letter-batch.json")).path("Records").path(0).path("eventSourceARN").asText());
    }

    @Test
    void failedExecutionsRaiseAnAlarm() {
        boolean alarmed = t.resourcesOfType("AWS::CloudWatch::Alarm").values().stream().anyMatch(a ->
                a.path("Properties").path("Metrics").findValuesAsText("MetricName").contains("ExecutionsFailed")
                        && a.path("Properties").toString().contains("CollectionStateMachine"));
        assertTrue(alarmed, "an alarm on the state machine's failed executions");
    }

    private JsonNode sqsEvent(String fn) {
        for (JsonNode e : iterable(t.functionProperties(fn).path("Events"))) {
            if (e.path("Type").asText().equals("SQS")) {
                return e.path("Properties");
            }
        }
        throw new AssertionError(fn + " has no SQS event");
    }

    // ------------------------------------------------------------------ schedules

    @Test
    void eachPlatformHasADailyScheduleOffByDefaultWhoseInputIsTheSampleEvent() {
        String fn = functionWithHandler(ScheduledStartHandler.class);
        Map<String, JsonNode> inputs = new TreeMap<>();
        for (JsonNode e : iterable(t.functionProperties(fn).path("Events"))) {
            if (!e.path("Type").asText().equals("ScheduleV2")) {
                continue;
            }
            JsonNode p = e.path("Properties");
            assertEquals("Asia/Seoul", p.path("ScheduleExpressionTimezone").asText());
            String stateParameter = p.path("State").path("Ref").asText();
            assertEquals("DISABLED", d.intrinsics.parameter(stateParameter), stateParameter + " is off by default");
            JsonNode input = EventCatalog.parse(d.intrinsics.text(p.path("Input")));
            assertTrue(input.path("request").isObject(), "input is {\"platform\": ..., \"request\": {...}}: " + input);
            inputs.put(input.path("platform").asText(), input);
        }
        Set<String> platforms = new TreeSet<>();
        for (Platform p : Platform.values()) {
            platforms.add(p.id());
        }
        assertEquals(platforms, inputs.keySet(), "one schedule per platform");
        inputs.forEach((platform, input) -> assertEquals(input,
                EventCatalog.parse(Repo.read("events/schedule/" + platform + "-daily.json")),
                "events/schedule/" + platform + "-daily.json is what the schedule sends"));
        assertEquals(Set.of(Env.NAVER_COOKIES_SECRET_ID, Env.GANGNAMUNNI_TOKEN_SECRET_ID),
                new TreeSet<>(d.environment(fn).keySet()).stream().filter(k -> k.endsWith("_SECRET_ID"))
                        .collect(Collectors.toSet()));
    }

    @Test
    void secretsAreNamedNeverGivenAsParameterValues() {
        for (String name : t.parameterDefaults().keySet()) {
            if (name.matches("(?i).*(cookie|token|secret|password|key).*") && !name.endsWith("SecretName")
                    && !name.equals("RequireApiKey")) {
                fail("parameter " + name + " looks like a secret value; pass a Secrets Manager secret name instead");
            }
        }
    }

    // ------------------------------------------------------------------ API events and outputs

    @Test
    void everyApiEventIsWhatApiGatewaySendsForItsRoute() {
        for (String file : Repo.eventFiles()) {
            if (file.startsWith("events/web/")) {
                JsonNode e = EventCatalog.parse(Repo.read(file));
                WebRoutes.Match match = WebRoutes.match(e.path("path").asText()).orElse(null);
                assertNotNull(match, file + ": " + e.path("path").asText() + " is not a static route");
                assertEquals(match.route().path(), e.path("resource").asText(), file + ": path and resource disagree");
                assertEquals(match.file(), e.path("pathParameters").path(WebRoutes.PROXY).textValue(), file + ": pathParameters");
                assertEquals(e.path("resource").asText(), e.path("requestContext").path("resourcePath").asText(), file);
                assertEquals(d.intrinsics.parameter("StageName"), e.path("requestContext").path("stage").asText(), file);
                continue;
            }
            if (!file.startsWith("events/api/")) {
                continue;
            }
            JsonNode e = EventCatalog.parse(Repo.read(file));
            String method = e.path("httpMethod").asText();
            Routes.Route route = Routes.find(method, e.path("resource").asText()).orElse(null);
            assertNotNull(route, file + ": resource " + e.path("resource").asText() + " is not a route");
            Endpoints.Match match = Endpoints.match(method, e.path("path").asText());
            assertEquals(route.endpoint(), match.endpoint(), file + ": path and resource disagree");
            Map<String, String> params = new HashMap<>();
            e.path("pathParameters").fields().forEachRemaining(p -> params.put(p.getKey(), p.getValue().asText()));
            assertEquals(match.pathParameters(), params, file + ": pathParameters");
            assertEquals(e.path("resource").asText(), e.path("requestContext").path("resourcePath").asText(), file);
            assertEquals(d.intrinsics.parameter("StageName"), e.path("requestContext").path("stage").asText(), file);
            assertEquals(method, e.path("requestContext").path("httpMethod").asText(), file);
        }
    }

    @Test
    void outputsGiveTheApiUrlAndEveryTableName() {
        JsonNode outputs = t.root().path("Outputs");
        assertTrue(d.intrinsics.text(outputs.path("ApiUrl").path("Value")).startsWith("https://"));
        Set<String> named = new TreeSet<>();
        outputs.forEach(o -> named.add(o.path("Value").path("Ref").asText()));
        assertTrue(named.containsAll(d.tableNames.keySet()), "an output per table: " + named);
    }

    @Test
    void samconfigDeploysWithTheCapabilitiesTheTemplateNeeds() {
        String config = Repo.read("samconfig.toml");
        Matcher m = Pattern.compile("(?m)^capabilities\\s*=\\s*\"([^\"]*)\"").matcher(config);
        assertTrue(m.find(), "samconfig.toml sets capabilities");
        Set<String> capabilities = new TreeSet<>(List.of(m.group(1).split("\\s+")));
        assertTrue(capabilities.contains("CAPABILITY_IAM"), "SAM creates IAM roles");
        boolean macros = texts(t.root().path("Transform")).contains("AWS::LanguageExtensions");
        assertEquals(macros, capabilities.contains("CAPABILITY_AUTO_EXPAND"), "LanguageExtensions needs CAPABILITY_AUTO_EXPAND");
        assertTrue(config.contains("stack_name = \"" + LocalDeployment.STACK + "\""));
        assertTrue(config.contains("resolve_s3 = true") && config.contains("confirm_changeset = true"));
    }

    // ------------------------------------------------------------------ helpers

    private String functionWithHandler(Class<?> handler) {
        List<String> found = new ArrayList<>();
        for (String fn : t.functionIds()) {
            if (t.functionProperties(fn).path("Handler").asText().equals(handler.getName() + "::handleRequest")) {
                found.add(fn);
            }
        }
        assertEquals(1, found.size(), "exactly one function runs " + handler.getName() + ": " + found);
        return found.get(0);
    }

    private static Iterable<JsonNode> iterable(JsonNode object) {
        List<JsonNode> out = new ArrayList<>();
        object.forEach(out::add);
        return out;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    // ------------------------------------------------------------------ dashboard and alarms

    private static final Pattern SEARCH = Pattern.compile("SEARCH\\('\\{([^}]*)}\\s+MetricName=\"([A-Za-z]+)\"");
    /** The AWS metrics the template may watch, with the dimension each needs and the resource type it names. */
    private static final Map<String, List<String>> AWS_METRICS = Map.of(
            "AWS/SQS ApproximateNumberOfMessagesVisible", List.of("QueueName", "AWS::SQS::Queue"),
            "AWS/States ExecutionsFailed", List.of("StateMachineArn", "AWS::Serverless::StateMachine"),
            "AWS/States ExecutionsTimedOut", List.of("StateMachineArn", "AWS::Serverless::StateMachine"));

    /** A metric a widget or an alarm names: namespace, name, and dimension names to their (template) values. */
    private record MetricRef(String namespace, String name, Map<String, JsonNode> dimensions) {}

    /**
     * The dashboard's body as written: the object under {@code Fn::ToJsonString} (the language
     * extensions turn it into the JSON CloudWatch reads), its {@code !GetAtt}s and {@code !Ref}s
     * still naming this stack's resources.
     */
    private JsonNode dashboardBody() {
        Map<String, JsonNode> dashboards = t.resourcesOfType("AWS::CloudWatch::Dashboard");
        assertEquals(1, dashboards.size(), "one operations dashboard");
        JsonNode body = dashboards.values().iterator().next().path("Properties").path("DashboardBody").path("Fn::ToJsonString");
        assertTrue(body.path("widgets").isArray() && !body.path("widgets").isEmpty(), "the dashboard body is Fn::ToJsonString of its widgets");
        return body;
    }

    /** The metrics of one widget's {@code metrics} list: plain entries and SEARCH expressions. */
    private static List<MetricRef> widgetMetrics(JsonNode widget) {
        List<MetricRef> refs = new ArrayList<>();
        for (JsonNode entry : iterable(widget.path("properties").path("metrics"))) {
            if (entry.path(0).isObject()) {
                String expression = entry.path(0).path("expression").asText();
                Matcher m = SEARCH.matcher(expression);
                assertTrue(m.find(), "a widget expression this check reads: " + expression);
                List<String> schema = List.of(m.group(1).split("\\s*,\\s*"));
                Map<String, JsonNode> dims = new TreeMap<>();
                schema.subList(1, schema.size()).forEach(n -> dims.put(n, null));
                refs.add(new MetricRef(schema.get(0), m.group(2), dims));
                continue;
            }
            Map<String, JsonNode> dims = new TreeMap<>();
            int end = entry.size() - (entry.path(entry.size() - 1).isObject() ? 1 : 0);
            for (int i = 2; i + 1 < end; i += 2) {
                dims.put(entry.get(i).asText(), entry.get(i + 1));
            }
            refs.add(new MetricRef(entry.path(0).asText(), entry.path(1).asText(), dims));
        }
        return refs;
    }

    private static List<MetricRef> alarmMetrics(JsonNode alarm) {
        JsonNode p = alarm.path("Properties");
        List<MetricRef> refs = new ArrayList<>();
        List<JsonNode> metrics = new ArrayList<>();
        if (p.has("MetricName")) {
            metrics.add(p);
        }
        for (JsonNode q : iterable(p.path("Metrics"))) {
            if (q.has("MetricStat")) {
                metrics.add(q.path("MetricStat").path("Metric"));
            }
        }
        for (JsonNode m : metrics) {
            Map<String, JsonNode> dims = new TreeMap<>();
            for (JsonNode dim : iterable(m.path("Dimensions"))) {
                dims.put(dim.path("Name").asText(), dim.path("Value"));
            }
            refs.add(new MetricRef(m.path("Namespace").asText(), m.path("MetricName").asText(), dims));
        }
        return refs;
    }

    /** A Gleaner metric must be one the code emits, under one of its dimension sets; an AWS one must be known and name a resource here. */
    private void assertEmitted(MetricRef ref, String where) {
        if (ref.namespace().equals(Metrics.NAMESPACE)) {
            Metric m = Metric.byName(ref.name()).orElseThrow(() -> new AssertionError(where + " names " + ref.name()
                    + ", which dev.gleaner.core.metrics.Metric does not emit"));
            Set<String> dims = new TreeSet<>(ref.dimensions().keySet());
            assertTrue(m.dimensionSets().stream().anyMatch(set -> new TreeSet<>(set.stream().map(Dimension::cloudWatchName)
                    .toList()).equals(dims)), where + ": " + ref.name() + " is not published under " + dims
                    + " (its sets: " + m.dimensionSets() + ")");
            for (Map.Entry<String, JsonNode> e : ref.dimensions().entrySet()) {
                if (e.getKey().equals("Platform") && e.getValue() != null && m.name().startsWith("COLLECTIONS")) {
                    assertTrue(Platform.fromId(e.getValue().asText()).isPresent(), where + ": no platform " + e.getValue());
                }
                if (e.getKey().equals("Kind") && e.getValue() != null) {
                    assertTrue(Arrays.stream(SourceErrorKind.values()).anyMatch(k -> k.value().equals(e.getValue().asText())),
                            where + ": no source error kind " + e.getValue());
                }
                if (e.getKey().equals("Cause") && e.getValue() != null) {
                    assertTrue(Arrays.stream(FailureCause.values()).anyMatch(k -> k.value().equals(e.getValue().asText())),
                            where + ": no failure cause " + e.getValue());
                }
            }
            return;
        }
        List<String> known = AWS_METRICS.get(ref.namespace() + " " + ref.name());
        assertNotNull(known, where + " watches " + ref.namespace() + " " + ref.name() + ", which this check does not know");
        assertEquals(Set.of(known.get(0)), ref.dimensions().keySet(), where + ": " + ref.name() + "'s dimension");
        JsonNode value = ref.dimensions().get(known.get(0));
        String resource = value.has("Fn::GetAtt") ? value.path("Fn::GetAtt").path(0).asText() : value.path("Ref").asText();
        if (known.get(1).equals("AWS::SQS::Queue")) {
            assertTrue(queues().contains(resource), where + ": " + resource + " is not a queue of this stack");
        } else {
            assertEquals(known.get(1), t.type(resource), where + ": " + ref.name() + " must name a " + known.get(1));
        }
    }

    @Test
    void theDashboardShowsEveryMetricTheCodeEmitsAndNoOther() {
        JsonNode body = dashboardBody();
        Set<Metric> shown = new TreeSet<>();
        Set<String> queuesShown = new TreeSet<>();
        for (JsonNode widget : iterable(body.path("widgets"))) {
            for (MetricRef ref : widgetMetrics(widget)) {
                assertEmitted(ref, "dashboard widget '" + widget.path("properties").path("title").asText() + "'");
                Metric.byName(ref.name()).filter(x -> ref.namespace().equals(Metrics.NAMESPACE)).ifPresent(shown::add);
                if (ref.name().equals("ApproximateNumberOfMessagesVisible")) {
                    queuesShown.add(ref.dimensions().get("QueueName").path("Fn::GetAtt").path(0).asText());
                }
            }
            if (widget.path("type").asText().equals("metric")) {
                assertEquals("AWS::Region", widget.path("properties").path("region").path("Ref").asText(),
                        "every metric widget reads the stack's region");
            }
        }
        assertEquals(new TreeSet<>(List.of(Metric.values())), shown, "every metric the code emits is on the dashboard");
        assertEquals(deadLetterQueues(), queuesShown, "every dead-letter queue's depth is on the dashboard");
        Set<String> alarmsShown = new TreeSet<>();
        for (JsonNode widget : iterable(body.path("widgets"))) {
            for (JsonNode a : iterable(widget.path("properties").path("alarms"))) {
                alarmsShown.add(a.path("Fn::GetAtt").path(0).asText());
            }
        }
        assertEquals(t.resourcesOfType("AWS::CloudWatch::Alarm").keySet(), alarmsShown, "the dashboard lists every alarm");
    }

    /** The stack's queues: its own, and those SAM makes for an event's dead-letter config ({@code QueueLogicalId}). */
    private Set<String> queues() {
        Set<String> out = new TreeSet<>(t.resourcesOfType("AWS::SQS::Queue").keySet());
        out.addAll(t.resources().findValuesAsText("QueueLogicalId"));
        return out;
    }

    /** Queues that receive another's failures: SQS redrive targets and dead-letter queues of event sources. */
    private Set<String> deadLetterQueues() {
        Set<String> out = new TreeSet<>(t.resources().findValuesAsText("QueueLogicalId"));
        for (JsonNode q : t.resourcesOfType("AWS::SQS::Queue").values()) {
            String target = q.path("Properties").path("RedrivePolicy").path("deadLetterTargetArn").path("Fn::GetAtt").path(0).asText();
            if (!target.isEmpty()) {
                out.add(target);
            }
        }
        assertTrue(out.size() >= 2, "the scrape queue's and the cleanup rule's dead-letter queues: " + out);
        return out;
    }

    @Test
    void everyAlarmWatchesAMetricThatExistsAndGoesToTheAlarmTopic() {
        Map<String, JsonNode> alarms = t.resourcesOfType("AWS::CloudWatch::Alarm");
        JsonNode toTopic = Json.tree(Map.of("Fn::If", List.of("HasAlarmTopic", List.of(Map.of("Ref", "AlarmTopicArn")),
                Map.of("Ref", "AWS::NoValue"))));
        for (Map.Entry<String, JsonNode> a : alarms.entrySet()) {
            JsonNode p = a.getValue().path("Properties");
            List<MetricRef> refs = alarmMetrics(a.getValue());
            assertFalse(refs.isEmpty(), a.getKey() + " watches no metric");
            refs.forEach(ref -> assertEmitted(ref, "alarm " + a.getKey()));
            assertEquals(toTopic, p.path("AlarmActions"), a.getKey() + " goes to the optional alarm topic");
            assertEquals("notBreaching", p.path("TreatMissingData").asText(), a.getKey() + ": no data means nothing happened");
            assertFalse(p.path("AlarmDescription").isMissingNode(), a.getKey() + " says what it means");
            Set<String> ids = new TreeSet<>();
            for (JsonNode q : iterable(p.path("Metrics"))) {
                ids.add(q.path("Id").asText());
            }
            for (JsonNode q : iterable(p.path("Metrics"))) {
                Matcher m = Pattern.compile("\\b([a-z][A-Za-z0-9_]*)\\b(?!\\s*\\()").matcher(q.path("Expression").asText());
                while (m.find()) {
                    assertTrue(ids.contains(m.group(1)), a.getKey() + ": expression names " + m.group(1) + ", which is not one of " + ids);
                }
            }
        }
    }

    @Test
    void theAlarmsAnOperatorActsOnExist() {
        Map<String, JsonNode> alarms = t.resourcesOfType("AWS::CloudWatch::Alarm");
        for (Platform p : Platform.values()) {
            assertTrue(alarms.values().stream().anyMatch(a -> {
                List<MetricRef> refs = alarmMetrics(a);
                return refs.stream().anyMatch(r -> r.name().equals("CollectionsFailed") && platformIs(r, p))
                        && refs.stream().anyMatch(r -> r.name().equals("CollectionsCompleted") && platformIs(r, p));
            }), "an alarm when every " + p.id() + " collection of a day failed");
        }
        assertTrue(alarms.values().stream().anyMatch(a -> alarmMetrics(a).stream().anyMatch(r -> r.name().equals("SourceErrors")
                && r.dimensions().get("Kind").asText().equals(SourceErrorKind.SHAPE_CHANGE.value()))), "an alarm on shape changes");
        assertTrue(alarms.values().stream().anyMatch(a -> alarmMetrics(a).stream().anyMatch(r -> r.name().equals("SlotsInUse"))
                && a.path("Properties").path("Threshold").path("Ref").asText().equals("MaxRunningCollections")
                && a.path("Properties").path("Period").asInt() * a.path("Properties").path("DatapointsToAlarm").asInt() >= 3600),
                "an alarm when the slots stay full for an hour");
        assertTrue(alarms.values().stream().anyMatch(a -> {
            List<String> names = alarmMetrics(a).stream().map(MetricRef::name).toList();
            return names.contains("ScrapesFailed") && names.contains("ScrapesCompleted");
        }), "an alarm on the scrape failure rate");
        for (String dlq : deadLetterQueues()) {
            assertTrue(alarms.values().stream().anyMatch(a -> alarmMetrics(a).stream().anyMatch(r ->
                    r.name().equals("ApproximateNumberOfMessagesVisible")
                            && r.dimensions().get("QueueName").path("Fn::GetAtt").path(0).asText().equals(dlq))),
                    "an alarm on what waits in " + dlq);
        }
    }

    private static boolean platformIs(MetricRef r, Platform p) {
        JsonNode v = r.dimensions().get("Platform");
        return v != null && v.asText().equals(p.id());
    }

    @Test
    void everyAlarmIsExplainedInTheReadme() {
        String readme = Repo.read("README.md");
        int from = readme.indexOf("## Operating it");
        assertTrue(from >= 0, "the README has an Operating it section");
        String section = readme.substring(from, readme.indexOf("\n## ", from + 3) > 0 ? readme.indexOf("\n## ", from + 3) : readme.length());
        for (String alarm : t.resourcesOfType("AWS::CloudWatch::Alarm").keySet()) {
            assertTrue(section.contains("`" + alarm + "`"), "README, Operating it, explains " + alarm);
        }
    }

    @Test
    void metricLinesReachCloudWatchAtEveryFunctionsLogLevel() {
        // EMF documents carry no "level"; Lambda reads them as INFO and would drop them above it.
        for (String fn : t.functionIds()) {
            String level = t.functionProperties(fn).path("LoggingConfig").path("ApplicationLogLevel").asText("INFO");
            assertTrue(List.of("TRACE", "DEBUG", "INFO").contains(level), fn + " ApplicationLogLevel " + level + " would drop metrics");
        }
    }

    @Test
    void handlersNameTheFunctionsTheTemplateGivesThem() {
        assertEquals(ScrapeWorkerHandler.class.getName() + "::handleRequest",
                t.functionProperties(ScrapeWorkerHandler.FUNCTION).path("Handler").asText());
        assertEquals(ScrapeDeadLetterHandler.class.getName() + "::handleRequest",
                t.functionProperties(ScrapeDeadLetterHandler.FUNCTION).path("Handler").asText());
        assertEquals(ScheduledStartHandler.class.getName() + "::handleRequest",
                t.functionProperties(ScheduledStartHandler.FUNCTION).path("Handler").asText());
    }

}
