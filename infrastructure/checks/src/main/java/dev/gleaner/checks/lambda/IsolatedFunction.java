package dev.gleaner.checks.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * One Lambda function run the way the Java runtime runs it, as far as a test can: its deployment
 * jar in a class loader of its own (nothing from the test class path leaks in), the handler
 * instantiated once through its public no-argument constructor, events deserialised with the
 * runtime's own serialiser (aws-lambda-java-serialization) and answers serialised back to JSON,
 * exceptions reported by their class name. The function sees exactly the environment given here:
 * Gleaner reads its environment through {@code dev.gleaner.core.config.Env}, whose source is
 * replaced in the function's class loader by a map that also records every name read.
 *
 * <p>System properties are JVM-wide (the SDK reads its endpoint and credentials from them), so
 * invocations run one at a time, each with its function's properties set.
 */
public final class IsolatedFunction implements AutoCloseable {
    public static final String ENV_CLASS = "dev.gleaner.core.config.Env";
    private static final String EVENTS_PACKAGE = "com.amazonaws.services.lambda.runtime.events.";
    private static final Object JVM_WIDE = new Object();

    /** What an invocation answered: the JSON output, or the error the runtime would report. */
    public record Result(String output, String errorType, String errorMessage) {
        public boolean failed() {
            return errorType != null;
        }
    }

    private final String name;
    private final String handler;
    private final URLClassLoader loader;
    private final Map<String, String> systemProperties;
    private final int timeoutSeconds;
    private final int memoryMb;
    private final Set<String> read = Collections.synchronizedSet(new LinkedHashSet<>());
    private Object instance;
    private Method method;
    private Kind kind;

    private enum Kind { STREAM, POJO }

    private IsolatedFunction(String name, Path jar, String handler, Map<String, String> environment,
            Map<String, String> systemProperties, int timeoutSeconds, int memoryMb) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException(name + ": deployment jar " + jar + " does not exist (run mvn package)");
        }
        this.name = name;
        this.handler = handler;
        this.systemProperties = Map.copyOf(systemProperties);
        this.timeoutSeconds = timeoutSeconds;
        this.memoryMb = memoryMb;
        // Parent: the platform loader, so only the JDK is shared; like Lambda, nothing else is there.
        this.loader = new URLClassLoader(name, new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        installEnvironment(environment);
    }

    /**
     * @param handler {@code package.Class::method} as in the template
     * @param systemProperties set for the duration of each invocation (SDK endpoint, credentials)
     */
    public static IsolatedFunction load(String name, Path jar, String handler, Map<String, String> environment,
            Map<String, String> systemProperties, int timeoutSeconds, int memoryMb) throws IOException {
        return new IsolatedFunction(name, jar, handler, environment, systemProperties, timeoutSeconds, memoryMb);
    }

    /** The environment variable names the function has read so far (set or not). */
    public Set<String> environmentRead() {
        synchronized (read) {
            return new LinkedHashSet<>(read);
        }
    }

    public String name() {
        return name;
    }

    /** Loads the handler class and finds the method, without running any of the function's code. */
    public Method resolveHandler() throws ReflectiveOperationException {
        String className = handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
        String methodName = handler.contains("::") ? handler.substring(handler.indexOf("::") + 2) : "handleRequest";
        Class<?> cls = Class.forName(className, false, loader);
        Class<?> streamHandler = loader.loadClass("com.amazonaws.services.lambda.runtime.RequestStreamHandler");
        Class<?> contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
        List<Method> candidates = new ArrayList<>();
        for (Method m : cls.getMethods()) {
            if (m.getName().equals(methodName) && !m.isBridge() && !Modifier.isStatic(m.getModifiers())) {
                candidates.add(m);
            }
        }
        if (streamHandler.isAssignableFrom(cls)) {
            kind = Kind.STREAM;
            return cls.getMethod(methodName, InputStream.class, OutputStream.class, contextType);
        }
        // The runtime prefers (input, Context) over (input); handlers here take a Context.
        for (Method m : candidates) {
            Class<?>[] p = m.getParameterTypes();
            if (p.length == 2 && p[1] == contextType) {
                kind = Kind.POJO;
                return m;
            }
        }
        throw new NoSuchMethodException(className + " has no public instance method " + methodName
                + "(input, Context) and is not a RequestStreamHandler");
    }

    /** Runs the handler's class initialisation and public no-argument constructor, as Lambda's init phase. */
    private void init() throws Throwable {
        if (instance != null) {
            return;
        }
        method = resolveHandler();
        try {
            instance = Class.forName(handlerClassName(), true, loader).getConstructor().newInstance();
        } catch (InvocationTargetException | ExceptionInInitializerError e) {
            throw e.getCause() == null ? e : e.getCause();
        }
    }

    /** The handler class as the jar defines it, loaded but not initialised. */
    public Class<?> handlerClass() throws ClassNotFoundException {
        return Class.forName(handlerClassName(), false, loader);
    }

    private String handlerClassName() {
        return handler.contains("::") ? handler.substring(0, handler.indexOf("::")) : handler;
    }

    /** One invocation with a JSON event. Init errors are reported like invocation errors, as Lambda does. */
    public Result invoke(String eventJson) {
        synchronized (JVM_WIDE) {
            Map<String, String> previous = new LinkedHashMap<>();
            systemProperties.forEach((k, v) -> previous.put(k, System.setProperty(k, v)));
            Thread thread = Thread.currentThread();
            ClassLoader tccl = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                init();
                Object context = context();
                if (kind == Kind.STREAM) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    method.invoke(instance, new ByteArrayInputStream(eventJson.getBytes(StandardCharsets.UTF_8)), out, context);
                    return new Result(out.toString(StandardCharsets.UTF_8), null, null);
                }
                Object input = serializer(method.getParameterTypes()[0]).fromJson(eventJson);
                Object output = method.invoke(instance, input, context);
                if (output == null || method.getReturnType() == void.class) {
                    return new Result("null", null, null);
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                serializer(output.getClass()).toJson(output, out);
                return new Result(out.toString(StandardCharsets.UTF_8), null, null);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                return new Result(null, cause.getClass().getName(), String.valueOf(cause.getMessage()));
            } catch (Throwable e) {
                return new Result(null, e.getClass().getName(), String.valueOf(e.getMessage()));
            } finally {
                thread.setContextClassLoader(tccl);
                previous.forEach((k, v) -> {
                    if (v == null) {
                        System.clearProperty(k);
                    } else {
                        System.setProperty(k, v);
                    }
                });
            }
        }
    }

    @SuppressWarnings("unchecked")
    private PojoSerializer<Object> serializer(Class<?> type) {
        if (type.getName().startsWith(EVENTS_PACKAGE)) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader);
        }
        return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
    }

    /** A Context as Lambda passes it, built on the jar's own Context interface. */
    private Object context() throws ClassNotFoundException {
        Class<?> contextType = loader.loadClass("com.amazonaws.services.lambda.runtime.Context");
        Class<?> loggerType = loader.loadClass("com.amazonaws.services.lambda.runtime.LambdaLogger");
        Object logger = Proxy.newProxyInstance(loader, new Class<?>[] {loggerType}, (p, m, args) -> {
            if (m.getName().equals("log") && args != null && args.length > 0) {
                Object msg = args[0];
                System.out.print(msg instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(msg));
            }
            return null;
        });
        String requestId = UUID.randomUUID().toString();
        long deadline = System.currentTimeMillis() + timeoutSeconds * 1000L;
        return Proxy.newProxyInstance(loader, new Class<?>[] {contextType}, (p, m, args) -> switch (m.getName()) {
            case "getAwsRequestId" -> requestId;
            case "getLogGroupName" -> "/aws/lambda/" + name;
            case "getLogStreamName" -> "local";
            case "getFunctionName" -> name;
            case "getFunctionVersion" -> "$LATEST";
            case "getInvokedFunctionArn" -> "arn:aws:lambda:us-east-1:000000000000:function:" + name;
            case "getRemainingTimeInMillis" -> (int) Math.max(0, deadline - System.currentTimeMillis());
            case "getMemoryLimitInMB" -> memoryMb;
            case "getLogger" -> logger;
            case "toString" -> "Context[" + name + "]";
            case "hashCode" -> System.identityHashCode(p);
            case "equals" -> p == args[0];
            default -> null;
        });
    }

    /**
     * Gives the function its environment. {@code Env.replace(Map)}, where the code offers it, takes
     * the map as it is; otherwise the map goes into {@code Env}'s {@code source} field. Either way the
     * map is the recording one, and nothing of this JVM's own environment shows through.
     */
    private void installEnvironment(Map<String, String> environment) {
        Map<String, String> env = new RecordingEnvironment(environment, read);
        try {
            Class<?> envClass = Class.forName(ENV_CLASS, true, loader);
            try {
                envClass.getMethod("replace", Map.class).invoke(null, env);
                return;
            } catch (NoSuchMethodException noHook) {
                Field source = envClass.getDeclaredField("source");
                source.setAccessible(true);
                source.set(null, env);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException(name + ": cannot give the function its environment through "
                    + ENV_CLASS + " (" + e + "); every Gleaner function reads its environment there", e);
        }
    }

    @Override
    public void close() throws IOException {
        instance = null;
        loader.close();
    }

    /** An unmodifiable environment that remembers which names were asked for. */
    static final class RecordingEnvironment extends AbstractMap<String, String> {
        private final Map<String, String> values;
        private final Set<String> read;

        RecordingEnvironment(Map<String, String> values, Set<String> read) {
            this.values = Map.copyOf(values);
            this.read = read;
        }

        @Override
        public String get(Object key) {
            read.add(String.valueOf(key));
            return values.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            read.add(String.valueOf(key));
            return values.containsKey(key);
        }

        @Override
        public String getOrDefault(Object key, String defaultValue) {
            read.add(String.valueOf(key));
            return values.getOrDefault(key, defaultValue);
        }

        @Override
        public Set<Entry<String, String>> entrySet() {
            return values.entrySet();
        }
    }
}
