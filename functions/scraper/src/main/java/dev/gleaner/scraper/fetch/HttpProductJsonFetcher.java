package dev.gleaner.scraper.fetch;

import dev.gleaner.safehttp.FetchException;
import dev.gleaner.safehttp.FetchRequest;
import dev.gleaner.safehttp.SafeHttpClient;
import dev.gleaner.scraper.extract.ProductJsonFetcher;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ProductJsonFetcher} over the SSRF-safe client, with the same user agent, language and
 * proxy as the page request (pass that request as {@code like}). Any failure is "no data".
 */
public record HttpProductJsonFetcher(SafeHttpClient client, FetchRequest like) implements ProductJsonFetcher {
    public HttpProductJsonFetcher {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(like, "like");
    }

    @Override
    public Optional<String> fetch(String url) {
        try {
            return Optional.of(client.get(like.withUrl(url).withExpect(FetchRequest.Expect.JSON)).body());
        } catch (FetchException e) {
            return Optional.empty();
        }
    }
}
