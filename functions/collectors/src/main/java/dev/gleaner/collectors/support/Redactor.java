package dev.gleaner.collectors.support;

import dev.gleaner.core.task.Secrets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Last line of defence for text that came from a server (error reasons, notes): removes any
 * secret value (the whole cookie string, each cookie value, the token) before it is shown.
 */
public final class Redactor {
    private static final int MIN_SECRET_LENGTH = 4;
    private final List<String> values;

    public Redactor(Secrets secrets) {
        List<String> v = new ArrayList<>();
        if (secrets != null) {
            add(v, secrets.gangnamunniToken());
            String cookies = secrets.naverCookies();
            add(v, cookies);
            if (cookies != null) {
                for (String part : cookies.split(";")) {
                    int eq = part.indexOf('=');
                    add(v, eq >= 0 ? part.substring(eq + 1) : part);
                }
            }
        }
        v.sort(Comparator.comparingInt(String::length).reversed());
        this.values = List.copyOf(v);
    }

    private static void add(List<String> v, String s) {
        if (s != null) {
            String t = s.trim();
            if (t.length() >= MIN_SECRET_LENGTH && !v.contains(t)) {
                v.add(t);
            }
        }
    }

    public String scrub(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String out = text;
        for (String s : values) {
            out = out.replace(s, "***");
        }
        return out;
    }
}
