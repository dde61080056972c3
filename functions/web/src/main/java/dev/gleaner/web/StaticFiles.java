package dev.gleaner.web;

import dev.gleaner.core.config.Lazy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The files of every mount, read once from the classpath (a jar, or the folder Lambda unpacks it
 * into) with their content type and ETag. Requests are answered from this map only: a request path
 * is never used to open a file, so {@code ..} and encoded tricks find nothing.
 */
public final class StaticFiles {
    /** One file, ready to serve. */
    public record Asset(String name, byte[] bytes, String contentType, String etag) {
        public boolean text() {
            return contentType.startsWith("text/") || contentType.startsWith("application/json")
                    || contentType.startsWith("application/javascript") || contentType.startsWith("image/svg+xml")
                    || contentType.startsWith("application/manifest+json");
        }
    }

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("webmanifest", "application/manifest+json; charset=utf-8"),
            Map.entry("map", "application/json; charset=utf-8"),
            Map.entry("svg", "image/svg+xml; charset=utf-8"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"));

    private static final Lazy<StaticFiles> SHARED = Lazy.of(() -> new StaticFiles(StaticFiles.class.getClassLoader()));

    private final Map<String, Map<String, Asset>> byMount = new TreeMap<>();

    private StaticFiles(ClassLoader loader) {
        for (WebRoutes.Mount m : WebRoutes.MOUNTS) {
            Map<String, Asset> files = load(loader, m.directory());
            if (!files.containsKey(m.index())) {
                throw new IllegalStateException(m.directory() + "/" + m.index() + " is not on the classpath");
            }
            byMount.put(m.prefix(), Collections.unmodifiableMap(files));
        }
    }

    /** The files of this jar, read on first use and kept for the life of the container. */
    public static StaticFiles shared() {
        return SHARED.get();
    }

    /** A mount's file by its path below the mount (null or empty: the index), or null. */
    public Asset get(WebRoutes.Mount mount, String file) {
        Map<String, Asset> files = byMount.get(mount.prefix());
        return files == null ? null : files.get(file == null || file.isEmpty() ? mount.index() : file);
    }

    /** Every file of a mount, by its path below the mount. */
    public Map<String, Asset> files(WebRoutes.Mount mount) {
        return byMount.getOrDefault(mount.prefix(), Map.of());
    }

    public static String contentType(String name) {
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        return TYPES.getOrDefault(ext, "application/octet-stream");
    }

    /** A strong validator: the first 128 bits of the content's SHA-256, base64url. */
    public static String etag(byte[] bytes) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(d, 16)) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Asset> load(ClassLoader loader, String directory) {
        Map<String, Asset> files = new TreeMap<>();
        try {
            Enumeration<URL> roots = loader.getResources(directory);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (root.getProtocol().equals("jar")) {
                    JarURLConnection c = (JarURLConnection) root.openConnection();
                    c.setUseCaches(false);
                    try (JarFile jar = c.getJarFile()) {
                        String prefix = directory + "/";
                        for (JarEntry e : Collections.list(jar.entries())) {
                            if (!e.isDirectory() && e.getName().startsWith(prefix)) {
                                try (InputStream in = jar.getInputStream(e)) {
                                    put(files, e.getName().substring(prefix.length()), in.readAllBytes());
                                }
                            }
                        }
                    }
                } else if (root.getProtocol().equals("file")) {
                    Path dir = Path.of(root.toURI());
                    try (Stream<Path> walk = Files.walk(dir)) {
                        for (Path p : walk.filter(Files::isRegularFile).toList()) {
                            put(files, dir.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the static files under " + directory, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    private static void put(Map<String, Asset> files, String name, byte[] bytes) {
        files.putIfAbsent(name, new Asset(name, bytes, contentType(name), etag(bytes)));
    }
}
