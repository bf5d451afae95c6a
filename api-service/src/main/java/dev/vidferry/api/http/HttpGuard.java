package dev.vidferry.api.http;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.logging.Log;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import dev.vidferry.api.common.Problems;
import dev.vidferry.model.api.Problem;
import dev.vidferry.model.metadata.Violation;

/**
 * The HTTP layer's half of the error contract. A first route, before security and RESTEasy, adds the
 * {@link SecurityHeaders} and refuses what must not reach our code (URI too long, body too large, a path or query
 * that is not valid percent-encoded UTF-8); error handlers on the router turn the empty answers Vert.x gives before
 * or outside RESTEasy into {@code application/problem+json}.
 * <p>
 * Quarkus checks each URI with {@code java.net.URI} before any handler and answers a bare 400; the JVM runs with
 * {@code -Dvertx.disableURIValidation=true} (Dockerfile, tests) so that {@link UriCheck}, which is stricter, answers
 * instead. Without the flag such requests still get that bare 400.
 */
@ApplicationScoped
public class HttpGuard {

    private static final List<Integer> FALLBACK_STATUSES = List.of(400, 401, 403, 404, 405, 406, 413, 414, 415, 431,
            500, 501, 503);

    private final HttpConfig config;
    private final ObjectMapper mapper;

    public HttpGuard(HttpConfig config, ObjectMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::guard);
        // before Quarkus' own failure handler, which ends status-only failures with an empty body
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
        for (int status : FALLBACK_STATUSES) {
            router.errorHandler(status, rc -> fallback(rc, status));
        }
    }

    private void guard(RoutingContext rc) {
        HttpServerResponse response = rc.response();
        SecurityHeaders.apply(response.headers());
        rc.addHeadersEndHandler(v -> SecurityHeaders.apply(response.headers()));
        String uri = rc.request().uri();
        if (uri.length() > config.maxUriLength()) {
            answer(rc, Problems.of(414, "uri-too-long", "URI too long", "The request URI has " + uri.length()
                    + " characters; at most " + config.maxUriLength() + " are accepted", null, List.of()), true);
            return;
        }
        String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && tooLarge(length)) {
            answer(rc, Problems.of(413, "body-too-large", "Body too large", "The request body may have at most "
                    + config.maxBodySize().asLongValue() + " bytes", null, List.of()), true);
            return;
        }
        Violation malformed = UriCheck.check(uri);
        if (malformed != null) {
            answer(rc, Problems.of(400, "malformed-uri", "Malformed URI", malformed.field() + ": "
                    + malformed.message(), null, List.of(malformed)), false);
            return;
        }
        rc.next();
    }

    private boolean tooLarge(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > config.maxBodySize().asLongValue();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /**
     * A failed routing: Vert.x refusing the request before any route (a path it cannot decode), a body over Quarkus'
     * limit, an exception outside RESTEasy. Security failures keep Quarkus' handling (challenge headers).
     */
    private void failed(RoutingContext rc) {
        Throwable failure = rc.failure();
        if (failure != null && failure.getClass().getName().startsWith("io.quarkus.security")) {
            rc.next();
            return;
        }
        int status = rc.statusCode() > 0 ? rc.statusCode() : 500;
        Violation malformed = status == 400 ? UriCheck.check(rc.request().uri()) : null;
        if (malformed != null) {
            answer(rc, Problems.of(400, "malformed-uri", "Malformed URI", malformed.field() + ": "
                    + malformed.message(), null, List.of(malformed)), false);
            return;
        }
        fallback(rc, status);
    }

    /** An error Vert.x (or a handler) ended the routing with, without an answer of ours yet. */
    private void fallback(RoutingContext rc, int status) {
        HttpServerResponse response = rc.response();
        if (response.ended()) {
            return;
        }
        if (response.headWritten()) {
            rc.request().connection().close();
            return;
        }
        if (status >= 500 && rc.failure() != null) {
            Log.errorf(rc.failure(), "request to %s failed in the HTTP layer", rc.request().path());
        }
        String detail = switch (status) {
            case 400 -> "The request could not be read";
            case 404 -> "No such resource";
            case 405 -> "Method not allowed here";
            case 406 -> "Only application/json answers are available";
            case 413 -> "The request body is too large";
            case 414 -> "The request URI is too long";
            case 415 -> "Send the body as application/json";
            case 431 -> "The request headers are too large";
            case 503 -> "The service is unavailable right now; retry in a few seconds";
            default -> status >= 500 ? "Something went wrong on our side; the request may be retried" : "Refused";
        };
        String title = io.netty.handler.codec.http.HttpResponseStatus.valueOf(status).reasonPhrase();
        answer(rc, Problems.of(status, title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-"), title,
                detail, null, List.of()), status == 413 || status == 414 || status == 431);
    }

    private void answer(RoutingContext rc, Problem problem, boolean close) {
        HttpServerResponse response = rc.response();
        String body;
        try {
            body = mapper.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        SecurityHeaders.apply(response.headers());
        response.setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        if (problem.status() == 503) {
            response.putHeader("Retry-After", String.valueOf(Problems.RETRY_AFTER_SECONDS));
        }
        if (close) {
            // the body was not read: do not let it be taken for the next request on this connection
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        response.end(body);
    }
}
