package dev.vidferry.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.crypto.TokenColumns;
import dev.vidferry.platform.google.GoogleScopes;

/** Connecting Google in the browser: GET /connect -> the emulator's consent screen -> GET /callback. */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class ConsentFlowTest {

    /** GET /connect as {@code user}: the authorize URL it redirects to. */
    static String connect(Emulator.User user) {
        return given().redirects().follow(false).header("Authorization", user.bearer())
                .get("/api/v1/google/connect").then().statusCode(302).extract().header("Location");
    }

    /** Google's redirect back to our callback, played by the test (no bearer token: the browser has none). */
    static ValidatableResponse callback(URI redirect) {
        return given().urlEncodingEnabled(false).redirects().follow(false)
                .get("/api/v1/google/callback?" + redirect.getRawQuery()).then();
    }

    static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    private static long accounts(Emulator.User user) {
        return Db.count("SELECT count(*) FROM google_account WHERE owner_id = ?", user.sub());
    }

    @Test
    void connectRedirectsToGoogleWithPkceStateAndTheChannelPicker() {
        Emulator.User carol = Emulator.newUser("carol");
        String location = connect(carol);
        Map<String, String> q = query(location);

        assertThat(location).startsWith(Emulator.client().baseUrl() + "/o/oauth2/v2/auth?");
        assertThat(q.get("scope").split(" ")).containsExactlyInAnyOrderElementsOf(GoogleScopes.REQUIRED);
        assertThat(q).containsEntry("access_type", "offline").containsEntry("prompt", "select_account consent")
                .containsEntry("code_challenge_method", "S256").containsEntry("response_type", "code");
        assertThat(q.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
        assertThat(q.get("state")).matches("[A-Za-z0-9_-]{43}");
        assertThat(Db.count("SELECT count(*) FROM google_consent_state WHERE owner_id = ?", carol.sub()))
                .isEqualTo(1);
        assertThat(Db.count("SELECT count(*) FROM google_consent_state WHERE convert_from(state_hash, 'LATIN1') "
                + "LIKE ?", "%" + q.get("state") + "%")).isZero();
    }

    @Test
    void theCallbackStoresTheAccountWithItsChannelAndAReplayIsRefused() {
        Emulator.User carol = Emulator.newUser("carol");
        URI back = Emulator.client().consent(connect(carol), carol.username());

        callback(back).statusCode(200).body("isDefault", equalTo(true)).body("status", equalTo("active"))
                .body("channelId", equalTo(Emulator.client().users().stream()
                        .filter(u -> u.username().equals(carol.username())).findFirst().orElseThrow().channelId()))
                .body("missingScopes", hasSize(0));
        assertThat(accounts(carol)).isEqualTo(1);
        given().header("Authorization", carol.bearer()).get("/api/v1/google/accounts").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].scopes", hasItem(GoogleScopes.YOUTUBE_READONLY));

        callback(back).statusCode(400).contentType("application/problem+json")
                .body("type", endsWith("/problems/consent-state-invalid"));
        assertThat(accounts(carol)).isEqualTo(1);
        // the stored tokens work: a job can be created with them
        Api.newJob(carol, "connected by consent");
    }

    /** The callback as a browser follows Google's redirect (it asks for HTML). */
    static ValidatableResponse browserCallback(URI redirect) {
        return given().urlEncodingEnabled(false).redirects().follow(false)
                .accept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                .get("/api/v1/google/callback?" + redirect.getRawQuery()).then();
    }

    @Test
    void aBrowserIsSentOnToTheUiWithTheResultAndAReplayWithTheReason() {
        Emulator.User hana = Emulator.newUser("hana");
        URI back = Emulator.client().consent(connect(hana), hana.username());

        String location = browserCallback(back).statusCode(303).header("Cache-Control", "no-store").extract()
                .header("Location");
        assertThat(accounts(hana)).isEqualTo(1);
        String accountId = given().header("Authorization", hana.bearer()).get("/api/v1/google/accounts").then()
                .statusCode(200).extract().path("items[0].id");
        // the default vidferry.consent.after-connect-url is "/" on this host
        assertThat(URI.create(location).getPath()).isEqualTo("/");
        assertThat(query(location)).containsExactly(Map.entry("result", "connected"),
                Map.entry("accountId", accountId));

        String replay = browserCallback(back).statusCode(303).extract().header("Location");
        assertThat(query(replay)).containsExactly(Map.entry("result", "error"),
                Map.entry("error", "consent-state-invalid"));
        assertThat(accounts(hana)).isEqualTo(1);
    }

    @Test
    void aBrowserWhoseConsentLacksAScopeLearnsWhichOneAndNothingIsStored() {
        Emulator.User ivan = Emulator.newUser("ivan");
        Emulator.client().declineScopes(ivan.username(), GoogleScopes.YOUTUBE_READONLY);
        URI back = Emulator.client().consent(connect(ivan), ivan.username());

        String location = browserCallback(back).statusCode(303).extract().header("Location");
        assertThat(query(location)).containsExactly(Map.entry("result", "error"),
                Map.entry("error", "google-scope-missing"), Map.entry("missingScope", GoogleScopes.YOUTUBE_READONLY));
        assertThat(location).doesNotContain("code=").doesNotContain("state=");
        assertThat(accounts(ivan)).isZero();
    }

    @Test
    void aTamperedStateIsRefusedAndNothingIsStored() {
        Emulator.User dave = Emulator.newUser("dave");
        URI back = Emulator.client().consent(connect(dave), dave.username());
        String state = query(back.toString()).get("state");
        String tampered = back.getRawQuery().replace("state=" + state,
                "state=" + (state.charAt(0) == 'A' ? 'B' : 'A') + state.substring(1));

        given().urlEncodingEnabled(false).get("/api/v1/google/callback?" + tampered).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("state"));
        given().get("/api/v1/google/callback?code=x").then().statusCode(400);
        assertThat(accounts(dave)).isZero();
    }

    @Test
    void aConsentWithoutYoutubeReadonlyIsRefusedNamingTheScope() {
        Emulator.User erin = Emulator.newUser("erin");
        Emulator.client().declineScopes(erin.username(), GoogleScopes.YOUTUBE_READONLY);
        URI back = Emulator.client().consent(connect(erin), erin.username());

        callback(back).statusCode(422).contentType("application/problem+json")
                .body("type", endsWith("/problems/google-scope-missing"))
                .body("errors[0].field", equalTo("scope"))
                .body("errors[0].message", equalTo(GoogleScopes.YOUTUBE_READONLY));
        assertThat(accounts(erin)).isZero();
    }

    @Test
    void anAccountWithoutAYoutubeChannelIsRefused() {
        Emulator.User finn = Emulator.newUser("finn");
        Emulator.client().setHasChannel(finn.username(), false);
        URI back = Emulator.client().consent(connect(finn), finn.username());

        callback(back).statusCode(422).body("type", endsWith("/problems/youtube-channel-missing"));
        assertThat(accounts(finn)).isZero();
    }

    @Test
    void disconnectingRevokesTheGrantAndAnotherUsersAccountIsNotFound() {
        Emulator.User gina = Emulator.newUser("gina");
        Emulator.User hugo = Emulator.newUser("hugo");
        String id = callback(Emulator.client().consent(connect(gina), gina.username())).statusCode(200)
                .extract().path("id");

        given().header("Authorization", hugo.bearer()).delete("/api/v1/google/account/" + id).then()
                .statusCode(404);
        String refreshToken = storedRefreshToken(gina, id);
        assertThat(refreshAtGoogle(refreshToken)).isEqualTo(200);

        given().header("Authorization", gina.bearer()).delete("/api/v1/google/account/" + id).then()
                .statusCode(204);
        assertThat(accounts(gina)).isZero();
        given().header("Authorization", gina.bearer()).get("/api/v1/google/accounts").then().statusCode(200)
                .body("items", hasSize(0));
        assertThat(refreshAtGoogle(refreshToken)).isEqualTo(400);
    }

    @Inject
    TokenCipher cipher;

    private String storedRefreshToken(Emulator.User owner, String accountId) {
        Map<String, Object> row = Db.row("SELECT key_id, refresh_token_ciphertext FROM google_account WHERE id = ?",
                UUID.fromString(accountId));
        return cipher.open((String) row.get("key_id"), (byte[]) row.get("refresh_token_ciphertext"),
                TokenColumns.refresh(owner.sub(), UUID.fromString(accountId)));
    }

    private static int refreshAtGoogle(String refreshToken) {
        return given().baseUri(Emulator.client().baseUrl()).formParam("grant_type", "refresh_token")
                .formParam("client_id", "vidferry").formParam("client_secret", "vidferry-secret")
                .formParam("refresh_token", refreshToken).post("/token").statusCode();
    }
}
