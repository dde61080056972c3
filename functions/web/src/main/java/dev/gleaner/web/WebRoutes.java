package dev.gleaner.web;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The static routes, in one table: folders of files in this jar, each served under a path prefix by
 * {@link StaticFileHandler}, and the OpenAPI document, without the API key (the pages hold no data; every data call they make
 * still needs the key). {@code template.yaml} wires exactly these routes to {@link #FUNCTION} (the
 * template test checks it) and the local runner serves the same ones, plus the console at {@code /}.
 * They are not API operations: {@code dev.gleaner.api.Routes} lists those.
 */
public final class WebRoutes {
    /** The logical id of the one static-file function in template.yaml. */
    public static final String FUNCTION = "WebFunction";
    /** The path parameter of a mount's greedy route ({@code /console/{proxy+}}). */
    public static final String PROXY = "proxy";

    /**
     * The console may load only what its own origin serves: scripts and styles from files (no inline
     * code, no eval), data calls to the API beside it, images from itself or data: URLs, no frames,
     * no form posts elsewhere, no base tag.
     */
    public static final String CONSOLE_CSP = String.join("; ",
            "default-src 'none'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
            "connect-src 'self'", "font-src 'self'", "manifest-src 'self'", "base-uri 'none'",
            "form-action 'none'", "frame-ancestors 'none'");

    /**
     * A folder of static files.
     *
     * @param prefix the path it is served under, e.g. {@code /console}
     * @param directory the classpath folder holding the files, e.g. {@code web/console}
     * @param index the file answered for the prefix itself
     * @param contentSecurityPolicy sent with every file of the mount
     */
    public record Mount(String prefix, String directory, String index, String contentSecurityPolicy) {}

    /** The web console (the local runner also serves it at {@code /}). */
    public static final Mount CONSOLE = new Mount("/console", "web/console", "index.html", CONSOLE_CSP);

    /**
     * Swagger UI for {@link #OPENAPI}: the page and its script in {@code web/docs}, the webjar's
     * bundle and style copied beside them at build time (functions/web/pom.xml); nothing from a CDN.
     * The console's policy fits it too: files from this origin, the document fetched from it.
     */
    public static final Mount DOCS = new Mount("/docs", "web/docs", "index.html", CONSOLE_CSP);

    public static final List<Mount> MOUNTS = List.of(CONSOLE, DOCS);

    /** The API's OpenAPI 3.1 document ({@link OpenApiDocument}): one file, not a mount. */
    public static final String OPENAPI = "/openapi.json";

    /** A route as API Gateway sees it: a mount's own path and its greedy sub-path, or a single file (no mount). */
    public record Route(String method, String path, Mount mount) {}

    public static final List<Route> ALL = Stream.concat(MOUNTS.stream()
            .flatMap(m -> Stream.of(new Route("GET", m.prefix(), m), new Route("GET", m.prefix() + "/{" + PROXY + "+}", m))),
            Stream.of(new Route("GET", OPENAPI, null))).toList();

    /** A concrete path matched to a route: {@code file} is null for the mount's own path. */
    public record Match(Route route, String file) {}

    private WebRoutes() {}

    /** The route API Gateway would pick for a request path (no stage), if any. */
    public static Optional<Match> match(String path) {
        if (path.equals(OPENAPI)) {
            return ALL.stream().filter(r -> r.path().equals(OPENAPI)).findFirst().map(r -> new Match(r, null));
        }
        for (Mount m : MOUNTS) {
            if (path.equals(m.prefix())) {
                return Optional.of(new Match(ALL.get(2 * MOUNTS.indexOf(m)), null));
            }
            if (path.startsWith(m.prefix() + "/")) {
                return Optional.of(new Match(ALL.get(2 * MOUNTS.indexOf(m) + 1), path.substring(m.prefix().length() + 1)));
            }
        }
        return Optional.empty();
    }

    /** The mount whose route has this API Gateway resource path. */
    public static Optional<Mount> mountForResource(String resource) {
        return ALL.stream().filter(r -> r.path().equals(resource) && r.mount() != null).map(Route::mount).findFirst();
    }
}
