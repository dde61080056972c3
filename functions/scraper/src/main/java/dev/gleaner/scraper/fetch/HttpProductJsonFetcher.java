package dev.gleaner.scraper.fetch;

import dev.gleaner.safehttp.FetchException;
import dev.gleaner.safehttp.FetchRequest;
import dev.gleaner.safehttp.SafeHttpClient;
import dev.gleaner.scraper.extract.ProductJsonFetcher;
import java.util.Optional;

/**
 * {@link ProductJsonFetcher} over the SSRF-safe client, with the same user agent, language and
 * proxy as the page request (pass that request as {@code like}). Any failure is "no data".
 */
public final class HttpProductJsonFetcher implements ProductJsonFetcher {
    private final SafeHttpClient client;
    private final FetchRequest like;

    public HttpProductJsonFetcher(SafeHttpClient client, FetchRequest like) {
        this.client = client;
        this.like = like;
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
