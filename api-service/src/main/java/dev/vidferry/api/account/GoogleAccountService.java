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
import dev.vidferry.model.api.GoogleAccountStatus;
import dev.vidferry.model.api.GoogleAccountSummary;
import dev.vidferry.model.api.GoogleAccountView;
import dev.vidferry.model.job.ErrorCode;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.crypto.TokenColumns;
import dev.vidferry.platform.google.GoogleConfig;
import dev.vidferry.platform.google.GoogleScopes;

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
        return save(ownerId, existing, GoogleAccount.DEFAULT_KEY, refreshToken, refreshed, profile);
    }

    /**
     * Creates or updates the owner's account {@code accountKey} with fresh tokens (sealed, bound to owner + row +
     * column) and what we learnt about it; the owner's first account becomes their default. Call in a transaction.
     */
    public Uni<GoogleAccount> save(String ownerId, GoogleAccount existing, String accountKey, String refreshToken,
            GoogleTokens.Refreshed refreshed, GoogleProfiles.Profile profile) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        GoogleAccount account = existing != null ? existing : new GoogleAccount();
        boolean created = existing == null;
        if (created) {
            account.id = UUID.randomUUID();
            account.ownerId = ownerId;
            account.accountKey = accountKey;
            account.createdAt = now;
        }
        seal(account, refreshToken, refreshed.accessToken(), refreshed.expiresAt());
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
        account.status = GoogleAccountStatus.ACTIVE;
        account.statusReason = null;
        account.updatedAt = now;
        Log.infof("Google account %s %s for owner %s (%s)", account.id, created ? "connected" : "reconnected", ownerId,
                String.join(" ", refreshed.scopes()));
        if (!created) {
            return Uni.createFrom().item(account);
        }
        return repository.hasDefault(ownerId).chain(hasDefault -> {
            account.isDefault = !hasDefault;
            return repository.persist(account);
        });
    }

    /** Seals both tokens with the active key (the row has one key id). */
    public void seal(GoogleAccount account, String refreshToken, String accessToken, Instant accessTokenExpiresAt) {
        TokenCipher.Sealed sealedRefresh = cipher.seal(refreshToken, TokenColumns.refresh(account.ownerId, account.id));
        account.keyId = sealedRefresh.keyId();
        account.refreshTokenCiphertext = sealedRefresh.ciphertext();
        if (accessToken != null) {
            account.accessTokenCiphertext = cipher.seal(accessToken, TokenColumns.access(account.ownerId, account.id))
                    .ciphertext();
            account.accessTokenExpiresAt = accessTokenExpiresAt;
        } else {
            account.accessTokenCiphertext = null;
            account.accessTokenExpiresAt = null;
        }
    }

    /** The decrypted refresh token of an account (for revocation and re-encryption). */
    public String refreshTokenOf(GoogleAccount account) {
        return cipher.open(account.keyId, account.refreshTokenCiphertext,
                TokenColumns.refresh(account.ownerId, account.id));
    }

    /** The decrypted access token of an account, or null. */
    public String accessTokenOf(GoogleAccount account) {
        return account.accessTokenCiphertext == null
                ? null
                : cipher.open(account.keyId, account.accessTokenCiphertext,
                        TokenColumns.access(account.ownerId, account.id));
    }

    @WithSession
    public Uni<GoogleAccountView> view(String ownerId) {
        return repository.findDefault(ownerId)
                .map(account -> account == null ? GoogleAccountView.notConnected() : view(account));
    }

    /**
     * The owner's decrypted credentials (call within a session). No account answers 409 telling the user to connect
     * Google; an account that needs reconnecting answers 409 too.
     */
    public Uni<StoredCredentials> credentialsOf(String ownerId) {
        return repository.findDefault(ownerId).map(this::usable);
    }

    /**
     * Like {@link #credentialsOf(String)} for the owner's account {@code accountId} (null: the default); another
     * user's account id answers 404 naming {@code googleAccountId}.
     */
    public Uni<StoredCredentials> credentialsOf(String ownerId, UUID accountId) {
        if (accountId == null) {
            return credentialsOf(ownerId);
        }
        return repository.findOwned(accountId, ownerId).map(account -> {
            if (account == null) {
                throw new ApiException(404, "google-account-not-found", "Google account not found",
                        "No such Google account of yours (GET /api/v1/google/accounts lists them)",
                        List.of(new dev.vidferry.model.metadata.Violation("googleAccountId", "notFound",
                                "no such Google account of yours")));
            }
            return usable(account);
        });
    }

    private StoredCredentials usable(GoogleAccount account) {
        if (account == null) {
            throw new ApiException(409, "google-account-missing", "Google account missing",
                    "Connect a Google account first: GET /api/v1/google/connect (browser consent) or "
                            + "PUT /api/v1/google/account with a refresh token",
                    List.of());
        }
        if (!GoogleAccountStatus.isActive(account.status)) {
            throw new ApiException(409, "google-reconnect-required", "Google account must be reconnected",
                    "Google no longer accepts the stored credentials"
                            + (account.statusReason == null ? "" : " (" + account.statusReason + ")")
                            + "; reconnect with GET /api/v1/google/connect",
                    List.of());
        }
        String refresh = refreshTokenOf(account);
        String access = null;
        if (account.accessTokenCiphertext != null && account.accessTokenExpiresAt != null
                && account.accessTokenExpiresAt.isAfter(Instant.now().plusSeconds(60))) {
            access = accessTokenOf(account);
        }
        return new StoredCredentials(account.id, refresh, access, account.accessTokenExpiresAt);
    }

    /** Google said invalid_grant: the account needs the user to reconnect. */
    @WithTransaction
    public Uni<Void> markReconnectRequired(UUID accountId) {
        return repository.findById(accountId).invoke(account -> {
            if (account != null) {
                account.status = GoogleAccountStatus.RECONNECT_REQUIRED;
                account.statusReason = ErrorCode.GOOGLE_RECONNECT_REQUIRED.name();
                account.updatedAt = Instant.now();
            }
        }).replaceWithVoid();
    }

    /** One account as the caller sees it in the list: never a token. */
    public static GoogleAccountSummary summary(GoogleAccount account) {
        List<String> scopes = account.scopes == null ? List.of() : Arrays.asList(account.scopes);
        return new GoogleAccountSummary(account.id, account.isDefault, GoogleAccountStatus.normalize(account.status),
                account.statusReason, scopes,
                GoogleScopes.missing(scopes), account.email, account.channelId, account.channelTitle,
                account.createdAt, account.updatedAt);
    }

    static GoogleAccountView view(GoogleAccount account) {
        return new GoogleAccountView(GoogleAccountStatus.normalize(account.status), account.statusReason,
                account.scopes == null ? List.of() : Arrays.asList(account.scopes), account.email, account.channelId,
                account.channelTitle, account.createdAt, account.updatedAt);
    }
}
