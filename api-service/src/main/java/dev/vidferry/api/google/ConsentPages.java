package dev.vidferry.api.google;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.core.Response;

import dev.vidferry.api.common.ApiException;
import dev.vidferry.model.api.GoogleAccountSummary;

/**
 * The consent callback's answer to a browser (the dashboard's Connect button): back to the dashboard's accounts page
 * with the outcome in the query, instead of the JSON an API client reads. Only the problem's {@code type} travels,
 * never a message: the page says what a known type means.
 */
final class ConsentPages {

    static final String ACCOUNTS = "/ui/accounts";

    private ConsentPages() {
    }

    /** A browser navigation: it prefers HTML (an API client asks for JSON or anything). */
    static boolean wantsPage(String accept) {
        return accept != null && accept.contains("text/html");
    }

    static Response connected(GoogleAccountSummary account) {
        String channel = account.channelId() == null ? "" : account.channelId();
        return Response.seeOther(URI.create(ACCOUNTS + "?connected=" + enc(channel))).build();
    }

    static Response refused(ApiException e) {
        return Response.seeOther(URI.create(ACCOUNTS + "?problem=" + enc(e.type()))).build();
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
