package dev.vidferry.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.testsupport.http.SecurityHeaders;

/**
 * Requests a hostile client would send, generated systematically: every text field of every write endpoint times
 * every way to spoil it, every query parameter times every bad value, and what only the HTTP layer sees (sent over a
 * raw socket). None answers 5xx; every refusal is {@code application/problem+json} naming the field or parameter at
 * fault; nothing is written.
 */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class HostileRequestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Replaced by raw bytes after the body is serialised. */
    private static final String SLOT = "@@SLOT@@";

    /** Stand-ins replaced when a case is sent: cases are generated before the fixtures exist. */
    private static final String ALICE = "@@ALICE@@";
    private static final String VIDEO = "@@VIDEO@@";

    static Emulator.User alice;
    static String video;

    @BeforeEach
    void fixtures() {
        if (alice == null) {
            alice = Emulator.newUser("hostile");
            Api.connectGoogle(alice);
            video = Emulator.file(alice, "fine.mp4", "video/mp4", 1 << 20);
            Api.newJob(alice, "Existing");
        }
    }

    /**
     * One hostile request. {@code field}: what the refusal must name (null: no field to name); {@code refused}:
     * whether it must be refused (a value that is merely odd, e.g. {@code batchId=abc}, may be answered 200).
     */
    record Hostile(String name, String method, String target, Map<String, String> headers, byte[] body,
            long contentLength, String field, boolean refused) {

        @Override
        public String toString() {
            return name;
        }
    }

    /** A text field of a write endpoint: how to build a body with the field's value spliced in as raw JSON. */
    record Field(String endpoint, String method, String path, Function<String, Object> body) {
    }

    /** Ways to spoil a text field: the raw JSON (bytes) put where the value goes, and whether it names the field. */
    enum Spoil {

        NUL("\"a\\u0000b\""), NUL_ONLY("\"\\u0000\""), LONE_HIGH_SURROGATE("\"a\\ud800b\""), LONE_LOW_SURROGATE(
                "\"\\udc00\""), REVERSED_SURROGATES("\"\\udc00\\ud800\""), OVERLONG_SLASH(null), OVERLONG_NUL(
                        null), CESU_SURROGATE(null), INVALID_BYTE(null), TOO_LONG(null), WRONG_TYPE_OBJECT(
                                "{\"x\":1}"), WRONG_TYPE_ARRAY(
                                        "[\"a\"]"), NULL_IN_ARRAY("[null]"), HUGE_NUMBER(null), DUPLICATE_KEY("\"\"");

        final String json;

        Spoil(String json) {
            this.json = json;
        }

        byte[] raw(String field) {
            return switch (this) {
                case OVERLONG_SLASH -> bytes(new byte[]{'"', 'a', (byte) 0xC0, (byte) 0xAF, 'b', '"'});
                case OVERLONG_NUL -> bytes(new byte[]{'"', (byte) 0xC0, (byte) 0x80, '"'});
                case CESU_SURROGATE -> bytes(new byte[]{'"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'});
                case INVALID_BYTE -> bytes(new byte[]{'"', 'x', (byte) 0xFF, '"'});
                case TOO_LONG -> ("\"" + "x".repeat(field.equals("refreshToken") ? 5000 : 6000) + "\"")
                        .getBytes(StandardCharsets.UTF_8);
                case HUGE_NUMBER -> "9".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
                default -> json.getBytes(StandardCharsets.UTF_8);
            };
        }

        private static byte[] bytes(byte[] b) {
            return b;
        }
    }

    static Map<String, Object> job(String title) {
        Map<String, Object> metadata = new LinkedHashMap<>(Api.metadata(title));
        metadata.put("playlistId", "PLfine");
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("driveFileId", VIDEO);
        job.put("metadata", metadata);
        job.put("batchId", "batch");
        job.put("folderPath", "/Videos");
        return job;
    }

    /** {@code path} is a JSON path like {@code metadata.tags[0]}; sets that value to {@link #SLOT}. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> with(Map<String, Object> body, String path) {
        String[] parts = path.split("\\.");
        Map<String, Object> at = body;
        for (int i = 0; i < parts.length - 1; i++) {
            at = (Map<String, Object>) at.get(parts[i]);
        }
        String last = parts[parts.length - 1];
        if (last.endsWith("[0]")) {
            List<Object> list = new ArrayList<>((List<Object>) at.get(last.substring(0, last.length() - 3)));
            list.set(0, SLOT);
            at.put(last.substring(0, last.length() - 3), list);
        } else {
            at.put(last, SLOT);
        }
        return body;
    }

    static final List<String> JOB_FIELDS = List.of("driveFileId", "metadata.title", "metadata.description",
            "metadata.tags[0]", "metadata.categoryId", "metadata.playlistId", "batchId", "folderPath");

    static List<Field> fields() {
        List<Field> out = new ArrayList<>();
        for (String field : JOB_FIELDS) {
            out.add(new Field(field, "POST", "/api/v1/jobs", f -> with(job("Hostile"), field)));
            out.add(new Field("jobs[0]." + field, "POST", "/api/v1/jobs/bulk",
                    f -> Map.of("jobs", List.of(with(job("Hostile"), field)))));
        }
        out.add(new Field("refreshToken", "PUT", "/api/v1/google/account",
                f -> with(new LinkedHashMap<>(Map.of("refreshToken", "x")), "refreshToken")));
        return out;
    }

    static byte[] splice(Object body, byte[] value, String field, Spoil spoil) {
        String text;
        try {
            text = JSON.writeValueAsString(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String slot = "\"" + SLOT + "\"";
        if (spoil == Spoil.DUPLICATE_KEY) {
            // the field's key twice in its object: "title":"x","title":"y"
            String key = field.replaceAll(".*\\.", "").replaceAll("\\[0]$", "");
            String duplicate = field.endsWith("[0]")
                    ? slot + "],\"" + key + "\":[\"again\""
                    : "\"once\",\"" + key + "\":\"again\"";
            text = text.replace(slot, duplicate);
            return text.getBytes(StandardCharsets.UTF_8);
        }
        int at = text.indexOf(slot);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(text.substring(0, at).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(value);
        out.writeBytes(text.substring(at + slot.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static Map<String, String> json() {
        return Map.of("Content-Type", "application/json", "Authorization", ALICE);
    }

    static Hostile body(String name, String method, String path, byte[] body, String field) {
        return new Hostile(name, method, path, json(), body, body.length, field, true);
    }

    static Stream<Hostile> textFieldCases() {
        List<Hostile> out = new ArrayList<>();
        for (Field f : fields()) {
            for (Spoil spoil : Spoil.values()) {
                String named = f.endpoint();
                if (spoil == Spoil.DUPLICATE_KEY && named.endsWith("[0]")) {
                    // the key is "tags": the duplicate is the list's key
                    named = named.substring(0, named.length() - 3);
                }
                if (spoil == Spoil.TOO_LONG && named.endsWith("tags[0]")) {
                    // YouTube limits the tags in total
                    named = named.substring(0, named.length() - 3);
                }
                byte[] raw = spoil.raw(f.endpoint());
                String field = f.endpoint();
                out.add(body(f.method() + " " + f.path() + " " + field + " " + spoil, f.method(), f.path(),
                        splice(f.body().apply(field), raw, field, spoil), named));
            }
        }
        return out.stream();
    }

    static Stream<Hostile> bodyCases() {
        List<Hostile> out = new ArrayList<>();
        for (String[] endpoint : new String[][]{{"POST", "/api/v1/jobs"}, {"POST", "/api/v1/jobs/bulk"},
                {"PUT", "/api/v1/google/account"}}) {
            String m = endpoint[0];
            String p = endpoint[1];
            Map<String, String> noAuth = Map.of("Content-Type", "application/json");
            String whole = p.endsWith("bulk") ? "jobs" : p.endsWith("account") ? "refreshToken" : "";
            out.add(body(m + " " + p + " empty body", m, p, new byte[0], whole));
            out.add(body(m + " " + p + " JSON null", m, p, bytes("null"), whole));
            out.add(body(m + " " + p + " JSON array", m, p, bytes("[1,2]"), ""));
            out.add(body(m + " " + p + " JSON string", m, p, bytes("\"x\""), ""));
            out.add(body(m + " " + p + " truncated JSON", m, p, bytes("{\"a\":"), ""));
            out.add(body(m + " " + p + " trailing garbage", m, p, bytes("{} {}"), null));
            out.add(body(m + " " + p + " nested 5000 deep", m, p,
                    bytes("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}"), "a"));
            out.add(body(m + " " + p + " NUL in an unknown key", m, p, bytes("{\"a\\u0000\":1}"), "a\u0000"));
            out.add(body(m + " " + p + " huge number in an unknown key", m, p,
                    bytes("{\"n\":" + "1".repeat(1 << 20) + "}"), "n"));
            out.add(body(m + " " + p + " overlong UTF-8 outside strings", m, p,
                    new byte[]{'{', (byte) 0xC0, (byte) 0xAF, '}'}, ""));
            out.add(body(m + " " + p + " UTF-16 body", m, p, "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE), ""));
            out.add(new Hostile(m + " " + p + " text/plain", m, p,
                    Map.of("Content-Type", "text/plain", "Authorization", ALICE), bytes("hi"), 2, null,
                    true));
            out.add(new Hostile(m + " " + p + " no content type", m, p, Map.of("Authorization", ALICE),
                    bytes("{}"), 2, null, true));
            out.add(new Hostile(m + " " + p + " Accept text/html", m, p,
                    Map.of("Content-Type", "application/json", "Accept", "text/html", "Authorization",
                            ALICE),
                    bytes("{}"), 2, null, true));
            out.add(new Hostile(m + " " + p + " 10 MiB announced", m, p, json(), new byte[64 * 1024], 10L << 20,
                    null, true));
            out.add(new Hostile(m + " " + p + " without a token", m, p, noAuth, bytes("{}"), 2, null, true));
            out.add(new Hostile(m + " " + p + " PATCH", "PATCH", p, json(), bytes("{}"), 2, null, true));
            out.add(new Hostile(m + " " + p + " 1 MiB query string", m, p + "?q=" + "a".repeat(1 << 20), json(),
                    bytes("{}"), 2, null, true));
        }
        return out.stream();
    }

    static final List<String> BADLY_ENCODED = List.of("%00", "%ff", "%zz", "%", "%C0%AF", "%ED%A0%80", "a%00b", "{}",
            "%u002e");

    static Stream<Hostile> queryCases() {
        List<Hostile> out = new ArrayList<>();
        Map<String, List<String>> params = Map.of("/api/v1/jobs", List.of("status", "batchId", "cursor", "limit"),
                "/api/v1/history", List.of("cursor", "limit"));
        List<String> values = List.of("abc", "1.5", "2147483648", "-1", "%00", "", "0", "%ff", "%zz", "%", "%C0%AF",
                "%ED%A0%80", "a%00b", "{}", "%u002e", "99999999999999999999999", "1e3", "+1", "%201");
        params.forEach((path, names) -> {
            for (String name : names) {
                for (String value : values) {
                    // an odd batchId is matched against nothing (200); every other odd value is refused
                    boolean mustRefuse = !value.isEmpty() && (name.equals("limit") || BADLY_ENCODED.contains(value)
                            || !name.equals("batchId"));
                    out.add(new Hostile("GET " + path + "?" + name + "=" + value, "GET",
                            path + "?" + name + "=" + value, Map.of("Authorization", ALICE), null, 0,
                            name, mustRefuse));
                }
            }
        });
        return out.stream();
    }

    static Stream<Hostile> uriCases() {
        List<Hostile> out = new ArrayList<>();
        Map<String, String> auth = Map.of("Authorization", ALICE);
        for (String path : List.of("/api/v1/jobs", "/api/v1/history", "/api/v1/google/account", "/api/v1/quota",
                "/q/health/ready")) {
            out.add(new Hostile("GET " + path + "/%u002e", "GET", path + "/%u002e", auth, null, 0, "path", true));
            out.add(new Hostile("GET " + path + "/{}", "GET", path + "/{}", auth, null, 0, "path", true));
            out.add(new Hostile("GET " + path + "/%00", "GET", path + "/%00", auth, null, 0, "path", true));
            out.add(new Hostile("GET " + path + "/%zz", "GET", path + "/%zz", auth, null, 0, "path", true));
            out.add(new Hostile("GET " + path + "/%C0%AF", "GET", path + "/%C0%AF", auth, null, 0, "path", true));
            out.add(new Hostile("GET " + path + " with raw é", "GET", path + "/\u00e9", auth, null, 0, "path", true));
            out.add(new Hostile("GET " + path + " 1 MiB query", "GET", path + "?x=" + "b".repeat(1 << 20), auth, null,
                    0, null, true));
            // health answers any method
            out.add(new Hostile("DELETE " + path, "DELETE", path, auth, null, 0, null, !path.startsWith("/q/")));
        }
        out.add(new Hostile("GET a path outside the API", "GET", "/nowhere", Map.of(), null, 0, null, true));
        out.add(new Hostile("GET /api/v1/jobs/{id} with a malformed id", "GET", "/api/v1/jobs/%7B%7D", auth, null, 0,
                null, true));
        out.add(new Hostile("GET a job with Accept image/png", "GET", "/api/v1/jobs",
                Map.of("Authorization", ALICE, "Accept", "image/png"), null, 0, null, true));
        return out.stream();
    }

    static Stream<Hostile> cases() {
        return Stream.of(textFieldCases(), bodyCases(), queryCases(), uriCases()).flatMap(s -> s);
    }

    /** {@code body} with every {@code from} (ASCII) replaced by {@code to}, other bytes untouched. */
    static byte[] replace(byte[] body, String from, String to) {
        byte[] needle = from.getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        for (int i = 0; i < body.length; i++) {
            if (i + needle.length <= body.length && java.util.Arrays.equals(body, i, i + needle.length, needle, 0,
                    needle.length)) {
                out.writeBytes(to.getBytes(StandardCharsets.US_ASCII));
                i += needle.length - 1;
            } else {
                out.write(body[i]);
            }
        }
        return out.toByteArray();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithAProblemNamingTheFieldAndWritesNothing(Hostile c) throws Exception {
        String before = Db.snapshot();

        Map<String, String> headers = new LinkedHashMap<>(c.headers());
        headers.replaceAll((k, v) -> v.replace(ALICE, alice.bearer()));
        byte[] body = c.body() == null ? null : replace(c.body(), VIDEO, video);
        long length = c.body() != null && c.contentLength() == c.body().length ? body.length : c.contentLength();
        RawHttp.Answer answer = RawHttp.send(c.method(), c.target(), headers, body, length);

        String shown = c.name().substring(0, Math.min(120, c.name().length())) + " -> " + answer.status() + " "
                + answer.headers() + " " + answer.body().substring(0,
                        Math.min(600, answer.body().length()));
        assertThat(answer.status()).as("no 5xx: " + shown).isLessThan(500);
        boolean bulkItemsRefused = answer.status() == 200 && c.target().endsWith("/bulk");
        if (bulkItemsRefused) {
            JsonNode result = JSON.readTree(answer.body());
            assertThat(result.path("created").asInt()).as(shown).isZero();
            result.path("results").forEach(r -> assertThat(r.path("status").asInt()).as(shown).isBetween(400, 499));
            assertThat(fields(result)).as("names the field: " + shown).anyMatch(f -> names(f, c.field()));
        } else if (c.refused()) {
            assertThat(answer.status()).as("refused: " + shown).isGreaterThanOrEqualTo(400);
        }
        if (answer.status() >= 400) {
            assertThat(answer.header("Content-Type")).as(shown).startsWith("application/problem+json");
            JsonNode problem = JSON.readTree(answer.body());
            assertThat(problem.path("status").asInt()).as(shown).isEqualTo(answer.status());
            assertThat(problem.path("type").asText()).as(shown).startsWith("https://vidferry.dev/problems/");
            assertThat(problem.path("title").asText()).as(shown).isNotBlank();
            assertThat(problem.path("detail").asText()).as(shown).isNotBlank();
            if (c.field() != null && answer.status() != 401 && answer.status() != 413 && answer.status() != 414) {
                assertThat(fields(problem)).as("names the field: " + shown).anyMatch(f -> names(f, c.field()));
            }
            assertThat(answer.body()).doesNotContainIgnoringCase("exception").doesNotContain("dev.vidferry")
                    .doesNotContain("com.fasterxml");
        }
        SecurityHeaders.EXPECTED.forEach((name, value) -> assertThat(answer.header(name)).as(name + ": " + shown)
                .isEqualTo(value));
        assertThat(Db.snapshot()).as("nothing written").isEqualTo(before);
    }

    /** {@code named} is {@code expected}, or an element or member inside it (a deeply nested value). */
    static boolean names(String named, String expected) {
        return named.equals(expected) || named.startsWith(expected + "[") || named.startsWith(expected + ".")
                || expected.isEmpty() && named.isEmpty();
    }

    /** The fields a problem names, and those of each refused bulk item. */
    static List<String> fields(JsonNode problem) {
        List<String> out = new ArrayList<>();
        problem.path("errors").forEach(e -> out.add(e.path("field").asText()));
        problem.path("results").forEach(r -> r.path("problem").path("errors").forEach(e -> out.add(e.path("field")
                .asText())));
        return out;
    }
}
