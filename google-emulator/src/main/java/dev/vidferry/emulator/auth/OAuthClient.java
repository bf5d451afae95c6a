package dev.vidferry.emulator.auth;

/**
 * A registered OAuth client, which is also the Google Cloud project quota is counted against.
 *
 * @param verified false = an unverified API project: every upload is forced to private
 */
public record OAuthClient(String clientId, String clientSecret, boolean verified) {
}
