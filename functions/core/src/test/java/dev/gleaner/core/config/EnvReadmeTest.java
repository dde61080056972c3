package dev.gleaner.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's table of environment variables lists exactly the names in {@link Env}. */
class EnvReadmeTest {
    private static final String HEADING = "### Environment variables";
    private static final Pattern NAME = Pattern.compile("`([A-Z_][A-Z0-9_]*)`");

    @Test
    void readmeTableMatchesEnv() throws Exception {
        Set<String> inEnv = new TreeSet<>();
        for (Field f : Env.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers()) && f.getType() == String.class) {
                inEnv.add((String) f.get(null));
            }
        }
        Set<String> inReadme = readmeTable();
        assertFalse(inReadme.isEmpty(), "README.md has no \"" + HEADING + "\" table");
        Set<String> missing = new TreeSet<>(inEnv);
        missing.removeAll(inReadme);
        Set<String> unknown = new TreeSet<>(inReadme);
        unknown.removeAll(inEnv);
        assertEquals(Set.of(), missing, "constants in Env without a row in README.md's " + HEADING + " table");
        assertEquals(Set.of(), unknown, "names in README.md's " + HEADING + " table that Env does not define");
    }

    /** The names in the first column of the table under the heading. */
    private static Set<String> readmeTable() throws IOException {
        List<String> lines = Files.readAllLines(readme());
        Set<String> names = new TreeSet<>();
        boolean inSection = false;
        for (String line : lines) {
            if (line.startsWith("#")) {
                inSection = line.trim().equals(HEADING);
                continue;
            }
            if (inSection && line.startsWith("| `")) {
                Matcher m = NAME.matcher(line.split("\\|")[1]);
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }

    private static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir.resolve("README.md");
            }
        }
        throw new IllegalStateException("no README.md next to template.yaml above " + Path.of("").toAbsolutePath());
    }
}
