package dev.vidferry.api.ui;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.vidferry.api.common.Problems;
import dev.vidferry.model.api.Problem;
import dev.vidferry.model.metadata.Violation;

/**
 * CSRF protection of cookie-authenticated writes (double-submit): a state-changing request ({@code POST}, {@code PUT},
 * {@code PATCH}, {@code DELETE}) that carries the dashboard's session cookie and no {@code Authorization} header must
 * send the {@value CsrfToken#HEADER} header equal to the {@value CsrfToken#COOKIE} cookie, and must not come from
 * another site ({@code Sec-Fetch-Site}, {@code Origin}). Bearer-token requests are not affected: a browser never adds
 * such a header by itself. Runs right after {@code HttpGuard}, before authentication and RESTEasy.
 */
@ApplicationScoped
public class CsrfGuard {

    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ObjectMapper mapper;

    public CsrfGuard(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void check(RoutingContext rc) {
        if (SAFE.contains(rc.request().method()) || rc.request().getHeader(HttpHeaders.AUTHORIZATION) != null
                || !UiTenantResolver.hasSession(rc)) {
            rc.next();
            return;
        }
        String refusal = refusal(rc);
        if (refusal == null) {
            rc.next();
            return;
        }
        Problem problem = Problems.of(403, "csrf-token-invalid", "CSRF check failed", refusal, null,
                List.of(new Violation(CsrfToken.HEADER, "invalid", refusal)));
        try {
            rc.response().setStatusCode(403).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(mapper.writeValueAsString(problem));
        } catch (JsonProcessingException e) {
            rc.fail(e);
        }
    }

    private static String refusal(RoutingContext rc) {
        String site = rc.request().getHeader("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return "a cross-site request cannot use the dashboard's session";
        }
        String origin = rc.request().getHeader(HttpHeaders.ORIGIN);
        String host = rc.request().getHeader(HttpHeaders.HOST);
        if (origin != null && host != null && !origin.equals("http://" + host) && !origin.equals("https://" + host)) {
            return "a request from another origin cannot use the dashboard's session";
        }
        Cookie cookie = rc.request().getCookie(CsrfToken.COOKIE);
        String header = rc.request().getHeader(CsrfToken.HEADER);
        if (cookie == null || header == null || header.isEmpty() || !MessageDigest.isEqual(
                cookie.getValue().getBytes(StandardCharsets.US_ASCII), header.getBytes(StandardCharsets.US_ASCII))) {
            return "send the page's CSRF token in the " + CsrfToken.HEADER + " header";
        }
        return null;
    }
}
