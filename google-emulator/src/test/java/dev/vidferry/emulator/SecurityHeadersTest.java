package dev.vidferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.vidferry.emulator.http.Json;

/** Every answer of the emulator carries the security headers of every vidferry service, errors included. */
class SecurityHeadersTest {

    static final Map<String, String> EXPECTED = Map.of(
            "X-Content-Type-Options", "nosniff",
            "Cache-Control", "no-store",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "frame-ancestors 'none'");

    @AfterEach
    void clearFaults() {
        TestEmulator.call("DELETE", "/_emulator/faults", null);
    }

    @Test
    void aSuccessfulAnswerCarriesTheSecurityHeaders() {
        HttpResponse<String> answer = get("/q/health", null);

        assertThat(answer.statusCode()).isEqualTo(200);
        assertHeaders(answer);
    }

    @Test
    void aClientErrorCarriesTheSecurityHeaders() {
        HttpResponse<String> answer = get("/no/such/route", null);

        assertThat(answer.statusCode()).isEqualTo(404);
        assertHeaders(answer);
    }

    @Test
    void aServerErrorCarriesTheSecurityHeaders() {
        JsonNode user = TestEmulator.newUser("headers");
        TestEmulator.call("POST", "/_emulator/faults", Json.object().put("target", "api").put("count", 1)
                .put("status", 500));

        HttpResponse<String> answer = get("/drive/v3/files", TestEmulator.bearer(user));

        assertThat(answer.statusCode()).isEqualTo(500);
        assertHeaders(answer);
    }

    private static HttpResponse<String> get(String path, String bearer) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(TestEmulator.base() + path)).GET();
        if (bearer != null) {
            request.header("Authorization", bearer);
        }
        return TestEmulator.raw(request);
    }

    private static void assertHeaders(HttpResponse<String> answer) {
        EXPECTED.forEach((name, value) -> assertThat(answer.headers().firstValue(name)).as(name).hasValue(value));
    }
}
