package dev.vidferry.api.account;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import dev.vidferry.api.common.ApiException;
import dev.vidferry.api.common.BlockingCalls;
import dev.vidferry.model.api.ConnectGoogleAccountRequest;
import dev.vidferry.model.api.GoogleAccountView;
import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.google.GoogleConfig;

/** Connects a user's Google account (headless: a refresh token) and hands out its credentials to other services. */
@ApplicationScoped
public class GoogleAccountService {

    static final int MAX_TOKEN_LENGTH = 4096;

    private final GoogleAccountRepository repository;
    private final GoogleTokens tokens;
    private final TokenCipher cipher;
    private final GoogleConfig google;
    private final BlockingCalls blocking;
    private final GoogleProfiles profiles;

    public GoogleAccountService(GoogleAccountRepository repository, GoogleTokens tokens, TokenCipher cipher,
            GoogleConfig google, BlockingCalls blocking, GoogleProfiles profiles) {
        this.profiles = profiles;
        this.repository = repository;
        this.tokens = tokens;
        this.cipher = cipher;
        this.google = google;
        this.blocking = blocking;
    }

    /** Decrypted credentials of an owner's account, for one request. */
    public record StoredCredentials(UUID accountId, String refreshToken, String accessToken, Instant expiresAt) {

        @Override
        public String toString() {
            return "StoredCredentials[accountId=" + accountId + "]";
        }
    }

    /** Verifies the refresh token with Google once, then stores it encrypted (replacing an earlier one). */
    public Uni<GoogleAccountView> connect(String ownerId, ConnectGoogleAccountRequest request) {
        String refreshToken = request == null ? null : request.refreshToken();
        if (refreshToken == null || refreshToken.isBlank()) {
            return Uni.createFrom().failure(ApiException.invalidField("validation", "refreshToken", "required",
                    "refreshToken is required"));
        }
        if (refreshToken.length() > MAX_TOKEN_LENGTH || !refreshToken.trim().chars().allMatch(c -> c > 32 && c < 127)) {
            return Uni.createFrom().failure(ApiException.invalidField("validation", "refreshToken", "invalidFormat",
                    "refreshToken must be printable ASCII without spaces, at most " + MAX_TOKEN_LENGTH + " characters"));
        }
        String token = refreshToken.trim();
        return blocking.run(() -> {
            GoogleTokens.Refreshed refreshed = tokens.verify(token);
            return new Verified(refreshed, profiles.lookup(token, refreshed));
        }).chain(verified -> Panache.withTransaction(() -> repository.findByOwner(ownerId)
                .chain(existing -> store(ownerId, existing, token, verified.refreshed(), verified.profile()))))
                .map(GoogleAccountService::view);
    }

    private record Verified(GoogleTokens.Refreshed refreshed, GoogleProfiles.Profile profile) {
    }

    private Uni<GoogleAccount> store(String ownerId, GoogleAccount existing, String refreshToken,
            GoogleTokens.Refreshed refreshed, GoogleProfiles.Profile profile) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        GoogleAccount account = existing != null ? existing : new GoogleAccount();
        boolean created = existing == null;
        if (created) {
            account.id = UUID.randomUUID();
            account.ownerId = ownerId;
            account.createdAt = now;
        }
        TokenCipher.Sealed sealedRefresh = cipher.encrypt(refreshToken, ownerId);
        account.keyId = sealedRefresh.keyId();
        account.refreshTokenCiphertext = sealedRefresh.ciphertext();
        if (refreshed.accessToken() != null) {
            account.accessTokenCiphertext = cipher.encrypt(refreshed.accessToken(), ownerId).ciphertext();
            account.accessTokenExpiresAt = refreshed.expiresAt();
        }
        account.scopes = refreshed.scopes().toArray(String[]::new);
        if (profile.subject() != null) {
            account.googleSubject = profile.subject();
        }
        if (profile.email() != null) {
            account.email = profile.email();
        }
        if (profile.channelId() != null) {
            account.channelId = profile.channelId();
            account.channelTitle = profile.channelTitle();
        }
        account.projectId = google.projectId();
        account.status = "connected";
        account.statusReason = null;
        account.updatedAt = now;
        Log.infof("Google account %s for owner %s (%s)", created ? "connected" : "reconnected", ownerId,
                String.join(" ", refreshed.scopes()));
        return created ? repository.persist(account) : Uni.createFrom().item(account);
    }

    @WithSession
    public Uni<GoogleAccountView> view(String ownerId) {
        return repository.findByOwner(ownerId)
                .map(account -> account == null ? GoogleAccountView.notConnected() : view(account));
    }

    /**
     * The owner's decrypted credentials (call within a session). No account answers 409 telling the user to connect
     * Google; an account that needs reconnecting answers 409 too.
     */
    public Uni<StoredCredentials> credentialsOf(String ownerId) {
        return repository.findByOwner(ownerId).map(account -> {
            if (account == null) {
                throw new ApiException(409, "google-account-missing", "Google account missing",
                        "Connect a Google account first: PUT /api/v1/google/account with a refresh token",
                        List.of());
            }
            if (!"connected".equals(account.status)) {
                throw new ApiException(409, "google-reconnect-required", "Google account must be reconnected",
                        "Google no longer accepts the stored credentials; reconnect with PUT /api/v1/google/account",
                        List.of());
            }
            String refresh = cipher.decrypt(account.keyId, account.refreshTokenCiphertext, ownerId);
            String access = null;
            if (account.accessTokenCiphertext != null && account.accessTokenExpiresAt != null
                    && account.accessTokenExpiresAt.isAfter(Instant.now().plusSeconds(60))) {
                access = cipher.decrypt(account.keyId, account.accessTokenCiphertext, ownerId);
            }
            return new StoredCredentials(account.id, refresh, access, account.accessTokenExpiresAt);
        });
    }

    /** Google said invalid_grant: the account needs the user to reconnect. */
    @WithTransaction
    public Uni<Void> markReconnectRequired(UUID accountId) {
        return repository.findById(accountId).invoke(account -> {
            if (account != null) {
                account.status = "reconnect_required";
                account.statusReason = ErrorCode.GOOGLE_RECONNECT_REQUIRED.name();
                account.updatedAt = Instant.now();
            }
        }).replaceWithVoid();
    }

    static GoogleAccountView view(GoogleAccount account) {
        return new GoogleAccountView(account.status, account.statusReason,
                account.scopes == null ? List.of() : Arrays.asList(account.scopes), account.email, account.channelId,
                account.channelTitle, account.createdAt, account.updatedAt);
    }
}
