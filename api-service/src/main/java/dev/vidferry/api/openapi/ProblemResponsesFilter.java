package dev.vidferry.api.openapi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

import dev.vidferry.api.common.Problems;
import dev.vidferry.model.api.Problem;

/**
 * Documents the error contract on every {@code /api/v1} operation, as the HTTP layer really answers it for everyone
 * (see the api README): 400 (malformed path or query), 401 (bearer token missing or invalid), 406 (only JSON answers),
 * 414 (URI too long), 500, 503 (PostgreSQL or Google unreachable, with {@code Retry-After}); with a request body also
 * 400 (malformed JSON), 413 (body too large), 415 (not JSON) and 422 (invalid values); with a path parameter 404.
 * Operation-specific statuses (409, 422, 429, 202 ...) are annotated on the resources. Every error answer gets the
 * {@code application/problem+json} content with the {@code Problem} schema and an example.
 */
public class ProblemResponsesFilter implements OASFilter {

    static final String PROBLEM_REF = "#/components/schemas/Problem";
    static final String VIOLATION_REF = "#/components/schemas/Violation";
    static final Map<String, String> COMMON = ordered(
            "400", "Malformed request: bad percent-encoding or control characters in the path or query, a query "
                    + "parameter that does not parse (names it in errors[].field)",
            "401", "The bearer token is missing, expired, or not issued for vidferry",
            "406", "Only application/json answers are available",
            "414", "URI longer than vidferry.http.max-uri-length",
            "500", "Unexpected failure on our side; the request may be retried",
            "503", "PostgreSQL or Google is unreachable; nothing was changed, retry after Retry-After seconds");
    static final Map<String, String> WITH_BODY = ordered(
            "400", "Malformed request: JSON that does not parse, duplicate keys, wrong types (names the field)",
            "413", "Body larger than vidferry.http.max-body-size",
            "415", "Send the body as application/json",
            "422", "Well-formed but invalid values (names each field in errors[].field)");
    static final Map<String, String> WITH_PATH = ordered("404", "No such resource of the caller (another user's "
            + "answers 404 too)");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("Violation", violationSchema());
        openAPI.getComponents().addSchema("Problem", problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/api/v1/")) {
                item.getOperations().forEach((method, operation) -> document(item, operation));
            }
        });
    }

    private static void document(PathItem item, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        COMMON.forEach((status, text) -> addIfMissing(operation, status, text));
        if (operation.getRequestBody() != null) {
            WITH_BODY.forEach((status, text) -> addIfMissing(operation, status, text));
        }
        if (hasPathParameter(item, operation)) {
            WITH_PATH.forEach((status, text) -> addIfMissing(operation, status, text));
        }
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            if (status.startsWith("4") || status.startsWith("5")) {
                problemContent(status, response);
            }
        });
        APIResponse unavailable = operation.getResponses().getAPIResponse("503");
        if (unavailable.getHeaders() == null || !unavailable.getHeaders().containsKey("Retry-After")) {
            unavailable.addHeader("Retry-After", OASFactory.createHeader()
                    .description("seconds to wait before retrying (" + Problems.RETRY_AFTER_SECONDS + ")")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
        }
    }

    private static boolean hasPathParameter(PathItem item, Operation operation) {
        List<Parameter> all = new java.util.ArrayList<>();
        if (item.getParameters() != null) {
            all.addAll(item.getParameters());
        }
        if (operation.getParameters() != null) {
            all.addAll(operation.getParameters());
        }
        return all.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
    }

    private static void addIfMissing(Operation operation, String status, String description) {
        if (operation.getResponses().getAPIResponse(status) == null) {
            operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse().description(description));
        }
    }

    private static void problemContent(String status, APIResponse response) {
        Content content = response.getContent() == null ? OASFactory.createContent() : response.getContent();
        if (content.getMediaType(Problem.MEDIA_TYPE) == null) {
            int code = Integer.parseInt(status);
            String example = "{\"type\":\"" + Problems.TYPE_BASE + slug(code) + "\",\"title\":\"" + title(code)
                    + "\",\"status\":" + code + ",\"detail\":\"" + escape(response.getDescription())
                    + "\",\"instance\":\"/api/v1/...\"}";
            MediaType media = OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM_REF))
                    .addExample("problem", OASFactory.createExample().value(example));
            content.addMediaType(Problem.MEDIA_TYPE, media);
        }
        response.setContent(content);
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details, as every error answer (application/problem+json)")
                .addProperty("type", string("https://vidferry.dev/problems/<slug>"))
                .addProperty("title", string("short summary of the problem type"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)
                        .description("the HTTP status"))
                .addProperty("detail", string("what went wrong, safe to show"))
                .addProperty("instance", string("the request path"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("the fields at fault, when there are any")
                        .items(OASFactory.createSchema().ref(VIOLATION_REF)))
                .addProperty("existingJobId", string("with already-queued: the live job that already has the "
                        + "Drive file"))
                .required(List.of("type", "title", "status"));
    }

    private static Schema violationSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string("JSON path (metadata.tags[0]) or query parameter name (limit)"))
                .addProperty("code", string("machine-readable reason, e.g. required, tooLong"))
                .addProperty("message", string("human-readable reason"));
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }

    private static String title(int status) {
        jakarta.ws.rs.core.Response.Status known = jakarta.ws.rs.core.Response.Status.fromStatusCode(status);
        return status == 422 ? "Invalid request" : known == null ? "Error" : known.getReasonPhrase();
    }

    private static String slug(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 404 -> "not-found";
            case 422 -> "validation";
            case 503 -> "unavailable";
            case 500 -> "internal";
            default -> title(status).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        };
    }

    private static String escape(String text) {
        return text == null ? "" : text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
