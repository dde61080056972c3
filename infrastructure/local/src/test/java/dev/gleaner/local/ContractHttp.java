package dev.gleaner.local;

import dev.gleaner.web.OpenApiContract;
import dev.gleaner.web.WebRoutes;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one way the end-to-end tests talk HTTP to the local runner: every answer they receive is
 * checked against the OpenAPI document (status, content type, JSON body against its schema)
 * before the test sees it. The static routes serve files, not API answers, and are not checked.
 */
public final class ContractHttp {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AtomicLong CHECKED = new AtomicLong();

    private ContractHttp() {}

    public static HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        String path = request.uri().getRawPath();
        // The console (also at / locally), Swagger UI and the document itself are files, not API answers.
        boolean staticFile = path.equals("/") || WebRoutes.match(path).isPresent();
        if (!staticFile) {
            OpenApiContract.shared().check(request.method(), path, r.statusCode(),
                    r.headers().firstValue("Content-Type").orElse(null), r.body());
            CHECKED.incrementAndGet();
        }
        return r;
    }

    /** How many answers were checked so far in this JVM. */
    public static long checked() {
        return CHECKED.get();
    }
}
