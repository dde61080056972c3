package dev.gleaner.local;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every test class of this module (the end-to-end tests among them) runs with standard output and
 * standard error copied aside: every log line the handlers, the runner and the test print. After
 * the class, none of it may contain a secret the class used: the value of each of its
 * {@code static final String} constants named like one ({@code TOKEN}, {@code COOKIES},
 * {@code AUT}, {@code SES}, {@code KEY}, {@code SECRET}, {@code PROXY}, {@code PASSWORD}, alone
 * or as a name's last part), and each value inside a cookie string. Registered for every class by
 * {@code META-INF/services} (autodetection is on in {@code junit-platform.properties}).
 */
public final class LogsKeepSecretsExtension implements BeforeAllCallback, AfterAllCallback {
    private static final Pattern SECRET_NAME = Pattern.compile("(^|_)(TOKEN|COOKIES?|AUT|SES|KEY|SECRET|PROXY|PASSWORD)$");
    private static final int SHORTEST = 6;
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(LogsKeepSecretsExtension.class);

    private record Capture(PrintStream out, PrintStream err, ByteArrayOutputStream copy) {}

    @Override
    public void beforeAll(ExtensionContext context) {
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        Capture c = new Capture(System.out, System.err, copy);
        System.setOut(new PrintStream(new Tee(c.out(), copy), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(c.err(), copy), true, StandardCharsets.UTF_8));
        context.getStore(NS).put(context.getRequiredTestClass(), c);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Capture c = context.getStore(NS).remove(context.getRequiredTestClass(), Capture.class);
        if (c == null) {
            return;
        }
        System.out.flush();
        System.err.flush();
        System.setOut(c.out());
        System.setErr(c.err());
        Set<String> secrets = secretsOf(context.getRequiredTestClass());
        String text;
        synchronized (c.copy()) {
            text = c.copy().toString(StandardCharsets.UTF_8);
        }
        List<String> leaks = new ArrayList<>();
        for (String line : text.split("\n")) {
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    leaks.add(secret.substring(0, 3) + "… in: " + line.replace(secret, "<SECRET>"));
                }
            }
        }
        if (!leaks.isEmpty()) {
            fail(context.getRequiredTestClass().getSimpleName() + " printed a secret it used (" + leaks.size()
                    + " lines), e.g. " + leaks.get(0));
        }
    }

    /** The class's secret-named constants and, in a cookie string, each cookie's value. */
    static Set<String> secretsOf(Class<?> type) {
        Set<String> out = new LinkedHashSet<>();
        for (Class<?> k = type; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (f.getType() != String.class || !Modifier.isStatic(f.getModifiers()) || !Modifier.isFinal(f.getModifiers())
                        || !SECRET_NAME.matcher(f.getName()).find()) {
                    continue;
                }
                try {
                    f.setAccessible(true);
                    String v = (String) f.get(null);
                    if (v == null) {
                        continue;
                    }
                    add(out, v);
                    for (String part : v.split(";")) {
                        int eq = part.indexOf('=');
                        if (eq > 0) {
                            add(out, part.substring(eq + 1).trim());
                        }
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    // not readable: nothing to check
                }
            }
        }
        return out;
    }

    private static void add(Set<String> out, String v) {
        if (v.length() >= SHORTEST) {
            out.add(v);
        }
    }

    /** Writes through and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream original;
        private final ByteArrayOutputStream copy;

        Tee(OutputStream original, ByteArrayOutputStream copy) {
            this.original = original;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            synchronized (copy) {
                copy.write(b);
            }
            original.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (copy) {
                copy.write(b, off, len);
            }
            original.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            original.flush();
        }
    }
}
