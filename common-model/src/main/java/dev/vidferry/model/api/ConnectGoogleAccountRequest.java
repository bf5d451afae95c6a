package dev.vidferry.model.api;

/**
 * Body of {@code PUT /api/v1/google/account}: the headless way to connect Google.
 *
 * @param refreshToken a Google OAuth refresh token issued to our OAuth client with the Drive and YouTube scopes;
 *        verified once against Google, then stored encrypted and never shown again
 */
public record ConnectGoogleAccountRequest(String refreshToken) {

    @Override
    public String toString() {
        return "ConnectGoogleAccountRequest[refreshToken=***]";
    }
}
