package dev.gleaner.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A product page on loopback, reached by the scraper through a public-looking name: any path under
 * {@code /products/} is the page, anything else a 404. For the scrape tests of modules that run the
 * local runner (the command line's, the console's in a browser).
 */
public final class ShopPages implements AutoCloseable {
    private static final String PRODUCT = """
            <!doctype html><html><head><title>Trail Runner 2</title>
            <meta property="og:title" content="Trail Runner 2">
            <script type="application/ld+json">{"@context":"https://schema.org","@type":"Product","name":"Trail Runner 2",
            "sku":"TR-2","brand":{"@type":"Brand","name":"Acme"},"image":["/img/tr2.jpg","https://cdn.example.com/tr2-side.jpg"],
            "description":"A light trail shoe.",
            "offers":{"@type":"Offer","price":"129.90","priceCurrency":"USD","availability":"https://schema.org/InStock"},
            "aggregateRating":{"@type":"AggregateRating","ratingValue":"4.6","reviewCount":"87"}}</script>
            </head><body><h1>Trail Runner 2</h1><div class="shopify-section">Shopify.theme</div></body></html>""";

    private final HttpServer server;

    public ShopPages() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestURI().getPath().startsWith("/products/")
                    ? PRODUCT.getBytes(StandardCharsets.UTF_8) : "<html>not found</html>".getBytes(StandardCharsets.UTF_8);
            int status = exchange.getRequestURI().getPath().startsWith("/products/") ? 200 : 404;
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    /** The shop's origin under a public-looking name (the test resolver maps it to loopback). */
    public String origin() {
        return "http://shop.example.com:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
