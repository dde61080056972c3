package dev.gleaner.asl;

import static dev.gleaner.asl.Asl.q;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DefinitionParserTest {

    private static StateMachine parse(String singleQuoted) {
        return StateMachine.parse(q(singleQuoted), Map.of());
    }

    private static String oneState(String state) {
        return "{'StartAt':'S','States':{'S':" + state + "}}";
    }

    private static UnsupportedFeatureException unsupported(String singleQuoted) {
        return assertThrows(UnsupportedFeatureException.class, () -> parse(singleQuoted));
    }

    private static InvalidDefinitionException invalid(String singleQuoted) {
        return assertThrows(InvalidDefinitionException.class, () -> parse(singleQuoted));
    }

    @Test
    void parsesAndExposesTheMachine() {
        StateMachine sm = StateMachine.parse(q("{'Comment':'c','StartAt':'A','TimeoutSeconds':60,'States':{"
                + "'A':{'Type':'Task','Resource':'${FnArn}','Next':'B'},"
                + "'B':{'Type':'Map','ItemProcessor':{'ProcessorConfig':{'Mode':'INLINE'},'StartAt':'I','States':{"
                + "'I':{'Type':'Task','Resource':'arn:aws:lambda:us-east-1:1:function:inner','End':true}}},'End':true}}}"),
                Map.of("FnArn", "arn:aws:lambda:us-east-1:1:function:outer"));
        assertEquals("A", sm.startAt());
        assertEquals(Set.of("A", "B"), sm.stateNames());
        assertEquals(Set.of("arn:aws:lambda:us-east-1:1:function:outer", "arn:aws:lambda:us-east-1:1:function:inner"),
                sm.taskResources());
        assertEquals(60L, sm.timeoutSeconds().orElseThrow());
        assertEquals("c", sm.comment().orElseThrow());
        assertEquals("arn:aws:lambda:us-east-1:1:function:outer", sm.definition().at("/States/A/Resource").textValue());
        assertEquals("arn:aws:states:local:000000000000:stateMachine:Collection", sm.named("Collection").stateMachineArn());
    }

    @Test
    void substitutesPlaceholdersInValuesAndKeys() {
        StateMachine sm = StateMachine.parse(q("{'StartAt':'S','States':{'S':{'Type':'Pass',"
                + "'Parameters':{'${Key}':'${A}-${B}'},'End':true}}}"), Map.of("Key", "k", "A", "1", "B", "$2"));
        assertEquals("1-$2", sm.definition().at("/States/S/Parameters/k").textValue());
    }

    @Test
    void unknownPlaceholderIsAnError() {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> StateMachine.parse(
                q(oneState("{'Type':'Task','Resource':'${Missing}','End':true}")), Map.of("Other", "x")));
        assertTrue(e.getMessage().contains("${Missing}") && e.getMessage().contains("/States/S/Resource"), e.getMessage());
    }

    @Test
    void refusesJsonata() {
        UnsupportedFeatureException top = unsupported("{'QueryLanguage':'JSONata','StartAt':'S','States':{'S':{'Type':'Succeed'}}}");
        assertEquals("QueryLanguage", top.field());
        assertTrue(top.getMessage().contains("JSONata"));
        UnsupportedFeatureException state = unsupported(oneState("{'Type':'Pass','QueryLanguage':'JSONata','End':true}"));
        assertEquals("S", state.stateName());
        UnsupportedFeatureException output = unsupported(oneState("{'Type':'Pass','Output':'{% $states.input %}','End':true}"));
        assertEquals("Output", output.field());
        assertTrue(output.getMessage().contains("JSONata"));
        UnsupportedFeatureException args = unsupported(oneState("{'Type':'Task','Resource':'x','Arguments':{},'End':true}"));
        assertEquals("Arguments", args.field());
    }

    @Test
    void acceptsExplicitJsonPath() {
        assertEquals("S", parse("{'QueryLanguage':'JSONPath','StartAt':'S','States':{'S':{'Type':'Succeed','QueryLanguage':'JSONPath'}}}").startAt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:states:::lambda:invoke", "arn:aws:states:::dynamodb:putItem",
        "arn:aws:states:::sqs:sendMessage.waitForTaskToken", "arn:aws:states:us-east-1:123456789012:activity:work"})
    void refusesServiceIntegrationsAndActivities(String resource) {
        UnsupportedFeatureException e = unsupported(oneState("{'Type':'Task','Resource':'" + resource + "','End':true}"));
        assertEquals("S", e.stateName());
        assertEquals("Resource", e.field());
        assertTrue(e.getMessage().contains(resource), e.getMessage());
    }

    @Test
    void refusesUnknownStateTypesAndFields() {
        UnsupportedFeatureException type = unsupported(oneState("{'Type':'Loop','End':true}"));
        assertEquals("Type", type.field());
        assertTrue(type.getMessage().contains("Loop"));
        UnsupportedFeatureException field = unsupported(oneState("{'Type':'Pass','Ends':true,'End':true}"));
        assertEquals("State 'S', field 'Ends': unknown field 'Ends'", field.getMessage());
        assertEquals("Foo", unsupported("{'StartAt':'S','Foo':1,'States':{'S':{'Type':'Succeed'}}}").field());
        assertEquals("Retry[0].Jitter", unsupported(oneState(
                "{'Type':'Task','Resource':'x','Retry':[{'ErrorEquals':['E'],'Jitter':'FULL'}],'End':true}")).field());
    }

    @Test
    void refusesNamedUnsupportedFeatures() {
        assertEquals("HeartbeatSeconds", unsupported(oneState("{'Type':'Task','Resource':'x','HeartbeatSeconds':10,'End':true}")).field());
        assertEquals("Credentials", unsupported(oneState("{'Type':'Task','Resource':'x','Credentials':{},'End':true}")).field());
        assertEquals("Assign", unsupported(oneState("{'Type':'Pass','Assign':{'x':1},'End':true}")).field());
        String processor = "'ItemProcessor':{'StartAt':'I','States':{'I':{'Type':'Succeed'}}}";
        assertEquals("ItemReader", unsupported(oneState("{'Type':'Map','ItemReader':{}," + processor + ",'End':true}")).field());
        assertEquals("ToleratedFailurePercentage", unsupported(oneState("{'Type':'Map','ToleratedFailurePercentage':5," + processor + ",'End':true}")).field());
        assertEquals("ItemProcessor.ProcessorConfig.Mode", unsupported(oneState("{'Type':'Map','ItemProcessor':{'ProcessorConfig':"
                + "{'Mode':'DISTRIBUTED','ExecutionType':'STANDARD'},'StartAt':'I','States':{'I':{'Type':'Succeed'}}},'End':true}")).field());
        assertEquals("Parameters.x.$", unsupported(oneState("{'Type':'Pass','Parameters':{'x.$':'$.a[*].b'},'End':true}")).field());
        assertEquals("InputPath", unsupported(oneState("{'Type':'Pass','InputPath':'$..a','End':true}")).field());
        assertEquals("Parameters.x.$", unsupported(oneState("{'Type':'Pass','Parameters':{'x.$':'States.MathRandom(1,2)'},'End':true}")).field());
    }

    @Test
    void missingTransitionTargets() {
        InvalidDefinitionException next = invalid("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'Nowhere'},'B':{'Type':'Succeed'}}}");
        assertEquals("A", next.stateName());
        assertEquals("Next", next.field());
        assertTrue(next.getMessage().contains("Nowhere"));
        assertEquals("StartAt", invalid("{'StartAt':'X','States':{'A':{'Type':'Succeed'}}}").field());
        assertEquals("Choices[1].Next", invalid(oneState("{'Type':'Choice','Choices':[{'Variable':'$.a','IsPresent':true,'Next':'S'},"
                + "{'Variable':'$.a','IsPresent':false,'Next':'Gone'}]}")).field());
        assertEquals("Default", invalid("{'StartAt':'C','States':{'C':{'Type':'Choice','Choices':[{'Variable':'$.a','IsPresent':true,"
                + "'Next':'E'}],'Default':'Gone'},'E':{'Type':'Succeed'}}}").field());
        assertEquals("Catch[0].Next", invalid(oneState("{'Type':'Task','Resource':'x','Catch':[{'ErrorEquals':['States.ALL'],"
                + "'Next':'Gone'}],'End':true}")).field());
    }

    @Test
    void transitionsCannotLeaveTheirBranch() {
        InvalidDefinitionException e = invalid("{'StartAt':'M','States':{'M':{'Type':'Map','ItemProcessor':{'StartAt':'I',"
                + "'States':{'I':{'Type':'Pass','Next':'After'}}},'Next':'After'},'After':{'Type':'Succeed'}}}");
        assertEquals("I", e.stateName());
    }

    @Test
    void structuralErrors() {
        invalid(oneState("{'Type':'Pass'}"));                                       // neither Next nor End
        invalid("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'B','End':true},'B':{'Type':'Succeed'}}}");
        invalid(oneState("{'Type':'Succeed','End':true}"));
        invalid(oneState("{'Type':'Choice','Choices':[],'Default':'S'}"));
        invalid(oneState("{'Type':'Wait','Seconds':1,'SecondsPath':'$.s','End':true}"));
        invalid(oneState("{'Type':'Wait','End':true}"));
        invalid(oneState("{'Type':'Wait','Timestamp':'tomorrow','End':true}"));
        invalid(oneState("{'Type':'Task','End':true}"));
        invalid(oneState("{'Type':'Task','Resource':'x','TimeoutSeconds':0,'End':true}"));
        invalid(oneState("{'Type':'Pass','ResultPath':'$$.State','End':true}"));
        invalid(oneState("{'Type':'Fail','Error':'E','ErrorPath':'$.e'}"));
        invalid(oneState("{'Type':'Map','End':true}"));
        invalid("{'StartAt':'A','States':{'A':{'Type':'Pass','Next':'A'}}}");         // no terminal state
        invalid("{'StartAt':'A','States':{}}");
        invalid("{'States':{'A':{'Type':'Succeed'}}}");
        invalid("[]");
        invalid("{not json");
        invalid("{'StartAt':'A','Version':'2.0','States':{'A':{'Type':'Succeed'}}}");
    }

    @Test
    void unreachableStatesAreRejected() {
        InvalidDefinitionException e = invalid("{'StartAt':'A','States':{'A':{'Type':'Succeed'},'Orphan':{'Type':'Succeed'}}}");
        assertEquals("Orphan", e.stateName());
    }

    @Test
    void stateNamesAreUniqueAcrossBranches() {
        InvalidDefinitionException e = invalid("{'StartAt':'A','States':{'A':{'Type':'Parallel','Branches':["
                + "{'StartAt':'A','States':{'A':{'Type':'Succeed'}}}],'End':true}}}");
        assertTrue(e.getMessage().contains("unique"), e.getMessage());
        assertThrows(InvalidDefinitionException.class, () -> StateMachine.parse(
                "{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Succeed\"},\"A\":{\"Type\":\"Succeed\"}}}", Map.of()));
    }

    @Test
    void retryAndCatchValidation() {
        String task = "{'Type':'Task','Resource':'x','End':true,";
        assertEquals("Retry[0].ErrorEquals", invalid(oneState(task + "'Retry':[{'ErrorEquals':['States.ALL','X']}]}")).field());
        assertEquals("Retry[0].ErrorEquals", invalid(oneState(task + "'Retry':[{'ErrorEquals':['States.ALL']},{'ErrorEquals':['X']}]}")).field());
        assertEquals("Retry[0].ErrorEquals", invalid(oneState(task + "'Retry':[{'ErrorEquals':[]}]}")).field());
        assertEquals("Retry[0].BackoffRate", invalid(oneState(task + "'Retry':[{'ErrorEquals':['X'],'BackoffRate':0.5}]}")).field());
        assertEquals("Retry[0].IntervalSeconds", invalid(oneState(task + "'Retry':[{'ErrorEquals':['X'],'IntervalSeconds':0}]}")).field());
        assertEquals("Retry[0].MaxAttempts", invalid(oneState(task + "'Retry':[{'ErrorEquals':['X'],'MaxAttempts':-1}]}")).field());
        assertEquals("Retry[0].MaxDelaySeconds", invalid(oneState(task + "'Retry':[{'ErrorEquals':['X'],'MaxDelaySeconds':0}]}")).field());
        assertEquals("Retry[0].JitterStrategy", invalid(oneState(task + "'Retry':[{'ErrorEquals':['X'],'JitterStrategy':'HALF'}]}")).field());
        assertEquals("Catch[0].Next", invalid(oneState(task + "'Catch':[{'ErrorEquals':['X']}]}")).field());
        parse(oneState(task + "'Retry':[{'ErrorEquals':['X'],'MaxAttempts':0},{'ErrorEquals':['States.ALL'],"
                + "'IntervalSeconds':2,'BackoffRate':1.5,'MaxDelaySeconds':30,'JitterStrategy':'FULL','Comment':'c'}]}"));
    }

    @Test
    void messagesNameStateAndField() {
        InvalidDefinitionException e = invalid(oneState("{'Type':'Task','Resource':'x','TimeoutSeconds':'10','End':true}"));
        assertEquals("State 'S', field 'TimeoutSeconds': must be an integer from 1 to 99999999, got \"10\"", e.getMessage());
        assertEquals(List.of("S", "TimeoutSeconds"), List.of(e.stateName(), e.field()));
    }

    @Test
    void stateMachineNamesAreChecked() {
        StateMachine sm = parse(oneState("{'Type':'Succeed'}"));
        assertEquals("StateMachine", sm.name());
        assertThrows(IllegalArgumentException.class, () -> sm.named("bad name"));
    }
}
