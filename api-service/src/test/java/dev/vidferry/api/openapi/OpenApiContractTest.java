package dev.vidferry.api.openapi;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import jakarta.ws.rs.HttpMethod;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

import dev.vidferry.api.Api;
import dev.vidferry.api.ApiTestProfile;
import dev.vidferry.api.Emulator;
import dev.vidferry.model.api.Problem;

/**
 * {@code /q/openapi} tells the truth about every {@code /api/v1} operation: each JAX-RS resource method appears (found
 * reflectively, so a new endpoint without documentation fails here), with its real success status, the error statuses
 * of the error contract and its own, problem+json error bodies, a bearer security requirement (except the consent
 * callback, see {@link #UNAUTHENTICATED}) and an example. Then
 * every operation is called once on its happy path and the status it answered must be documented.
 */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class OpenApiContractTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Set<String> COMMON_ERRORS = Set.of("400", "401", "406", "414", "500", "503");
    static final Set<String> BODY_ERRORS = Set.of("400", "413", "415", "422");

    /**
     * The one operation without a bearer requirement, by design: Google's redirect back from the consent screen comes
     * from the browser, which holds no vidferry token; the single-use consent state identifies the user. It must then
     * document no bearer requirement either (a client would send a token it does not have).
     */
    static final Set<String> UNAUTHENTICATED = Set.of("GET /api/v1/google/callback");

    /** Operations whose success is a redirect (the browser goes to Google's consent screen). */
    static final Set<String> REDIRECTS = Set.of("GET /api/v1/google/connect");

    /** Success and error statuses each known operation must document beyond the common ones. */
    static final Map<String, List<String>> EXPECTED = Map.ofEntries(
            Map.entry("PUT /api/v1/google/account", List.of("200", "422")),
            Map.entry("GET /api/v1/google/account", List.of("200")),
            Map.entry("DELETE /api/v1/google/account/{id}", List.of("204", "404")),
            Map.entry("GET /api/v1/google/connect", List.of("302")),
            Map.entry("GET /api/v1/google/callback", List.of("200", "303", "400", "422")),
            Map.entry("GET /api/v1/google/accounts", List.of("200")),
            Map.entry("PUT /api/v1/google/accounts/{id}/default", List.of("200", "404")),
            Map.entry("POST /api/v1/admin/keys/reencrypt", List.of("200", "403")),
            Map.entry("POST /api/v1/jobs", List.of("201", "404", "409", "422")),
            Map.entry("POST /api/v1/jobs/bulk", List.of("200", "409", "422")),
            Map.entry("GET /api/v1/jobs", List.of("200")),
            Map.entry("GET /api/v1/jobs/{id}", List.of("200", "404")),
            Map.entry("GET /api/v1/jobs/{id}/events", List.of("200", "404")),
            Map.entry("GET /api/v1/events", List.of("200")),
            Map.entry("POST /api/v1/jobs/{id}/cancel", List.of("200", "202", "404", "409")),
            Map.entry("POST /api/v1/jobs/{id}/retry", List.of("200", "404", "409")),
            Map.entry("DELETE /api/v1/jobs/{id}", List.of("204", "404", "409")),
            Map.entry("POST /api/v1/jobs/clear", List.of("200")),
            Map.entry("GET /api/v1/history", List.of("200")),
            Map.entry("GET /api/v1/quota", List.of("200")),
            Map.entry("GET /api/v1/drive/files", List.of("200", "404", "409", "422")),
            Map.entry("GET /api/v1/drive/files/{id}", List.of("200", "404", "409")),
            Map.entry("GET /api/v1/youtube/channel", List.of("200", "409", "429")),
            Map.entry("GET /api/v1/youtube/videos", List.of("200", "409", "429")),
            Map.entry("GET /api/v1/youtube/videos/{id}", List.of("200", "404", "409", "429")),
            Map.entry("POST /api/v1/webhooks", List.of("201", "409", "422")),
            Map.entry("GET /api/v1/webhooks", List.of("200")),
            Map.entry("GET /api/v1/webhooks/{id}", List.of("200", "404")),
            Map.entry("DELETE /api/v1/webhooks/{id}", List.of("204", "404")),
            Map.entry("GET /api/v1/webhooks/{id}/deliveries", List.of("200", "404")),
            Map.entry("POST /api/v1/syncs", List.of("201", "400")),
            Map.entry("GET /api/v1/syncs", List.of("200")),
            Map.entry("GET /api/v1/syncs/{id}", List.of("200", "404")),
            Map.entry("PATCH /api/v1/syncs/{id}", List.of("200", "400", "404")),
            Map.entry("DELETE /api/v1/syncs/{id}", List.of("204", "404")),
            Map.entry("POST /api/v1/syncs/{id}/run", List.of("202", "404")),
            Map.entry("GET /api/v1/syncs/{id}/runs", List.of("200", "404")),
            Map.entry("POST /api/v1/folders/{folderId}/scan", List.of("200", "403", "404", "409", "429")),
            Map.entry("POST /api/v1/folders/{folderId}/enqueue", List.of("200", "403", "404", "409", "429")));

    @Test
    void everyOperationDocumentsItsStatusesSecurityAndAnExample() throws Exception {
        JsonNode doc = document();
        Map<String, JsonNode> operations = operations(doc);
        Set<String> resourceMethods = resourceOperations();

        assertThat(operations.keySet()).as("documented operations = JAX-RS resource methods under /api/v1")
                .containsExactlyInAnyOrderElementsOf(resourceMethods);
        assertThat(operations.keySet()).as("operations this test knows (add new ones to EXPECTED and to the calls)")
                .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());

        JsonNode schemes = doc.path("components").path("securitySchemes");
        List<String> problems = new ArrayList<>();
        operations.forEach((key, op) -> {
            Set<String> documented = new TreeSet<>();
            op.path("responses").fieldNames().forEachRemaining(documented::add);
            Set<String> required = new TreeSet<>(COMMON_ERRORS);
            required.addAll(EXPECTED.getOrDefault(key, List.of()));
            if (op.has("requestBody")) {
                required.addAll(BODY_ERRORS);
            }
            if (key.contains("{")) {
                required.add("404");
            }
            if (!documented.containsAll(required)) {
                Set<String> missing = new TreeSet<>(required);
                missing.removeAll(documented);
                problems.add(key + " does not document " + missing);
            }
            Set<String> successes = new TreeSet<>(documented.stream().filter(OpenApiContractTest::success).toList());
            Set<String> realSuccesses = new TreeSet<>(EXPECTED.getOrDefault(key, List.of()).stream()
                    .filter(OpenApiContractTest::success).toList());
            if (EXPECTED.containsKey(key) && !successes.equals(realSuccesses)) {
                problems.add(key + " documents success " + successes + " but answers " + realSuccesses);
            }
            if (documented.stream().noneMatch(OpenApiContractTest::success)) {
                problems.add(key + " documents no success status");
            }
            documented.stream().filter(s -> s.startsWith("4") || s.startsWith("5")).forEach(status -> {
                JsonNode media = op.path("responses").path(status).path("content").path(Problem.MEDIA_TYPE);
                if (!"#/components/schemas/Problem".equals(media.path("schema").path("$ref").asText())) {
                    problems.add(key + " " + status + " has no application/problem+json Problem body");
                }
            });
            if (!op.path("responses").path("503").path("headers").has("Retry-After")) {
                problems.add(key + " 503 does not document Retry-After");
            }
            boolean bearer = false;
            for (JsonNode requirement : op.path("security")) {
                for (Iterator<String> names = requirement.fieldNames(); names.hasNext();) {
                    JsonNode scheme = schemes.path(names.next());
                    bearer |= "http".equals(scheme.path("type").asText())
                            && "bearer".equalsIgnoreCase(scheme.path("scheme").asText())
                            && "JWT".equals(scheme.path("bearerFormat").asText());
                }
            }
            if (UNAUTHENTICATED.contains(key)) {
                if (bearer) {
                    problems.add(key + " is called without a token but documents a bearer JWT requirement");
                }
            } else if (!bearer) {
                problems.add(key + " has no bearer JWT security requirement");
            }
            if (!hasExample(op)) {
                problems.add(key + " has no example of its success answer or request");
            }
        });
        assertThat(problems).as("OpenAPI problems").isEmpty();

        JsonNode problemSchema = doc.path("components").path("schemas").path("Problem").path("properties");
        assertThat(fieldNames(problemSchema)).as("the Problem schema is common-model's Problem")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(Problem.class.getRecordComponents())
                        .map(RecordComponent::getName).toList());
    }

    @Test
    void everyOperationAnswersAStatusItDocumentsOnItsHappyPath() throws Exception {
        Map<String, JsonNode> operations = operations(document());
        Map<String, Integer> answered = happyPaths();

        assertThat(answered.keySet()).as("every operation was called once")
                .containsExactlyInAnyOrderElementsOf(operations.keySet());
        List<String> undocumented = new ArrayList<>();
        answered.forEach((key, status) -> {
            if (!operations.get(key).path("responses").has(String.valueOf(status))) {
                undocumented.add(key + " answered " + status);
            }
            if (status >= 400 || (status >= 300 && !REDIRECTS.contains(key))) {
                undocumented.add(key + " answered " + status + " on its happy path");
            }
        });
        assertThat(undocumented).isEmpty();
    }

    /** Calls each operation once, in an order that sets up what the next needs; returns the statuses. */
    private static Map<String, Integer> happyPaths() {
        Emulator.User user = Emulator.newUser("openapi");
        Map<String, Integer> answered = new TreeMap<>();
        Function<String, io.restassured.specification.RequestSpecification> as = unused -> given()
                .header("Authorization", user.bearer());
        record Call(String key, Response response) {
        }
        List<Call> calls = new ArrayList<>();
        calls.add(new Call("PUT /api/v1/google/account", as.apply("").contentType(ContentType.JSON)
                .body(Map.of("refreshToken", user.refreshToken())).put("/api/v1/google/account")));
        calls.add(new Call("GET /api/v1/google/account", as.apply("").get("/api/v1/google/account")));
        String file = Emulator.file(user, "contract.mp4", "video/mp4", 1 << 20);
        Response created = as.apply("").contentType(ContentType.JSON).body(Api.jobBody(file, "Contract"))
                .post("/api/v1/jobs");
        calls.add(new Call("POST /api/v1/jobs", created));
        String job = created.path("id");
        String bulkFile = Emulator.file(user, "contract bulk.mp4", "video/mp4", 1 << 20);
        calls.add(new Call("POST /api/v1/jobs/bulk", as.apply("").contentType(ContentType.JSON)
                .body(Map.of("jobs", List.of(Api.jobBody(bulkFile, "Bulk")))).post("/api/v1/jobs/bulk")));
        calls.add(new Call("POST /api/v1/folders/{folderId}/scan", as.apply("").contentType(ContentType.JSON)
                .body(Map.of("settings", Map.of("titleTemplate", "{folder} - {filename}")))
                .post("/api/v1/folders/root/scan")));
        calls.add(new Call("POST /api/v1/folders/{folderId}/enqueue", as.apply("").contentType(ContentType.JSON)
                .body(Map.of("maxFiles", 10)).post("/api/v1/folders/root/enqueue")));
        calls.add(new Call("GET /api/v1/jobs", as.apply("").get("/api/v1/jobs")));
        calls.add(new Call("GET /api/v1/jobs/{id}", as.apply("").get("/api/v1/jobs/" + job)));
        calls.add(new Call("POST /api/v1/jobs/{id}/cancel", as.apply("").post("/api/v1/jobs/" + job + "/cancel")));
        // the streams: only the status line matters here (the job's own stream ends, the caller's never does)
        answered.put("GET /api/v1/jobs/{id}/events", streamStatus("/api/v1/jobs/" + job + "/events", user.bearer()));
        answered.put("GET /api/v1/events", streamStatus("/api/v1/events", user.bearer()));
        calls.add(new Call("POST /api/v1/jobs/{id}/retry", as.apply("").post("/api/v1/jobs/" + job + "/retry")));
        calls.add(new Call("DELETE /api/v1/jobs/{id}", as.apply("").delete("/api/v1/jobs/" + job)));
        calls.add(new Call("POST /api/v1/jobs/clear", as.apply("").post("/api/v1/jobs/clear")));
        calls.add(new Call("GET /api/v1/history", as.apply("").get("/api/v1/history")));
        calls.add(new Call("GET /api/v1/quota", as.apply("").get("/api/v1/quota")));
        calls.add(new Call("GET /api/v1/drive/files", as.apply("").get("/api/v1/drive/files")));
        calls.add(new Call("GET /api/v1/drive/files/{id}", as.apply("").get("/api/v1/drive/files/" + file)));
        String video = Emulator.client().seedVideo(user.username(), "contract video", "private");
        calls.add(new Call("GET /api/v1/youtube/channel", as.apply("").get("/api/v1/youtube/channel")));
        calls.add(new Call("GET /api/v1/youtube/videos", as.apply("").get("/api/v1/youtube/videos")));
        calls.add(new Call("GET /api/v1/youtube/videos/{id}", as.apply("").get("/api/v1/youtube/videos/" + video)));
        Response hook = as.apply("").contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:9/vidferry", "events", List.of("completed")))
                .post("/api/v1/webhooks");
        calls.add(new Call("POST /api/v1/webhooks", hook));
        String hookId = hook.path("id");
        calls.add(new Call("GET /api/v1/webhooks", as.apply("").get("/api/v1/webhooks")));
        calls.add(new Call("GET /api/v1/webhooks/{id}", as.apply("").get("/api/v1/webhooks/" + hookId)));
        calls.add(new Call("GET /api/v1/webhooks/{id}/deliveries",
                as.apply("").get("/api/v1/webhooks/" + hookId + "/deliveries")));
        calls.add(new Call("DELETE /api/v1/webhooks/{id}", as.apply("").delete("/api/v1/webhooks/" + hookId)));
        Response sync = as.apply("").contentType(ContentType.JSON).body(Map.of("name", "Contract sync", "folderId",
                "root", "cron", "0 0 6 * * ?")).post("/api/v1/syncs");
        calls.add(new Call("POST /api/v1/syncs", sync));
        String syncId = sync.path("id");
        calls.add(new Call("GET /api/v1/syncs", as.apply("").get("/api/v1/syncs")));
        calls.add(new Call("GET /api/v1/syncs/{id}", as.apply("").get("/api/v1/syncs/" + syncId)));
        calls.add(new Call("PATCH /api/v1/syncs/{id}", as.apply("").contentType(ContentType.JSON)
                .body(Map.of("enabled", false)).patch("/api/v1/syncs/" + syncId)));
        calls.add(new Call("POST /api/v1/syncs/{id}/run", as.apply("").post("/api/v1/syncs/" + syncId + "/run")));
        calls.add(new Call("GET /api/v1/syncs/{id}/runs", as.apply("").get("/api/v1/syncs/" + syncId + "/runs")));
        calls.add(new Call("DELETE /api/v1/syncs/{id}", as.apply("").delete("/api/v1/syncs/" + syncId)));
        // the browser consent flow, as a second user (its account is disconnected at the end)
        Emulator.User browser = Emulator.newUser("openapi-consent");
        Response connect = given().redirects().follow(false).header("Authorization", browser.bearer())
                .get("/api/v1/google/connect");
        calls.add(new Call("GET /api/v1/google/connect", connect));
        URI back = Emulator.client().consent(connect.header("Location"), browser.username());
        Response callback = given().urlEncodingEnabled(false).redirects().follow(false)
                .get("/api/v1/google/callback?" + back.getRawQuery());
        calls.add(new Call("GET /api/v1/google/callback", callback));
        String account = callback.path("id");
        Function<String, io.restassured.specification.RequestSpecification> asBrowser = unused -> given()
                .header("Authorization", browser.bearer());
        calls.add(new Call("GET /api/v1/google/accounts", asBrowser.apply("").get("/api/v1/google/accounts")));
        calls.add(new Call("PUT /api/v1/google/accounts/{id}/default",
                asBrowser.apply("").put("/api/v1/google/accounts/" + account + "/default")));
        calls.add(new Call("DELETE /api/v1/google/account/{id}",
                asBrowser.apply("").delete("/api/v1/google/account/" + account)));
        String admin = "openapi-admin-" + UUID.randomUUID().toString().substring(0, 8);
        Emulator.client().createUser(admin, "pw", List.of("admin"));
        calls.add(new Call("POST /api/v1/admin/keys/reencrypt",
                given().header("Authorization", "Bearer " + Emulator.client().oidcAccessToken(admin, "pw"))
                        .post("/api/v1/admin/keys/reencrypt")));
        calls.forEach(call -> answered.put(call.key(), call.response().statusCode()));
        return answered;
    }

    /** The status of a {@code text/event-stream} answer, read from its head; the stream is then closed. */
    private static int streamStatus(String path, String bearer) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .header("Authorization", bearer).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30)).build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close();
            return response.statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode document() throws IOException {
        return MAPPER.readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .extract().asString());
    }

    /** "METHOD /path" of every operation under /api/v1. */
    private static Map<String, JsonNode> operations(JsonNode doc) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        doc.path("paths").fields().forEachRemaining(path -> {
            if (path.getKey().startsWith("/api/v1/")) {
                path.getValue().fields().forEachRemaining(op -> {
                    if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(op.getKey())) {
                        out.put(op.getKey().toUpperCase() + " " + path.getKey(), op.getValue());
                    }
                });
            }
        });
        return out;
    }

    private static boolean hasExample(JsonNode op) {
        List<JsonNode> media = new ArrayList<>();
        op.path("requestBody").path("content").forEach(media::add);
        op.path("responses").fields().forEachRemaining(r -> {
            if (r.getKey().startsWith("2")) {
                r.getValue().path("content").forEach(media::add);
            }
        });
        boolean noContent = op.path("responses").fieldNames().hasNext()
                && fieldNames(op.path("responses")).stream().filter(s -> s.startsWith("2"))
                        .allMatch(s -> !op.path("responses").path(s).has("content"));
        return noContent || media.stream().anyMatch(m -> m.has("example") || m.path("examples").size() > 0);
    }

    /** A success status: 2xx, or 3xx for the operations whose answer is a redirect. */
    private static boolean success(String status) {
        return status.startsWith("2") || status.startsWith("3");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** "METHOD /path" of every JAX-RS resource method of the api whose path starts with /api/v1/. */
    static Set<String> resourceOperations() throws IOException, URISyntaxException, ClassNotFoundException {
        Set<String> out = new TreeSet<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        for (URL root : Collections.list(loader.getResources("dev/vidferry/api"))) {
            if (!"file".equals(root.getProtocol())) {
                continue;
            }
            Path base = Paths.get(root.toURI());
            if (base.toString().contains("test-classes")) {
                continue;
            }
            List<Path> classes;
            try (Stream<Path> files = Files.walk(base)) {
                classes = files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList();
            }
            for (Path file : classes) {
                String name = "dev.vidferry.api." + base.relativize(file).toString().replace('/', '.')
                        .replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, loader);
                jakarta.ws.rs.Path classPath = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (classPath == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String verb = httpMethod(method);
                    if (verb == null) {
                        continue;
                    }
                    jakarta.ws.rs.Path methodPath = method.getAnnotation(jakarta.ws.rs.Path.class);
                    String path = normalize(classPath.value() + "/" + (methodPath == null ? "" : methodPath.value()));
                    if (path.startsWith("/api/v1/")) {
                        out.add(verb + " " + path);
                    }
                }
            }
        }
        assertThat(out).as("resource methods found by reflection").isNotEmpty();
        return out;
    }

    private static String httpMethod(Method method) {
        for (Annotation a : method.getAnnotations()) {
            HttpMethod verb = a.annotationType().getAnnotation(HttpMethod.class);
            if (verb != null) {
                return verb.value();
            }
        }
        return null;
    }

    private static String normalize(String path) {
        String p = ("/" + path).replaceAll("/+", "/").replaceAll("\\{\\s*([^:}\\s]+)\\s*(:[^}]*)?}", "{$1}");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }
}
