package dev.gleaner.local;

import dev.gleaner.core.config.Env;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How the local runner was asked to start.
 *
 * @param port 0 picks a free port (tests)
 * @param dataDir null keeps everything in memory
 * @param apiKey when set, every API route wants it in {@code x-api-key} (as API Gateway does); null: no key
 * @param corsOrigins the origins (scheme://host[:port]) whose pages may call the API; {@code *} allows any
 * @param allowedHosts extra {@code Host} names the runner answers to, beyond its own addresses and names
 * @param demo also start the built-in sample sources on loopback and collect from them
 */
public record LocalOptions(String host, int port, Path dataDir, String apiKey, List<String> corsOrigins,
        List<String> allowedHosts, boolean demo) {
    public static final int DEFAULT_PORT = 8000;
    public static final String DEFAULT_HOST = "127.0.0.1";

    public LocalOptions {
        corsOrigins = corsOrigins == null ? List.of() : List.copyOf(corsOrigins);
        allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    }

    /** In-memory or on-disk, no key, no cross-origin callers, live sources. */
    public LocalOptions(String host, int port, Path dataDir) {
        this(host, port, dataDir, null, List.of(), List.of(), false);
    }

    public LocalOptions withApiKey(String key) {
        return new LocalOptions(host, port, dataDir, key, corsOrigins, allowedHosts, demo);
    }

    public LocalOptions withCorsOrigins(List<String> origins) {
        return new LocalOptions(host, port, dataDir, apiKey, origins, allowedHosts, demo);
    }

    public LocalOptions withAllowedHosts(List<String> hosts) {
        return new LocalOptions(host, port, dataDir, apiKey, corsOrigins, hosts, demo);
    }

    /** With the built-in sample sources ({@code --demo}). */
    public LocalOptions withDemo(boolean on) {
        return new LocalOptions(host, port, dataDir, apiKey, corsOrigins, allowedHosts, on);
    }

    public static LocalOptions parse(String[] args, Map<String, String> env) {
        String host = DEFAULT_HOST;
        int port = env.containsKey(Env.PORT) ? parsePort(env.get(Env.PORT)) : DEFAULT_PORT;
        Path data = null;
        String apiKey = env.get(Env.API_KEY);
        List<String> cors = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        boolean demo = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                inline = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--port" -> port = parsePort(inline != null ? inline : value(args, ++i, arg));
                case "--data" -> data = Path.of(nonEmpty(inline != null ? inline : value(args, ++i, arg), arg));
                case "--host" -> host = nonEmpty(inline != null ? inline : value(args, ++i, arg), arg);
                case "--api-key" -> apiKey = nonEmpty(inline != null ? inline : value(args, ++i, arg), arg);
                case "--cors-origin" -> cors.addAll(origins(inline != null ? inline : value(args, ++i, arg)));
                case "--allow-host" -> hosts.addAll(list(inline != null ? inline : value(args, ++i, arg), arg));
                case "--demo" -> {
                    if (inline != null) {
                        throw new UsageException("--demo takes no value");
                    }
                    demo = true;
                }
                case "-h", "--help" -> throw new UsageException(null);
                default -> throw new UsageException("unknown option " + args[i]);
            }
        }
        return new LocalOptions(host, port, data, apiKey, cors, hosts, demo);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static String nonEmpty(String v, String option) {
        if (v.isBlank()) {
            throw new UsageException(option + " needs a non-empty value");
        }
        return v.trim();
    }

    private static List<String> list(String v, String option) {
        List<String> out = new ArrayList<>();
        for (String part : v.split(",")) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        if (out.isEmpty()) {
            throw new UsageException(option + " needs a value");
        }
        return out;
    }

    /** scheme://host[:port] each (no path), or {@code *}. */
    private static List<String> origins(String v) {
        List<String> out = list(v, "--cors-origin");
        for (String o : out) {
            if (!o.equals("*") && !o.matches("(?i)https?://[^/?#\\s]+")) {
                throw new UsageException("--cors-origin takes origins such as http://localhost:3000 (scheme, host and"
                        + " port, no path) or *, not '" + o + "'");
            }
        }
        return out;
    }

    private static int parsePort(String text) {
        try {
            int p = Integer.parseInt(text.trim());
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new UsageException("port must be a number from 0 to 65535, not '" + text + "'");
    }

    public static final String USAGE = """
            usage: java -jar infrastructure/local/target/gleaner-local.jar [OPTIONS]

            Runs the whole Gleaner API on this machine: DynamoDB Local, an SQS-compatible queue, the
            collection state machine and the same handlers as on AWS.

            Options:
              --port N             port to listen on (default: $PORT, else 8000; 0 picks a free one)
              --host ADDR          address to bind (default 127.0.0.1: only this machine can connect).
                                   0.0.0.0 or a LAN address exposes the API to other machines: set an
                                   API key when you do (a warning is printed otherwise)
              --data DIR           keep DynamoDB data in DIR between runs (default: in memory)
              --api-key KEY        require KEY in the x-api-key header of every API call, as API Gateway
                                   does (default: $GLEANER_API_KEY, else no key); wrong or missing: 403
              --cors-origin ORIGIN let web pages from ORIGIN (e.g. http://localhost:3000) call the API;
                                   repeat it or separate with commas; * allows every origin. Default:
                                   none, so other sites' pages can neither call nor read the API
              --allow-host NAME    also answer requests whose Host header is NAME (default: localhost,
                                   the loopback addresses and the bound address; with 0.0.0.0 also this
                                   machine's names and addresses). Other Host names get 421, which
                                   defeats DNS-rebinding attacks from web pages
              --demo               also start built-in sample sources for Babitalk, Gangnam Unni and
                                   Naver Cafe on loopback and collect from them instead of the live
                                   sites: the same endpoints and response shapes, deterministic posts
                                   (several a day over the last 14 days, one a day back to 2024-01-01)
                                   with comments, 40-160 ms answers. Works offline
              -h, --help           print this help

            Environment variables:
              PORT                          the default for --port
              GLEANER_API_KEY               the default for --api-key
              GLEANER_DELAY_FACTOR          multiplies every politeness delay and workflow wait
                                            (default 1; 0 turns them off; --demo uses 0.05 unless set)
              GLEANER_MAX_RUNNING           collections running at once (default 10)
              GLEANER_PAGES_PER_CALL        list pages one collection step reads before it saves its
                                            cursor (default 10)
              GLEANER_MAX_PENDING_HOURS     how long a collection may wait for a slot before it fails
                                            (default 24, at most 48)
              GLEANER_REAPER_SECONDS        how often the reaper frees what dead runs left (default 60)
              BABITALK_API_URL              origin of the Babitalk API (default https://web-api.babitalk.com;
                                            with --demo, the five source URLs are the demo's)
              GANGNAMUNNI_URL               origin of Gangnam Unni (default https://www.gangnamunni.com)
              GANGNAMUNNI_REVIEWS_URL       origin of Gangnam Unni's reviews API (default https://env.gnsister.com)
              NAVER_CAFE_API_URL            origin of Naver's cafe list API (default https://apis.naver.com)
              NAVER_CAFE_ARTICLE_URL        origin of Naver's article API (default https://article.cafe.naver.com)
              GLEANER_ALLOW_LOOPBACK_FETCH  true lets scrapes and callbacks reach loopback addresses
                                            (127.0.0.1, localhost), e.g. a product page served on this
                                            machine. RISK: anyone who can submit a scrape can then make
                                            the runner fetch other services on this machine (SSRF); keep
                                            it off unless you are testing with local pages
              GLEANER_CALLBACK_SECRET       the key that signs callbacks (X-Gleaner-Signature); by default a
                                            random key kept in DIR/callback-secret (a temporary file
                                            without --data), printed at start-up
              GLEANER_LOCAL_VISIBILITY_SECONDS  how soon a failed scrape message is retried (default 30)
              SCRAPE_CACHE_HOURS            how long a scrape result is served from the cache (default 24)
              SCRAPE_MAX_RECEIVES           deliveries of a scrape message before it is dead-lettered (default 3)
              GLEANER_LOG_LEVEL             the JSON log lines printed on stderr: DEBUG, INFO (default), WARN, ERROR
              GLEANER_LOG_METRICS           true also logs each metric as CloudWatch would read it (EMF);
                                            GET /metrics serves the same counters in Prometheus text format
              GLEANER_CDS                   off: start in this JVM, not relaunched on the class-data archive
                                            the build writes next to the jar (gleaner-local.jsa)
            """;

    /** A command-line mistake: printed with the usage, exit code 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
