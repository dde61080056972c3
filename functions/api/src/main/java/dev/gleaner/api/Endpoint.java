package dev.gleaner.api;

import java.util.List;

/**
 * One operation of the API as a client sees it: method, API Gateway resource path (with
 * {@code {name}} parameters) and the headers it reads and may answer with besides the usual ones.
 * Each is served by one Lambda function, whose logical id in template.yaml it names: the handler
 * logs under that name where Lambda gives none (locally). A handler is given its endpoint; which
 * class serves it is {@link Routes}' business (the handlers never import that table).
 *
 * @param method the HTTP method
 * @param path the API Gateway resource path, with {@code {name}} parameters
 * @param function the logical id of the function in template.yaml that serves it
 * @param requestHeaders headers the route reads besides the usual ones (Content-Type, x-api-key)
 * @param responseHeaders headers it may answer with besides Content-Type
 */
public record Endpoint(String method, String path, String function, List<String> requestHeaders,
        List<String> responseHeaders) {
    public Endpoint {
        requestHeaders = List.copyOf(requestHeaders);
        responseHeaders = List.copyOf(responseHeaders);
    }

    public Endpoint(String method, String path, String function) {
        this(method, path, function, List.of(), List.of());
    }

    /**
     * The concrete path for these parameter values, in the order the template names them:
     * {@code GET_TASK.at(id)} is {@code /api/v1/async-collection/task/<id>} (a {@code Location}).
     */
    public String at(String... values) {
        String p = path;
        for (String v : values) {
            int open = p.indexOf('{');
            int close = p.indexOf('}', open);
            if (open < 0 || close < 0) {
                throw new IllegalArgumentException(path + " has fewer parameters than " + values.length);
            }
            p = p.substring(0, open) + v + p.substring(close + 1);
        }
        if (p.indexOf('{') >= 0) {
            throw new IllegalArgumentException(path + " has more parameters than " + values.length);
        }
        return p;
    }
}
