package dev.vidferry.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import dev.vidferry.testsupport.emulator.EmulatorClient;

/**
 * A person using vidferry: a fresh emulator user (their Google side) who connected that Google account to vidferry
 * with {@code PUT /api/v1/google/account}, and a REST client holding their bearer token.
 */
public record Member(EmulatorClient.EmulatorUser user, ApiClient api) {

    /** A new member named {@code <prefix><random>} with Google connected. */
    public static Member connected(Stack stack, String prefix) {
        EmulatorClient emulator = stack.emulator();
        String username = prefix + UUID.randomUUID().toString().substring(0, 8);
        EmulatorClient.EmulatorUser user = emulator.createUser(username, "pw");
        ApiClient api = stack.apiClient(emulator.oidcAccessToken(username, "pw"));
        ApiClient.Answer connected = api.put("/google/account", Map.of("refreshToken", user.refreshToken()));
        assertThat(connected.status()).as(connected.body().toString()).isEqualTo(200);
        return new Member(user, api);
    }
}
