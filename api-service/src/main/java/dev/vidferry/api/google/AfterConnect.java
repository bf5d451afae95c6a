package dev.vidferry.api.google;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

import dev.vidferry.api.common.ApiException;
import dev.vidferry.model.metadata.Violation;

/**
 * Where the consent callback sends a browser: the configured UI page with the result in its query
 * ({@code result=connected&accountId=<id>}, or {@code result=error&error=<problem type>} and a
 * {@code missingScope=<scope>} per scope Google did not grant). Nothing secret goes into the URL.
 */
final class AfterConnect {

    private AfterConnect() {
    }

    /** A browser asks for HTML; API clients ({@code application/json}, {@code *}{@code /*}, none) get JSON. */
    static boolean isBrowser(String accept) {
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    static URI connected(String afterConnectUrl, UUID accountId) {
        return URI.create(withQuery(afterConnectUrl, "result=connected&accountId=" + accountId));
    }

    static URI failed(String afterConnectUrl, ApiException problem) {
        StringBuilder query = new StringBuilder("result=error&error=").append(encode(problem.type()));
        for (Violation violation : problem.errors()) {
            if ("scope".equals(violation.field()) && "missing".equals(violation.code())) {
                query.append("&missingScope=").append(encode(violation.message()));
            }
        }
        return URI.create(withQuery(afterConnectUrl, query.toString()));
    }

    private static String withQuery(String url, String query) {
        int fragment = url.indexOf('#');
        String base = fragment < 0 ? url : url.substring(0, fragment);
        String tail = fragment < 0 ? "" : url.substring(fragment);
        return base + (base.contains("?") ? (base.endsWith("?") || base.endsWith("&") ? "" : "&") : "?") + query
                + tail;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
