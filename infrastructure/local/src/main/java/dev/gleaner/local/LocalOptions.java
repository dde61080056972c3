package dev.gleaner.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * How the local runner was asked to start.
 *
 * @param port 0 picks a free port (tests)
 * @param dataDir null keeps everything in memory
 */
public record LocalOptions(String host, int port, Path dataDir) {
    public static final int DEFAULT_PORT = 8000;

    public static LocalOptions parse(String[] args, Map<String, String> env) {
        String host = "127.0.0.1";
        int port = env.containsKey("PORT") ? parsePort(env.get("PORT")) : DEFAULT_PORT;
        Path data = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = parsePort(value(args, ++i, "--port"));
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--host" -> host = value(args, ++i, "--host");
                case "-h", "--help" -> throw new UsageException(null);
                default -> throw new UsageException("unknown option " + args[i]);
            }
        }
        return new LocalOptions(host, port, data);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
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
            usage: java -jar infrastructure/local/target/gleaner-local.jar [--port N] [--data DIR] [--host ADDR]
              --port N     port to listen on (default: $PORT, else 8000; 0 picks a free one)
              --data DIR   keep DynamoDB data in DIR between runs (default: in memory)
              --host ADDR  address to bind (default 127.0.0.1)
            """;

    /** A command-line mistake: printed with the usage, exit code 2. */
    public static final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message);
        }
    }
}
