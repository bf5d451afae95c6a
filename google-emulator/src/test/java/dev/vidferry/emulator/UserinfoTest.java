package dev.vidferry.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.HttpRequestInitializer;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.oauth2.Oauth2;
import com.google.api.services.oauth2.model.Userinfo;
import com.google.auth.http.HttpCredentialsAdapter;

/** The OAuth2 API's v2 userinfo, called through Google's official {@code google-api-services-oauth2} client. */
class UserinfoTest {

    static Oauth2 oauth2(HttpRequestInitializer auth) {
        return new Oauth2.Builder(TestEmulator.TRANSPORT, GsonFactory.getDefaultInstance(), auth)
                .setRootUrl(TestEmulator.base() + "/").setApplicationName("vidferry-test").build();
    }

    @Test
    void theOfficialClientReadsTheAccountIdAndEmailOfTheTokensUser() throws Exception {
        JsonNode user = TestEmulator.newUser("whoami");
        String sub = OAuthTest.claims(TestEmulator.credentials(user).refreshAccessToken().getTokenValue()).get("sub")
                .asText();

        Userinfo info = oauth2(new HttpCredentialsAdapter(TestEmulator.credentials(user))).userinfo().get().execute();

        assertThat(info.getId()).isEqualTo(sub);
        assertThat(info.getEmail()).isEqualTo(user.get("email").asText());
        assertThat(info.getVerifiedEmail()).isTrue();
        assertThat(info.getPicture()).startsWith(TestEmulator.base());
    }

    @Test
    void anUnknownTokenIsRefusedWith401() {
        HttpRequestInitializer bogus = request -> request.getHeaders().setAuthorization("Bearer not-a-token");

        assertThatThrownBy(() -> oauth2(bogus).userinfo().get().execute())
                .isInstanceOfSatisfying(GoogleJsonResponseException.class,
                        e -> assertThat(e.getStatusCode()).isEqualTo(401));
    }
}
