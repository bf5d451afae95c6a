package dev.vidferry.emulator.oidc;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
@QuarkusTestResource(OidcEmulatorResource.class)
class OidcTokenTest {

    static String passwordToken(String user) {
        String base = ConfigProvider.getConfig().getValue("emulator.base-url", String.class);
        String body = given().baseUri(base).contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "password").formParam("client_id", "vidferry")
                .formParam("client_secret", "vidferry-secret").formParam("username", user).formParam("password", user)
                .post("/token").then().statusCode(200).extract().asString();
        return JsonPath.from(body).getString("access_token");
    }

    @Test
    void quarkusOidcAcceptsAnEmulatorIssuedToken() {
        given().auth().oauth2(passwordToken("alice")).get("/protected").then().statusCode(200)
                .body(equalTo("alice@vidferry.test"));
    }

    @Test
    void quarkusOidcRejectsATamperedToken() {
        String[] parts = passwordToken("alice").split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("alice@vidferry.test", "bob@vidferry.test");
        String forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        given().auth().oauth2(forged).get("/protected").then().statusCode(401);
    }

    @Test
    void requestsWithoutTokenAreRejected() {
        given().get("/protected").then().statusCode(401);
    }
}
