package dev.vidferry.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(ApiTestProfile.class)
class GoogleProfileTest {

    @Test
    void connectingAnAccountRecordsItsGoogleIdAndEmailFromUserinfo() {
        Emulator.User user = Emulator.newUser("uma");

        Api.connectGoogle(user);

        assertThat(Db.count("SELECT count(*) FROM google_account WHERE owner_id = ? AND google_subject = ?"
                + " AND email LIKE '%@%'", user.sub(), user.sub())).isEqualTo(1);
    }
}
