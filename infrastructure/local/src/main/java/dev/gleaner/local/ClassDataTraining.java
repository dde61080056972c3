package dev.gleaner.local;

import dev.gleaner.api.Endpoints;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The build's training run ({@code -XX:ArchiveClassesAtExit}, see the pom): the runner has started;
 * this sends the requests a first visit makes (the console, the API's reads, a refused start) so
 * their classes are in the archive too, then writes the JVM's version next to the jar, which
 * {@link ClassDataLauncher} compares before using the archive.
 */
final class ClassDataTraining {
    private ClassDataTraining() {}

    static void run(LocalRunner runner) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        String base = runner.baseUrl();
        for (String path : List.of("/", "/console/", "/openapi.json", Endpoints.COLLECTIONS + "/status/summary",
                Endpoints.COLLECTIONS + "/tasks", Endpoints.COLLECTIONS + "/task/00000000-0000-4000-8000-000000000000",
                "/tasks/00000000-0000-4000-8000-000000000000")) {
            http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        // A start refused for its category: the request parsing and validation, nothing started.
        http.send(HttpRequest.newBuilder(URI.create(base + Endpoints.COLLECTIONS + "/babitalk/start"))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString("{\"categories\": [\"priming\"], \"limit\": 24}")).build(),
                HttpResponse.BodyHandlers.discarding());
        Path jar = Path.of(ClassDataTraining.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        if (jar.getFileName().toString().endsWith(".jar")) {
            Path stamp = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "")
                    + ClassDataLauncher.STAMP_SUFFIX);
            Files.writeString(stamp, System.getProperty("java.vm.version") + "\n", StandardCharsets.UTF_8);
        }
        System.out.println("Gleaner: class-data training run done; the archive is written as the JVM exits.");
    }
}
