package dev.gleaner.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/**
 * What the console promises about itself, read from its files: small, self-contained (nothing from
 * another origin), every module import resolves, and both languages have every text the code uses.
 */
class ConsoleAssetsTest {
    private static final int BUDGET_GZIPPED = 150 * 1024;
    private final Map<String, StaticFiles.Asset> files = StaticFiles.shared().files(WebRoutes.CONSOLE);

    private String text(String name) {
        return new String(files.get(name).bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void everythingTogetherIsAtMost150KbGzipped() throws IOException {
        long total = 0;
        for (StaticFiles.Asset a : files.values()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
                gz.write(a.bytes());
            }
            total += out.size();
        }
        System.out.printf("console: %d files, %.1f KB gzipped (budget %d KB)%n", files.size(), total / 1024.0,
                BUDGET_GZIPPED / 1024);
        assertTrue(total <= BUDGET_GZIPPED, total + " bytes gzipped");
        assertTrue(files.size() >= 10, files.keySet()::toString);
    }

    @Test
    void nothingIsLoadedFromAnotherOrigin() {
        // Attributes and imports that make the browser fetch: none may name a scheme or another host.
        Pattern fetching = Pattern.compile("(?:\\b(?:src|href|action)\\s*=\\s*[\"']|\\bfrom\\s+[\"']|\\bimport\\s*\\(\\s*[\"']"
                + "|url\\(\\s*[\"']?|@import\\s+[\"'])\\s*((?:[a-z][a-z0-9+.-]*:)?//[^\"')\\s]*)", Pattern.CASE_INSENSITIVE);
        List<String> found = new ArrayList<>();
        for (String name : files.keySet()) {
            if (!files.get(name).text()) {
                continue;
            }
            Matcher m = fetching.matcher(text(name));
            while (m.find()) {
                found.add(name + ": " + m.group(1));
            }
        }
        assertEquals(List.of(), found);
        String index = text("index.html");
        assertTrue(!index.contains("<script>") && !index.contains(" style=") && !index.contains(" onclick="),
                "no inline script, style or handler (the CSP forbids them)");
    }

    @Test
    void everyModuleImportResolvesToAFileOfTheConsole() {
        Pattern imp = Pattern.compile("\\bfrom\\s+'\\./([^']+)'");
        List<String> missing = new ArrayList<>();
        for (String name : files.keySet()) {
            if (name.startsWith("js/")) {
                Matcher m = imp.matcher(text(name));
                while (m.find()) {
                    if (!files.containsKey("js/" + m.group(1))) {
                        missing.add(name + " imports ./" + m.group(1));
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
        Matcher refs = Pattern.compile("(?:src|href)=\"console/([^\"]+)\"").matcher(text("index.html"));
        while (refs.find()) {
            assertTrue(files.containsKey(refs.group(1)), "index.html names console/" + refs.group(1));
        }
    }

    @Test
    void koreanAndEnglishHaveEveryTextTheCodeUses() {
        String i18n = text("js/i18n.js");
        Set<String> en = keys(i18n, "const en = {");
        Set<String> ko = keys(i18n, "const ko = {");
        assertEquals(en, ko, "the two dictionaries have the same keys");
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("\\bt\\('([a-zA-Z0-9_.]+)'").matcher("");
        for (String name : files.keySet()) {
            if (name.startsWith("js/")) {
                m.reset(text(name));
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        Matcher shell = Pattern.compile("data-i18n(?:-aria)?=\"([^\"]+)\"").matcher(text("index.html"));
        while (shell.find()) {
            used.add(shell.group(1));
        }
        used.removeAll(en);
        assertEquals(Set.of(), used, "texts used but not translated");
    }

    private static Set<String> keys(String source, String start) {
        int from = source.indexOf(start);
        int to = source.indexOf("\n};", from);
        assertTrue(from >= 0 && to > from, start);
        Set<String> keys = new TreeSet<>();
        Matcher m = Pattern.compile("(?:^|[\\s,{])'?([a-zA-Z0-9_.]+)'?\\s*:\\s*'").matcher(source.substring(from + start.length(), to));
        while (m.find()) {
            keys.add(m.group(1));
        }
        return keys;
    }
}
