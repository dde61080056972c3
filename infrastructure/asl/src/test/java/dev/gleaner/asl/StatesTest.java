package dev.gleaner.asl;

import static dev.gleaner.asl.Asl.json;
import static dev.gleaner.asl.Asl.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each state type and the input/output processing, run through the executor. */
class StatesTest {

    private static JsonNode output(Execution e) {
        assertEquals(ExecutionStatus.SUCCEEDED, e.status(), () -> e.error() + " " + e.cause());
        return e.output().orElseThrow();
    }

    private static void assertFailed(Execution e, String error) {
        assertEquals(ExecutionStatus.FAILED, e.status());
        assertEquals(error, e.error().orElse(null), () -> "cause: " + e.cause());
    }

    // ---- Pass ----

    @Test
    void passResultWithResultPath() {
        Execution e = Asl.run("{'StartAt':'P','States':{'P':{'Type':'Pass','Result':{'x':1},'ResultPath':'$.r','End':true}}}",
                "{'a':1}".replace('\'', '"'));
        assertEquals(json(q("{'a':1,'r':{'x':1}}")), output(e));
    }

    @Test
    void passWithoutResultForwardsItsEffectiveInput() {
        Execution e = Asl.run("{'StartAt':'P','States':{'P':{'Type':'Pass','InputPath':'$.in',"
                + "'Parameters':{'v.$':'$.v','const':true},'ResultPath':'$.in.out','OutputPath':'$.in','End':true}}}",
                q("{'in':{'v':5},'other':0}"));
        assertEquals(json(q("{'v':5,'out':{'v':5,'const':true}}")), output(e));
    }

    @Test
    void nullPathsDiscardOrEmpty() {
        assertEquals(json(q("{'a':1}")), output(Asl.run(
                "{'StartAt':'P','States':{'P':{'Type':'Pass','Result':'ignored','ResultPath':null,'End':true}}}", q("{'a':1}"))));
        assertEquals(json("{}"), output(Asl.run(
                "{'StartAt':'P','States':{'P':{'Type':'Pass','OutputPath':null,'End':true}}}", q("{'a':1}"))));
        assertEquals(json(q("{'seen':{}}")), output(Asl.run(
                "{'StartAt':'P','States':{'P':{'Type':'Pass','InputPath':null,'Parameters':{'seen.$':'$'},'End':true}}}",
                q("{'a':1}"))));
    }

    @Test
    void missingInputPathFailsWithStatesRuntime() {
        Execution e = Asl.run("{'StartAt':'P','States':{'P':{'Type':'Pass','InputPath':'$.missing','End':true}}}", "{}");
        assertFailed(e, "States.Runtime");
        assertTrue(e.cause().orElseThrow().contains("$.missing"));
    }

    @Test
    void resultPathIntoANonObjectFailsWithStatesRuntime() {
        assertFailed(Asl.run("{'StartAt':'P','States':{'P':{'Type':'Pass','Result':1,'ResultPath':'$.a.b','End':true}}}",
                q("{'a':'text'}")), "States.Runtime");
    }

    // ---- Task ----

    @Test
    void taskInputAndOutputProcessing() {
        List<JsonNode> seen = new CopyOnWriteArrayList<>();
        List<String> resources = new CopyOnWriteArrayList<>();
        Execution e = Asl.run("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'arn:aws:lambda:local:0:function:f',"
                + "'InputPath':'$.req','Parameters':{'id.$':'$.id','exec.$':'$$.Execution.Name','state.$':'$$.State.Name'},"
                + "'ResultSelector':{'status.$':'$.body.status','code':200},'ResultPath':'$.res','OutputPath':'$.res','End':true}}}",
                (resource, input) -> {
                    resources.add(resource);
                    seen.add(input);
                    return json(q("{'body':{'status':'ok','noise':1}}"));
                }, q("{'req':{'id':'t-1'},'keep':true}"));
        assertEquals(json(q("{'status':'ok','code':200}")), output(e));
        assertEquals(List.of(json(q("{'id':'t-1','exec':'test','state':'T'}"))), seen);
        assertEquals(List.of("arn:aws:lambda:local:0:function:f"), resources);
    }

    @Test
    void taskResultReplacesInputByDefault() {
        assertEquals(json("[1,2]"), output(Asl.run("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','End':true}}}",
                (r, in) -> json("[1,2]"), "{}")));
        assertEquals(json("null"), output(Asl.run("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','End':true}}}",
                (r, in) -> null, "{}")));
    }

    @Test
    void taskFailureAndExceptionsFailTheExecution() {
        Execution failure = Asl.run("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','End':true}}}",
                (r, in) -> {
                    throw new TaskFailure("dev.gleaner.SourceRefused", "cookies expired");
                }, "{}");
        assertFailed(failure, "dev.gleaner.SourceRefused");
        assertEquals("cookies expired", failure.cause().orElseThrow());

        Execution exception = Asl.run("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','End':true}}}",
                (r, in) -> {
                    throw new IllegalStateException("boom");
                }, "{}");
        assertFailed(exception, "java.lang.IllegalStateException");
        assertEquals(json(q("{'errorMessage':'boom','errorType':'java.lang.IllegalStateException'}")),
                json(exception.cause().orElseThrow()));
    }

    @Test
    void invokerCannotChangeTheExecutionsData() {
        Execution e = Asl.run("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','ResultPath':'$.r','End':true}}}",
                (r, in) -> {
                    ((ObjectNode) in).put("mutated", true);
                    return json("1");
                }, q("{'a':1}"));
        assertEquals(json(q("{'a':1,'r':1}")), output(e));
    }

    @Test
    void taskTimeoutRaisesStatesTimeoutAndDiscardsTheLateResult() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        TestScheduler scheduler = new TestScheduler(DelayScheduler.Kind.RETRY, DelayScheduler.Kind.WAIT);
        StateMachine sm = Asl.machine("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','TimeoutSeconds':30,"
                + "'Catch':[{'ErrorEquals':['States.TaskFailed'],'Next':'Wrong'},{'ErrorEquals':['States.Timeout'],"
                + "'ResultPath':'$.error','Next':'TimedOut'}],'End':true},"
                + "'Wrong':{'Type':'Fail','Error':'Wrong'},'TimedOut':{'Type':'Pass','End':true}}}");
        try (Executor executor = Asl.executor(sm, (r, in) -> {
            started.countDown();
            Asl.block(release);
            return json("\"late\"");
        }, Asl.options(), scheduler)) {
            Execution e = executor.start("t", json("{}"));
            assertTrue(started.await(20, TimeUnit.SECONDS));
            assertEquals(List.of(30_000.0), scheduler.delaysMillis(DelayScheduler.Kind.TASK_TIMEOUT));
            scheduler.fire(DelayScheduler.Kind.TASK_TIMEOUT);
            assertEquals(ExecutionStatus.SUCCEEDED, e.await(Asl.AWAIT));
            assertEquals("States.Timeout", e.output().orElseThrow().at("/error/Error").textValue());
            release.countDown();
            assertTrue(e.history().stream().anyMatch(h -> h.type() == HistoryEventType.LambdaFunctionTimedOut));
            assertTrue(e.history().stream().noneMatch(h -> h.type() == HistoryEventType.LambdaFunctionSucceeded));
        }
    }

    @Test
    void timeoutSecondsPath() {
        TestScheduler scheduler = new TestScheduler(DelayScheduler.Kind.TASK_TIMEOUT);
        StateMachine sm = Asl.machine("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r',"
                + "'TimeoutSecondsPath':'$.limit','End':true}}}");
        CountDownLatch never = new CountDownLatch(1);
        try (Executor executor = Asl.executor(sm, (r, in) -> {
            Asl.block(never);
            return in;
        }, Asl.options(), scheduler)) {
            Execution e = Asl.run(executor, "t", q("{'limit':7}"));
            assertFailed(e, "States.Timeout");
            assertEquals(List.of(7_000.0), scheduler.delaysMillis(DelayScheduler.Kind.TASK_TIMEOUT));
        } finally {
            never.countDown();
        }
    }

    // ---- Choice ----

    private static final String CHOICE = "{'StartAt':'C','States':{'C':{'Type':'Choice','InputPath':'$.in','OutputPath':'$.v',"
            + "'Choices':[{'Variable':'$.v','NumericGreaterThan':10,'Next':'Big'},"
            + "{'And':[{'Variable':'$.v','IsNumeric':true},{'Not':{'Variable':'$.v','NumericEquals':0}}],'Next':'Small'}]%s},"
            + "'Big':{'Type':'Pass','Result':'big','End':true},'Small':{'Type':'Pass','Result':'small','End':true}"
            + "%s}}";

    @Test
    void choiceRoutesByFirstMatchingRuleThenDefault() {
        String def = String.format(CHOICE, ",'Default':'Other'",
                ",'Other':{'Type':'Pass','Parameters':{'seen.$':'$'},'End':true}");
        assertEquals("big", output(Asl.run(def, q("{'in':{'v':11}}"))).textValue());
        assertEquals("small", output(Asl.run(def, q("{'in':{'v':3}}"))).textValue());
        assertEquals(json(q("{'seen':0}")).get("seen"), output(Asl.run(def, q("{'in':{'v':0}}"))).get("seen"),
                "Default receives the Choice's output (after OutputPath)");
    }

    @Test
    void choiceWithoutMatchOrDefaultFails() {
        assertFailed(Asl.run(String.format(CHOICE, "", ""), q("{'in':{'v':0}}")), "States.NoChoiceMatched");
    }

    // ---- Wait ----

    @Test
    void waitDurationsAreScaled() {
        TestScheduler scheduler = new TestScheduler(DelayScheduler.Kind.WAIT);
        ExecutorOptions half = new ExecutorOptions(0.5, 0.0, Duration.ofMillis(1), new Random(1), 2);
        StateMachine sm = Asl.machine("{'StartAt':'A','States':{'A':{'Type':'Wait','Seconds':10,'Next':'B'},"
                + "'B':{'Type':'Wait','SecondsPath':'$.s','Next':'C'},"
                + "'C':{'Type':'Wait','Timestamp':'2025-01-01T00:01:00Z','Next':'D'},"
                + "'D':{'Type':'Wait','TimestampPath':'$.t','Next':'E'},"
                + "'E':{'Type':'Wait','Timestamp':'2024-12-31T00:00:00Z','End':true}}}");
        try (Executor executor = new Executor(sm, (r, in) -> in, half, Asl.fixedClock("2025-01-01T00:00:00Z"), scheduler)) {
            Execution e = Asl.run(executor, "w", q("{'s':4,'t':'2025-01-01T09:00:20+09:00'}"));
            assertEquals(json(q("{'s':4,'t':'2025-01-01T09:00:20+09:00'}")), output(e));
            // 10 s, 4 s, 60 s, 20 s at scale 0.5; a past timestamp does not wait.
            assertEquals(List.of(5_000.0, 2_000.0, 30_000.0, 10_000.0), scheduler.delaysMillis(DelayScheduler.Kind.WAIT));
        }
    }

    @Test
    void waitWithBadSecondsPathFails() {
        assertFailed(Asl.run("{'StartAt':'W','States':{'W':{'Type':'Wait','SecondsPath':'$.s','End':true}}}", q("{'s':-1}")),
                "States.Runtime");
        assertFailed(Asl.run("{'StartAt':'W','States':{'W':{'Type':'Wait','TimestampPath':'$.t','End':true}}}", q("{'t':'soon'}")),
                "States.Runtime");
    }

    // ---- Succeed / Fail ----

    @Test
    void succeedAppliesPaths() {
        assertEquals(json("2"), output(Asl.run("{'StartAt':'S','States':{'S':{'Type':'Succeed','InputPath':'$.a','OutputPath':'$.b'}}}",
                q("{'a':{'b':2}}"))));
    }

    @Test
    void failWithErrorAndCause() {
        Execution e = Asl.run("{'StartAt':'F','States':{'F':{'Type':'Fail','Error':'TaskCancelled','Cause':'by user'}}}", "{}");
        assertFailed(e, "TaskCancelled");
        assertEquals("by user", e.cause().orElseThrow());
        Execution bare = Asl.run("{'StartAt':'F','States':{'F':{'Type':'Fail'}}}", "{}");
        assertEquals(ExecutionStatus.FAILED, bare.status());
        assertTrue(bare.error().isEmpty());
    }

    @Test
    void failWithErrorPathAndIntrinsicCausePath() {
        Execution e = Asl.run("{'StartAt':'F','States':{'F':{'Type':'Fail','ErrorPath':'$.err',"
                + "'CausePath':'States.Format(\\'{} failed in {}\\', $.what, $$.State.Name)'}}}", q("{'err':'E1','what':'collect'}"));
        assertFailed(e, "E1");
        assertEquals("collect failed in F", e.cause().orElseThrow());
        assertFailed(Asl.run("{'StartAt':'F','States':{'F':{'Type':'Fail','ErrorPath':'$.err'}}}", q("{'err':5}")), "States.Runtime");
    }

    // ---- Map ----

    @Test
    void mapWithItemSelectorAndResultSelector() {
        Execution e = Asl.run("{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.cats','MaxConcurrency':2,"
                + "'ItemSelector':{'category.$':'$$.Map.Item.Value','index.$':'$$.Map.Item.Index','task.$':'$.taskId'},"
                + "'ItemProcessor':{'ProcessorConfig':{'Mode':'INLINE'},'StartAt':'Collect','States':{"
                + "'Collect':{'Type':'Task','Resource':'collect','End':true}}},"
                + "'ResultSelector':{'all.$':'$','count.$':'States.ArrayLength($)'},'ResultPath':'$.summary','End':true}}}",
                (r, in) -> json(q("{'n':'" + in.get("category").textValue() + in.get("index").intValue() + in.get("task").textValue() + "'}")),
                q("{'taskId':'T','cats':['reviews','talks','memos']}"));
        assertEquals(json(q("{'all':[{'n':'reviews0T'},{'n':'talks1T'},{'n':'memos2T'}],'count':3}")), output(e).get("summary"));
    }

    @Test
    void legacyIteratorAndParameters() {
        Execution e = Asl.run("{'StartAt':'M','States':{'M':{'Type':'Map','Parameters':{'v.$':'$$.Map.Item.Value'},"
                + "'Iterator':{'StartAt':'P','States':{'P':{'Type':'Pass','End':true}}},'End':true}}}", "[1,2]");
        assertEquals(json(q("[{'v':1},{'v':2}]")), output(e));
    }

    @Test
    void mapOverEmptyArrayAndNonArray() {
        String def = "{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.xs','ItemProcessor':{'StartAt':'P',"
                + "'States':{'P':{'Type':'Pass','End':true}}},'End':true}}}";
        assertEquals(json("[]"), output(Asl.run(def, q("{'xs':[]}"))));
        assertFailed(Asl.run(def, q("{'xs':{'a':1}}")), "States.Runtime");
        assertFailed(Asl.run(def, q("{}")), "States.Runtime");
    }

    @Test
    void iterationFailureFailsTheMapWithTheIterationsError() {
        String def = "{'StartAt':'M','States':{'M':{'Type':'Map','ItemsPath':'$.xs','MaxConcurrency':1,'ItemProcessor':{'StartAt':'T',"
                + "'States':{'T':{'Type':'Task','Resource':'r','End':true}}},"
                + "'Catch':[{'ErrorEquals':['CategoryFailed'],'ResultPath':'$.err','Next':'Handled'}],'End':true},"
                + "'Handled':{'Type':'Pass','End':true}}}";
        List<Integer> calls = new CopyOnWriteArrayList<>();
        Execution e = Asl.run(def, (r, in) -> {
            calls.add(in.intValue());
            if (in.intValue() == 2) {
                throw new TaskFailure("CategoryFailed", "item 2");
            }
            return in;
        }, q("{'xs':[1,2,3]}"));
        JsonNode out = output(e);
        assertEquals(json(q("{'Error':'CategoryFailed','Cause':'item 2'}")), out.get("err"));
        assertEquals(List.of(1, 2), calls, "with MaxConcurrency 1 the third item never starts");
        assertTrue(e.history().stream().anyMatch(h -> h.type() == HistoryEventType.MapIterationFailed));
    }

    @Test
    void statesRuntimeInAnIterationCannotBeCaught() {
        Execution e = Asl.run("{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'StartAt':'P',"
                + "'States':{'P':{'Type':'Pass','InputPath':'$.missing','End':true}}},"
                + "'Catch':[{'ErrorEquals':['States.ALL'],'Next':'Handled'}],'End':true},'Handled':{'Type':'Succeed'}}}",
                q("[{'a':1}]"));
        assertFailed(e, "States.Runtime");
    }

    // ---- Parallel ----

    @Test
    void parallelCollectsBranchOutputsInOrder() {
        Execution e = Asl.run("{'StartAt':'P','States':{'P':{'Type':'Parallel','Parameters':{'x.$':'$.x'},'Branches':["
                + "{'StartAt':'A','States':{'A':{'Type':'Task','Resource':'double','End':true}}},"
                + "{'StartAt':'B','States':{'B':{'Type':'Pass','Result':'b','End':true}}}],"
                + "'ResultPath':'$.branches','End':true}}}",
                (r, in) -> json(String.valueOf(in.get("x").intValue() * 2)), q("{'x':21}"));
        assertEquals(json(q("{'x':21,'branches':[42,'b']}")), output(e));
    }

    @Test
    void parallelBranchFailureFailsTheState() {
        Execution e = Asl.run("{'StartAt':'P','States':{'P':{'Type':'Parallel','Branches':["
                + "{'StartAt':'A','States':{'A':{'Type':'Fail','Error':'BranchBroke','Cause':'a'}}},"
                + "{'StartAt':'B','States':{'B':{'Type':'Wait','Seconds':1,'End':true}}}],'End':true}}}", "{}");
        assertFailed(e, "BranchBroke");
    }

    @Test
    void contextObjectInsideTasks() {
        Execution e = Asl.run("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'r','Parameters':{"
                + "'id.$':'$$.Execution.Id','sm.$':'$$.StateMachine.Name','input.$':'$$.Execution.Input',"
                + "'entered.$':'$$.State.EnteredTime','start.$':'$$.Execution.StartTime'},'End':true}}}",
                (r, in) -> in, q("{'k':'v'}"));
        JsonNode out = output(e);
        assertEquals("arn:aws:states:local:000000000000:execution:StateMachine:test", out.get("id").textValue());
        assertEquals("StateMachine", out.get("sm").textValue());
        assertEquals(json(q("{'k':'v'}")), out.get("input"));
        assertTrue(out.get("entered").textValue().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
        assertTrue(out.get("start").textValue().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
    }

    @Test
    void substitutedResourcesReachTheInvoker() {
        StateMachine sm = StateMachine.parse(q("{'StartAt':'T','States':{'T':{'Type':'Task','Resource':'${AcquireSlotFunctionArn}','End':true}}}"),
                Map.of("AcquireSlotFunctionArn", "arn:aws:lambda:local:000000000000:function:acquire"));
        List<String> seen = new CopyOnWriteArrayList<>();
        try (Executor executor = Asl.executor(sm, (r, in) -> {
            seen.add(r);
            return in;
        })) {
            output(Asl.run(executor, "x", "{}"));
        }
        assertEquals(List.of("arn:aws:lambda:local:000000000000:function:acquire"), seen);
    }
}
