package dev.vidferry.emulator.auth;

import java.util.Collection;
import java.util.Comparator;
import java.util.Map;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Google's account chooser: what {@code /o/oauth2/v2/auth} shows a browser that asks for {@code prompt=select_account}
 * (or {@code login}) without a {@code login_hint}. One button per emulated user; choosing one repeats the authorize
 * request with that user as {@code login_hint}, so the rest of the flow is the auto-consent the emulator always had.
 * A plain form, no script: the page works under a CSP without {@code unsafe-inline}.
 */
final class AccountChooser {

    private AccountChooser() {
    }

    /** True when the request asks the user to pick (or sign in to) an account and names none. */
    static boolean wanted(MultiMap params) {
        String prompt = params.get("prompt");
        if (params.get("login_hint") != null || prompt == null) {
            return false;
        }
        for (String p : prompt.split(" ")) {
            if (p.equals("select_account") || p.equals("login")) {
                return true;
            }
        }
        return false;
    }

    static void show(RoutingContext ctx, Collection<User> users) {
        MultiMap params = ctx.request().params();
        StringBuilder hidden = new StringBuilder();
        for (Map.Entry<String, String> e : params) {
            hidden.append("<input type=\"hidden\" name=\"").append(esc(e.getKey())).append("\" value=\"")
                    .append(esc(e.getValue())).append("\">");
        }
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Sign in - Google Accounts (emulator)</title></head><body>"
                + "<main><h1>Choose an account</h1><p>to continue to the application</p>"
                + "<form method=\"get\" action=\"").append(esc(ctx.request().path())).append("\">").append(hidden)
                .append("<ul>");
        users.stream().sorted(Comparator.comparing(u -> u.username)).forEach(u -> html
                .append("<li><button type=\"submit\" name=\"login_hint\" value=\"").append(esc(u.username))
                .append("\">").append(esc(u.name)).append(" &lt;").append(esc(u.email)).append("&gt;</button></li>"));
        html.append("</ul></form></main></body></html>");
        ctx.response().setStatusCode(200).putHeader("Content-Type", "text/html; charset=utf-8")
                .putHeader("Content-Security-Policy", "default-src 'none'; form-action *; frame-ancestors 'none'")
                .end(html.toString());
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
