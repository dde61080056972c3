package dev.gleaner.bench.probe;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import dev.gleaner.bench.probe.crac.Core;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One cold start of one Lambda function, in a fresh JVM whose class path is the function's
 * deployment jar and this package only (started by {@code LambdaColdStartBench}). As the Java
 * runtime does: the handler class loaded and built through its no-argument constructor (init);
 * with {@code prime}, the CRaC hooks called as Lambda calls them around a SnapStart snapshot
 * ({@code beforeCheckpoint}, then {@code afterRestore}); then the first invocation, and a second
 * one for reference. The event is built with the events library's setters, so no JSON library is
 * loaded before the handler's own.
 *
 * <p>Arguments: handler class, {@code prime} or {@code cold}, method, resource, path, then
 * {@code path.NAME=VALUE}, {@code query.NAME=VALUE} and {@code body=JSON}. Prints one line: {@code PROBE name=value ...}
 * (times in nanoseconds; {@code main} is {@link System#nanoTime()} at the start of main, which
 * on Linux shares its clock with the parent's).
 */
public final class LambdaProbe {
    private LambdaProbe() {}

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static void main(String[] args) throws Exception {
        long main = System.nanoTime();
        String handlerClass = args[0];
        boolean prime = args[1].equals("prime");
        APIGatewayProxyRequestEvent event = event(args);

        long t0 = System.nanoTime();
        RequestHandler handler = (RequestHandler) Class.forName(handlerClass).getConstructor().newInstance();
        long init = System.nanoTime() - t0;

        long priming = 0;
        int resources = Core.getGlobalContext().size();
        if (prime) {
            long t1 = System.nanoTime();
            Core.getGlobalContext().beforeCheckpoint(null);
            Core.getGlobalContext().afterRestore(null);
            priming = System.nanoTime() - t1;
        }

        long t2 = System.nanoTime();
        Object first = handler.handleRequest(event, null);
        long firstCall = System.nanoTime() - t2;
        long t3 = System.nanoTime();
        Object second = handler.handleRequest(event, null);
        long secondCall = System.nanoTime() - t3;

        System.out.println("PROBE main=" + main + " init=" + init + " priming=" + priming + " resources=" + resources
                + " first=" + firstCall + " second=" + secondCall + " status=" + status(first) + " status2=" + status(second));
        System.out.flush();
        // The SDK's idle connection reaper and the like are daemon threads; exit at once regardless.
        System.exit(0);
    }

    private static int status(Object answer) {
        return answer instanceof APIGatewayProxyResponseEvent r && r.getStatusCode() != null ? r.getStatusCode() : -1;
    }

    private static APIGatewayProxyRequestEvent event(String[] args) {
        Map<String, String> path = new LinkedHashMap<>();
        Map<String, String> query = new LinkedHashMap<>();
        String body = null;
        for (int i = 5; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            String key = args[i].substring(0, eq);
            String value = args[i].substring(eq + 1);
            if (key.startsWith("path.")) {
                path.put(key.substring(5), value);
            } else if (key.startsWith("query.")) {
                query.put(key.substring(6), value);
            } else if (key.equals("body")) {
                body = value;
            } else {
                throw new IllegalArgumentException("expected path.NAME=VALUE or query.NAME=VALUE, got " + args[i]);
            }
        }
        APIGatewayProxyRequestEvent.ProxyRequestContext context = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId("cold-start-probe").withStage("prod").withHttpMethod(args[2]).withResourcePath(args[3])
                .withPath("/prod" + args[4]).withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp("127.0.0.1"));
        return new APIGatewayProxyRequestEvent().withHttpMethod(args[2]).withResource(args[3]).withPath(args[4])
                .withPathParameters(path.isEmpty() ? null : path).withQueryStringParameters(query.isEmpty() ? null : query)
                .withHeaders(Map.of("Accept", "application/json", "Content-Type", "application/json", "Host", "api.example.com"))
                .withBody(body).withRequestContext(context);
    }
}
