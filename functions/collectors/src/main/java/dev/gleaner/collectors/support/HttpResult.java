package dev.gleaner.collectors.support;

import java.net.URI;
import java.util.Optional;
import okhttp3.Headers;

/** A response whose body has been read (decompressed and decoded). */
public record HttpResult(int status, String body, Headers headers, URI uri) {
    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public boolean redirect() {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    public Optional<String> header(String name) {
        return headers == null ? Optional.empty() : Optional.ofNullable(headers.get(name));
    }
}
