package dev.gleaner.safehttp;

import java.net.Proxy;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * The one place Gleaner's OkHttp clients start from: no system proxy, redirects never followed
 * by OkHttp (every caller follows them by hand so each hop is checked and credentials stay with
 * their host), connect and read time limits. Callers derive their clients with
 * {@link OkHttpClient#newBuilder()}, which shares the connection pool and threads.
 */
public final class OkHttpClients {
    private OkHttpClients() {}

    public static OkHttpClient.Builder base(Duration connectTimeout, Duration readTimeout) {
        return new OkHttpClient.Builder()
                .proxy(Proxy.NO_PROXY)
                .followRedirects(false)
                .followSslRedirects(false)
                .connectTimeout(connectTimeout)
                .readTimeout(readTimeout)
                .writeTimeout(readTimeout);
    }
}
