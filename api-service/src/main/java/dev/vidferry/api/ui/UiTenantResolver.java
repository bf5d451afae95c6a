package dev.vidferry.api.ui;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.oidc.TenantResolver;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Which OIDC tenant authenticates a request. The default tenant is the bearer-token API, unchanged. The dashboard's
 * tenant {@value #TENANT} (authorization code flow, session cookie) takes {@code /ui/**}, and {@code /api/v1/**} calls
 * that carry no {@code Authorization} header but the dashboard's session cookie: the browser calls the same API
 * operations as any client, with its session instead of a token (and {@link CsrfGuard}'s header on writes).
 */
@ApplicationScoped
public class UiTenantResolver implements TenantResolver {

    /** The dashboard's tenant: {@code quarkus.oidc.web.*}. */
    public static final String TENANT = "web";
    /** Quarkus' session cookie of that tenant (split into {@code _chunk_N} cookies when large). */
    static final String SESSION_COOKIE = "q_session_" + TENANT;

    @Override
    public String resolve(RoutingContext context) {
        String path = context.request().path();
        if (path.equals("/ui") || path.startsWith("/ui/")) {
            return TENANT;
        }
        if (path.startsWith("/api/") && context.request().getHeader(HttpHeaders.AUTHORIZATION) == null
                && hasSession(context)) {
            return TENANT;
        }
        return null;
    }

    static boolean hasSession(RoutingContext context) {
        for (Cookie cookie : context.request().cookies()) {
            if (cookie.getName().startsWith(SESSION_COOKIE)) {
                return true;
            }
        }
        return false;
    }
}
