package dev.vidferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.UserCredentials;

import dev.vidferry.emulator.http.Json;

class OAuthTest {

    static JsonNode claims(String jwt) throws Exception {
        return Json.MAPPER.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }

    @Test
    void userCredentialsRefreshThroughTheEmulatorsTokenServer() throws Exception {
        JsonNode user = TestEmulator.newUser("oauth");
        UserCredentials credentials = TestEmulator.credentials(user);
        AccessToken token = credentials.refreshAccessToken();
        JsonNode c = claims(token.getTokenValue());
        assertThat(c.get("aud").asText()).isEqualTo("vidferry");
        assertThat(c.get("iss").asText()).isEqualTo(TestEmulator.base());
        assertThat(c.get("email").asText()).isEqualTo(user.get("email").asText());
        assertThat(c.get("scope").asText()).contains("youtube.upload", "drive.readonly", "youtube.readonly");
        assertThat(token.getExpirationTime()).isInTheFuture();
    }

    @Test
    void revokedRefreshTokenAnswersInvalidGrant() throws Exception {
        JsonNode user = TestEmulator.newUser("revoked");
        HttpResponse<String> revoke = TestEmulator.raw(HttpRequest.newBuilder(URI.create(TestEmulator.base()
                + "/revoke?token=" + URLEncoder.encode(user.get("refreshToken").asText(), StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(revoke.statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> TestEmulator.credentials(user).refreshAccessToken()).hasMessageContaining("invalid_grant");
        HttpResponse<String> api = TestEmulator.raw(HttpRequest.newBuilder(URI.create(TestEmulator.base()
                + "/drive/v3/files")).header("Authorization", "Bearer " + user.get("accessToken").asText()));
        assertThat(api.statusCode()).as("access tokens of a revoked grant die too").isEqualTo(401);
    }

    @Test
    void expiredRefreshTokenAndInjectedFaultAnswerInvalidGrant() throws Exception {
        JsonNode user = TestEmulator.newUser("expired");
        TestEmulator.call("POST", "/_emulator/faults", Json.object().put("target", "token").put("status", 400));
        assertThatThrownBy(() -> TestEmulator.credentials(user).refreshAccessToken()).hasMessageContaining("invalid_grant");
        assertThat(TestEmulator.credentials(user).refreshAccessToken().getTokenValue()).isNotBlank();
        TestEmulator.call("POST", "/_emulator/users/" + user.get("username").asText() + "/refresh-tokens/expire", null);
        assertThatThrownBy(() -> TestEmulator.credentials(user).refreshAccessToken()).hasMessageContaining("invalid_grant");
    }

    @Test
    void testingAppRefreshTokensDieAfterSevenEmulatedDays() throws Exception {
        TestEmulator.call("PUT", "/_emulator/token-ttl", Json.object().put("refreshSeconds", 7 * 24 * 3600));
        JsonNode user;
        try {
            user = TestEmulator.newUser("testing");
        } finally {
            TestEmulator.call("PUT", "/_emulator/token-ttl", Json.object().put("refreshSeconds", 0));
        }
        assertThat(TestEmulator.credentials(user).refreshAccessToken().getTokenValue()).isNotBlank();
        TestEmulator.call("POST", "/_emulator/clock", Json.object().put("advance", "P7DT1H"));
        assertThatThrownBy(() -> TestEmulator.credentials(user).refreshAccessToken()).hasMessageContaining("invalid_grant");
    }

    @Test
    void expiredAccessTokenAnswers401InGooglesErrorShape() throws Exception {
        TestEmulator.call("PUT", "/_emulator/token-ttl", Json.object().put("seconds", 1));
        JsonNode user;
        try {
            user = TestEmulator.newUser("ttl");
        } finally {
            TestEmulator.call("PUT", "/_emulator/token-ttl", Json.object().put("seconds", 3600));
        }
        Thread.sleep(1100);
        HttpResponse<String> r = TestEmulator.raw(HttpRequest.newBuilder(URI.create(TestEmulator.base()
                + "/youtube/v3/channels?part=id&mine=true"))
                .header("Authorization", "Bearer " + user.get("accessToken").asText()));
        assertThat(r.statusCode()).isEqualTo(401);
        JsonNode error = Json.MAPPER.readTree(r.body()).get("error");
        assertThat(error.get("status").asText()).isEqualTo("UNAUTHENTICATED");
        assertThat(error.get("errors").get(0).get("reason").asText()).isEqualTo("authError");
        assertThat(error.get("errors").get(0).get("location").asText()).isEqualTo("Authorization");
    }

    @Test
    void authorizationCodeFlowWithPkceStateAndOfflineAccess() throws Exception {
        JsonNode user = TestEmulator.newUser("consent");
        String verifier = "verifier-" + "x".repeat(50);
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        String redirect = "http://localhost:8080/callback";
        HttpResponse<String> auth = TestEmulator.raw(HttpRequest.newBuilder(URI.create(TestEmulator.base()
                + "/o/oauth2/v2/auth?response_type=code&client_id=vidferry&access_type=offline&prompt=consent"
                + "&state=s123&code_challenge_method=S256&code_challenge=" + challenge
                + "&scope="
                + URLEncoder.encode("openid email https://www.googleapis.com/auth/youtube.upload", StandardCharsets.UTF_8)
                + "&redirect_uri=" + URLEncoder.encode(redirect, StandardCharsets.UTF_8)
                + "&login_hint=" + user.get("email").asText())));
        assertThat(auth.statusCode()).isEqualTo(302);
        Map<String, String> q = query(auth.headers().firstValue("Location").orElseThrow());
        assertThat(q).containsEntry("state", "s123");

        HttpResponse<String> token = TestEmulator.raw(HttpRequest.newBuilder(URI.create(TestEmulator.base() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=vidferry"
                        + "&client_secret=vidferry-secret&code=" + URLEncoder.encode(q.get("code"), StandardCharsets.UTF_8)
                        + "&code_verifier=" + verifier + "&redirect_uri="
                        + URLEncoder.encode(redirect, StandardCharsets.UTF_8))));
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        JsonNode body = Json.MAPPER.readTree(token.body());
        assertThat(body.get("refresh_token").asText()).startsWith("1//");
        assertThat(claims(body.get("id_token").asText()).get("sub").asText()).isEqualTo(user.get("sub").asText());

        HttpResponse<String> reuse = TestEmulator.raw(HttpRequest.newBuilder(URI.create(TestEmulator.base() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=vidferry"
                        + "&client_secret=vidferry-secret&code=" + URLEncoder.encode(q.get("code"), StandardCharsets.UTF_8)
                        + "&code_verifier=" + verifier + "&redirect_uri="
                        + URLEncoder.encode(redirect, StandardCharsets.UTF_8))));
        assertThat(reuse.statusCode()).isEqualTo(400);
        assertThat(reuse.body()).contains("invalid_grant");
    }

    @Test
    void passwordGrantGivesAnOidcTokenForOurOwnApi() throws Exception {
        TestEmulator.call("POST", "/_emulator/users", Json.object().put("username", "carol").put("password", "pw"));
        HttpResponse<String> r = TestEmulator.raw(HttpRequest.newBuilder(URI.create(TestEmulator.base() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=vidferry"
                        + "&client_secret=vidferry-secret&username=carol&password=pw")));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode c = claims(Json.MAPPER.readTree(r.body()).get("access_token").asText());
        assertThat(c.get("preferred_username").asText()).isEqualTo("carol");
        HttpResponse<String> wrong = TestEmulator.raw(HttpRequest.newBuilder(URI.create(TestEmulator.base() + "/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=vidferry"
                        + "&client_secret=vidferry-secret&username=carol&password=nope")));
        assertThat(wrong.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(wrong.body()).get("error").asText()).isEqualTo("invalid_grant");
    }

    @Test
    void discoveryPointsAtTheEmulatorAndJwksPublishesTheKey() throws Exception {
        JsonNode d = TestEmulator.call("GET", "/.well-known/openid-configuration", null);
        assertThat(d.get("issuer").asText()).isEqualTo(TestEmulator.base());
        assertThat(d.get("token_endpoint").asText()).isEqualTo(TestEmulator.base() + "/token");
        JsonNode keys = TestEmulator.call("GET", "/oauth2/v3/certs", null).get("keys");
        assertThat(keys.get(0).get("kid").asText()).isNotBlank();
        assertThat(keys.get(0).get("alg").asText()).isEqualTo("RS256");
    }

    static Map<String, String> query(String url) {
        Map<String, String> out = new HashMap<>();
        for (String kv : URI.create(url).getRawQuery().split("&")) {
            String[] p = kv.split("=", 2);
            out.put(p[0], URLDecoder.decode(p[1], StandardCharsets.UTF_8));
        }
        return out;
    }
}
