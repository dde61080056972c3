package dev.gleaner.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.gleaner.checks.aws.AwsCall;
import dev.gleaner.checks.aws.RecordingAws;
import dev.gleaner.checks.iam.AccessClasses;
import dev.gleaner.checks.iam.FunctionPolicies;
import dev.gleaner.checks.iam.Statement;
import dev.gleaner.checks.lambda.IsolatedFunction;
import java.util.ArrayList;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gleaner.core.task.TaskStatus;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What `sam local invoke` would exercise, proven here: every file in events/ goes to its function as
 * deployed (its CodeUri jar, its own class loader, the template's environment, DynamoDB Local for
 * the tables, a recording stand-in for the other AWS APIs), and gets the expected kind of answer.
 * The calls the functions made and the variables they read are then held against the template:
 * every call is granted and every grant is used; every variable read is set and every variable set
 * is read.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DeployedFunctionsTest {

    @TestFactory
    @Order(1)
    Stream<DynamicTest> everyEventGetsTheExpectedAnswer() {
        Replay replay = Replay.all();
        return replay.runs.values().stream().map(run -> DynamicTest.dynamicTest(
                run.c().file() + " -> " + run.c().function(), () -> {
                    if (run.setupFailure() != null) {
                        throw new AssertionError("seeding for " + run.c().file() + " failed", run.setupFailure());
                    }
                    if (run.verdict() != null) {
                        throw run.verdict();
                    }
                }));
    }

    @Test
    @Order(2)
    void everyEventFileIsRunAndEveryFunctionHasAnEvent() {
        Replay replay = Replay.all();
        assertEquals(new TreeSet<>(Repo.eventFiles()), new TreeSet<>(replay.runs.keySet()),
                "events/ and EventCatalog must list the same files");
        Set<String> withEvents = new TreeSet<>();
        replay.runs.values().forEach(r -> withEvents.add(r.c().function()));
        Set<String> functions = new TreeSet<>();
        replay.deployment.template.functionIds().forEach(functions::add);
        assertEquals(functions, withEvents, "every function in template.yaml gets at least one event");
    }

    @Test
    @Order(3)
    void everyCallIsGrantedAndEveryGrantIsUsed() {
        Replay replay = Replay.all();
        LocalDeployment d = replay.deployment;
        List<String> problems = new ArrayList<>();
        for (String fn : d.template.functionIds()) {
            List<Statement> statements = FunctionPolicies.expand(
                    d.template.functionProperties(fn).path("Policies"), d.intrinsics);
            List<AwsCall> calls = d.aws.callsBy(fn);
            for (AwsCall call : calls) {
                if (statements.stream().noneMatch(s -> s.allows(call.action(), call.resource()))) {
                    problems.add(fn + " made a call its policies do not grant: " + call.action() + " on " + call.resource());
                }
            }
            for (Statement s : statements) {
                for (String resource : s.resources()) {
                    for (String granted : AccessClasses.granted(s)) {
                        boolean used = calls.stream().anyMatch(c -> AccessClasses.of(c.action()).equals(granted)
                                && matchesResource(resource, c.resource()));
                        if (!used) {
                            problems.add(fn + ": " + s.source() + " grants " + granted + " on " + resource
                                    + ", which none of its events needed");
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("least privilege:\n  " + String.join("\n  ", problems) + "\ncalls seen:\n"
                    + RecordingAws.describe(d.aws.calls()));
        }
    }

    private static boolean matchesResource(String pattern, String arn) {
        String p = AccessClasses.resourceKey(pattern);
        String a = AccessClasses.resourceKey(arn);
        return p.equals(a) || new Statement("", List.of("*"), List.of(p)).allows("x", a);
    }

    @Test
    @Order(4)
    void everyVariableReadIsSetAndEveryVariableSetIsRead() {
        Replay replay = Replay.all();
        LocalDeployment d = replay.deployment;
        List<String> problems = new ArrayList<>();
        for (String fn : d.template.functionIds()) {
            IsolatedFunction f = d.function(fn);
            Set<String> read = new TreeSet<>(f.environmentRead());
            Set<String> set = new TreeSet<>(d.environment(fn).keySet());
            for (String name : read) {
                if (!set.contains(name) && !LocalDeployment.LOCAL_ONLY.contains(name)) {
                    problems.add(fn + " reads " + name + ", which template.yaml does not set");
                }
            }
            for (String name : set) {
                if (!read.contains(name) && !LocalDeployment.RUNTIME_ONLY.contains(name)) {
                    problems.add(fn + ": template.yaml sets " + name + ", which none of its events read");
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("environment:\n  " + String.join("\n  ", problems));
        }
    }

    @Test
    @Order(5)
    void withTranslationEnabledTheWorkerTranslatesAndIsAllowedToExactlyThat() {
        LocalDeployment d = LocalDeployment.withParameters(Map.of("EnableTranslation", "true"));
        d.aws.translateWith(text -> "[en] " + text);
        Seeds seeds = new Seeds(d);
        String id = "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b";
        seeds.pendingScrape(id, FixtureServer.PRODUCT_PATH, "en");
        String worker = "ScrapeWorkerFunction";
        // The sample batch, pointed at this task: one message, first delivery.
        ObjectNode event = (ObjectNode) EventCatalog.parse(Repo.read("events/scraper/sqs-batch.json"));
        ArrayNode records = (ArrayNode) event.get("Records");
        ((ObjectNode) records.get(0)).put("body", "{\"task_id\": \"" + id + "\"}");
        records.remove(1);
        LocalDeployment.Invocation inv = d.invoke(worker, event.toString());
        assertFalse(inv.result().failed(), () -> inv.result().errorType() + ": " + inv.result().errorMessage());
        var task = seeds.scrapes.get(id).orElseThrow();
        assertEquals(TaskStatus.COMPLETED, task.status(), () -> String.valueOf(task.error()));
        assertEquals(Boolean.TRUE, task.translated());
        assertEquals("[en] 린넨 셔츠", task.productInfo().title());

        List<Statement> statements = FunctionPolicies.expand(d.template.functionProperties(worker).path("Policies"),
                d.intrinsics);
        List<AwsCall> translations = inv.calls().stream().filter(c -> c.action().equals("translate:TranslateText")).toList();
        assertFalse(translations.isEmpty(), "the worker called Amazon Translate");
        for (AwsCall call : inv.calls()) {
            assertTrue(statements.stream().anyMatch(s -> s.allows(call.action(), call.resource())), "not granted: " + call);
        }
        assertEquals("true", d.environment(worker).get("TRANSLATE_ENABLED"));
        d.close();
    }

    @Test
    @Order(6)
    void functionsFailNowhere() {
        // An event whose expected answer is an error is still answered by the function (a 4xx);
        // an exception escaping a handler means the runtime would report the invocation as failed.
        Replay replay = Replay.all();
        List<String> failed = new ArrayList<>();
        replay.runs.values().stream().filter(r -> r.outcome() != null && r.outcome().invocation().result().failed())
                .forEach(r -> failed.add(r.c().file() + ": " + r.outcome().invocation().result().errorType() + ": "
                        + r.outcome().invocation().result().errorMessage()));
        assertTrue(failed.isEmpty(), () -> String.join("\n", failed));
    }

}
