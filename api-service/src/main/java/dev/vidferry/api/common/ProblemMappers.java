package dev.vidferry.api.common;

import java.util.List;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import dev.vidferry.model.api.Problem;
import dev.vidferry.model.metadata.Violation;

/**
 * Every error answer is {@code application/problem+json}. Bad input gets a 4xx naming the field; exception texts of
 * libraries never reach the caller; unexpected failures answer a bare 500 and are logged here.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        return Problems.response(Problems.of(e, path(uri)));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonParseException e, UriInfo uri) {
        return Problems.response(Problems.of(400, "malformed-json", "Malformed JSON",
                "The request body is not valid JSON", path(uri), List.of(new Violation("", "malformedJson",
                        "the body is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                                + e.getLocation().getColumnNr() + ")"))));
    }

    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return wrongValue(e, uri);
    }

    @ServerExceptionMapper
    public Response unmappableJson(JsonMappingException e, UriInfo uri) {
        return wrongValue(e, uri);
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e, UriInfo uri) {
        return Problems.response(Problems.of(400, "malformed-json", "Malformed JSON",
                "The request body could not be read", path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response authenticationCompletion(AuthenticationCompletionException e, UriInfo uri) {
        return unauthenticated(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problems.response(Problems.of(403, "forbidden", "Forbidden", "Not allowed", path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonParseException parse) {
            return unreadableJson(parse, uri);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return wrongValue(mapping, uri);
        }
        if (e.getCause() instanceof JsonProcessingException other) {
            return otherJson(other, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            Log.errorf(e, "request to %s failed", path(uri));
        }
        Response.StatusType info = Response.Status.fromStatusCode(status);
        String title = info != null ? info.getReasonPhrase() : "Error";
        String detail = switch (status) {
            case 404 -> "No such resource";
            case 405 -> "Method not allowed here";
            case 406 -> "Only application/json answers are available";
            case 415 -> "Send the body as application/json";
            default -> title;
        };
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problems.of(status, slug(title), title, detail, path(uri), List.of()));
        Object allow = e.getResponse().getHeaders().getFirst(HttpHeaders.ALLOW);
        if (allow != null) {
            builder.header(HttpHeaders.ALLOW, allow);
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (Outages.isOutage(e)) {
            Log.warnf("request to %s failed: the database is unreachable (%s)", path(uri), Outages.describe(e));
            return Problems.response(Problems.unavailable("The database", path(uri)));
        }
        Log.errorf(e, "request to %s failed", path(uri));
        return Problems.response(Problems.of(500, "internal", "Internal error",
                "Something went wrong on our side; the request may be retried", path(uri), List.of()));
    }

    private static Response wrongValue(JsonMappingException e, UriInfo uri) {
        String field = fieldPath(e);
        String message = field.endsWith("privacyStatus")
                ? "must be one of public, private, unlisted"
                : field.endsWith("publishAt")
                        ? "must be an ISO 8601 date-time with offset, e.g. 2030-01-01T10:00:00Z"
                        : field.endsWith("tags") || field.matches(".*tags\\[\\d+]")
                                ? "must be a list of strings"
                                : field.isEmpty()
                                        ? "the body has the wrong shape (expected a JSON object)"
                                        : "has the wrong type or format";
        return Problems.response(Problems.of(400, "malformed-json", "Malformed JSON",
                (field.isEmpty() ? "body" : field) + ": " + message, path(uri),
                List.of(new Violation(field, "invalidValue", message))));
    }

    /** e.g. {@code metadata.tags[2]}. */
    static String fieldPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static Response unauthenticated(UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(Problems.of(401, "unauthorized", "Unauthorized",
                        "A valid bearer token is required", path(uri), List.of()))
                .build();
    }

    private static String slug(String title) {
        return title.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }
}
