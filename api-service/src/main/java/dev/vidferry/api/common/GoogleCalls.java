package dev.vidferry.api.common;

import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.auth.oauth2.UserCredentials;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.vidferry.api.account.GoogleAccountService;
import dev.vidferry.api.drive.DriveLookup;
import dev.vidferry.platform.google.GoogleCredentialsFactory;

/**
 * Runs blocking Google work with the caller's stored credentials on a worker thread: 409 without a connected account;
 * credentials Google refuses mark the account {@code reconnect_required} and answer 409.
 */
@ApplicationScoped
public class GoogleCalls {

    private final GoogleAccountService accounts;
    private final GoogleCredentialsFactory credentials;
    private final BlockingCalls blocking;

    public GoogleCalls(GoogleAccountService accounts, GoogleCredentialsFactory credentials, BlockingCalls blocking) {
        this.accounts = accounts;
        this.credentials = credentials;
        this.blocking = blocking;
    }

    /** The owner's credentials, checked before anything is booked or sent. */
    public Uni<GoogleAccountService.StoredCredentials> credentialsOf(String ownerId) {
        return Panache.withSession(() -> accounts.credentialsOf(ownerId));
    }

    /** Runs {@code work} (blocking) with {@code stored}'s credentials. */
    public <T> Uni<T> run(GoogleAccountService.StoredCredentials stored, Function<UserCredentials, T> work) {
        return blocking.run(() -> work.apply(credentials.userCredentials(stored.refreshToken(), stored.accessToken(),
                stored.expiresAt())))
                .onFailure(DriveLookup.ReconnectRequired.class).recoverWithUni(
                        failure -> accounts.markReconnectRequired(stored.accountId())
                                .chain(() -> Uni.createFrom().failure(new ApiException(409,
                                        "google-reconnect-required", "Google account must be reconnected",
                                        "Google no longer accepts the stored credentials; reconnect with "
                                                + "PUT /api/v1/google/account",
                                        List.of()))));
    }

    /** Both: the owner's credentials, then {@code work}. */
    public <T> Uni<T> run(String ownerId, Function<UserCredentials, T> work) {
        return credentialsOf(ownerId).chain(stored -> run(stored, work));
    }
}
