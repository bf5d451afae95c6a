package dev.vidferry.api.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import dev.vidferry.api.ApiTestProfile;
import dev.vidferry.api.Emulator;
import dev.vidferry.api.http.SecurityHeaders;

/**
 * The dashboard's session, over plain HTTP: the OIDC code flow through the emulator's account chooser signs a user
 * in; the session then reaches the same {@code /api/v1} operations, whose writes need the page's CSRF token; bearer
 * clients are not affected by any of it.
 */
@QuarkusTest
@TestProfile(ApiTestProfile.class)
class DashboardSessionTest {

    @TestHTTPResource("/")
    URL root;

    private final CookieManager cookies = new CookieManager();
    private final HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    private String base() {
        String url = root.toString();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Follows redirects like a browser, choosing {@code username} on the account chooser. */
    private HttpResponse<String> open(String url, String username) throws IOException, InterruptedException {
        URI uri = URI.create(url);
        for (int hop = 0; hop < 10; hop++) {
            HttpResponse<String> answer = browser.send(HttpRequest.newBuilder(uri).header("Accept", "text/html")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200 && answer.body().contains("name=\"login_hint\"")) {
                assertThat(answer.body()).contains("value=\"" + username + "\"");
                uri = URI.create(uri + "&login_hint=" + username);
                continue;
            }
            if (answer.statusCode() / 100 != 3) {
                return answer;
            }
            uri = uri.resolve(answer.headers().firstValue("Location").orElseThrow());
        }
        throw new AssertionError("too many redirects from " + url);
    }

    private String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    private String cookieHeader() {
        return String.join("; ", cookies.getCookieStore().getCookies().stream()
                .map(c -> c.getName() + "=" + c.getValue()).toList());
    }

    @Test
    void signingInThroughTheProviderOpensThePagesWithTheirPolicy() throws Exception {
        Emulator.User user = Emulator.newUser("webui");

        HttpResponse<String> page = open(base() + "/ui/queue", user.username());

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.uri().getPath()).isEqualTo("/ui/queue");
        assertThat(page.body()).contains("<h1>Queue</h1>").contains("sse-connect=\"/ui/events?since=");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValue(SecurityHeaders.DASHBOARD_CSP);
        assertThat(SecurityHeaders.DASHBOARD_CSP).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(cookie(UiTenantResolver.SESSION_COOKIE)).isNotBlank();
        assertThat(page.body()).contains("content=\"" + cookie(CsrfToken.COOKIE) + "\"");
    }

    @Test
    void theSessionCallsTheApiAndItsWritesNeedTheCsrfToken() throws Exception {
        Emulator.User user = Emulator.newUser("webapi");
        assertThat(open(base() + "/ui/quota", user.username()).statusCode()).isEqualTo(200);
        String csrf = cookie(CsrfToken.COOKIE);

        given().header("Cookie", cookieHeader()).get("/api/v1/jobs").then().statusCode(200);
        given().header("Cookie", cookieHeader()).post("/api/v1/jobs/clear").then().statusCode(403)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("csrf-token-invalid"));
        given().header("Cookie", cookieHeader()).header(CsrfToken.HEADER, "forged").post("/api/v1/jobs/clear")
                .then().statusCode(403);
        given().header("Cookie", cookieHeader()).header(CsrfToken.HEADER, csrf).header("Sec-Fetch-Site", "cross-site")
                .post("/api/v1/jobs/clear").then().statusCode(403);
        given().header("Cookie", cookieHeader()).header(CsrfToken.HEADER, csrf).post("/api/v1/jobs/clear").then()
                .statusCode(200).body("deleted", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void bearerClientsAreNotTheDashboardsConcern() {
        Emulator.User user = Emulator.newUser("webbearer");
        // no CSRF token needed with a bearer token, even when a stray session cookie comes along
        given().header("Authorization", user.bearer()).header("Cookie", UiTenantResolver.SESSION_COOKIE + "=stale")
                .post("/api/v1/jobs/clear").then().statusCode(200);
        // without either, the API still answers 401 problem+json, not a redirect to a sign-in page
        given().redirects().follow(false).get("/api/v1/jobs").then().statusCode(401);
        // the pages themselves send a browser to sign in
        given().redirects().follow(false).get("/ui/queue").then().statusCode(302);
    }
}
