package dev.gleaner.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** {@code gleaner --version}: the build's version (filtered into version.properties by Maven). */
public final class Version implements CommandLine.IVersionProvider {
    public static String number() {
        Properties p = new Properties();
        try (InputStream in = Version.class.getResourceAsStream("/dev/gleaner/cli/version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // below
        }
        return p.getProperty("version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"gleaner " + number(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
