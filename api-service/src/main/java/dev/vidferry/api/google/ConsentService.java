package dev.vidferry.api.google;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

import dev.vidferry.api.account.GoogleAccount;
import dev.vidferry.api.account.GoogleAccountRepository;
import dev.vidferry.api.account.GoogleAccountService;
import dev.vidferry.api.account.GoogleProfiles;
import dev.vidferry.api.account.GoogleTokens;
import dev.vidferry.api.common.ApiException;
import dev.vidferry.api.common.BlockingCalls;
import dev.vidferry.model.api.GoogleAccountSummary;
import dev.vidferry.model.metadata.Violation;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.crypto.TokenColumns;
import dev.vidferry.platform.google.GoogleConfig;
import dev.vidferry.platform.google.GoogleScopes;

/**
 * The browser consent flow (OAuth 2.0 authorization code + PKCE S256): {@link #start} stores a single-use state bound
 * to the user and answers Google's authorize URL; {@link #complete} takes the state back, exchanges the code, checks
 * the granted scopes and the YouTube channel, then stores the account. Every refusal stores nothing.
 */
@ApplicationScoped
public class ConsentService {

    /** {@code select_account} shows the account/brand-channel picker; {@code consent} forces a new refresh token. */
    static final String PROMPT = "select_account consent";

    private final ConsentStateRepository states;
    private final GoogleAccountRepository accounts;
    private final GoogleAccountService accountService;
    private final GoogleTokens tokens;
    private final GoogleProfiles profiles;
    private final TokenCipher cipher;
    private final GoogleConfig google;
    private final ConsentConfig config;
    private final BlockingCalls blocking;

    public ConsentService(ConsentStateRepository states, GoogleAccountRepository accounts,
            GoogleAccountService accountService, GoogleTokens tokens, GoogleProfiles profiles, TokenCipher cipher,
            GoogleConfig google, ConsentConfig config, BlockingCalls blocking) {
        this.states = states;
        this.accounts = accounts;
        this.accountService = accountService;
        this.tokens = tokens;
        this.profiles = profiles;
        this.cipher = cipher;
        this.google = google;
        this.config = config;
        this.blocking = blocking;
    }

    /** Records a new consent for {@code ownerId} and answers where to send the browser. */
    public Uni<URI> start(String ownerId) {
        String state = Pkce.randomToken();
        String verifier = Pkce.randomToken();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        ConsentState row = new ConsentState();
        row.id = UUID.randomUUID();
        row.stateHash = Pkce.sha256(state);
        row.ownerId = ownerId;
        TokenCipher.Sealed sealed = cipher.seal(verifier, TokenColumns.consentVerifier(ownerId, row.id));
        row.keyId = sealed.keyId();
        row.verifierCiphertext = sealed.ciphertext();
        row.createdAt = now;
        row.expiresAt = now.plus(config.stateTtl());
        return Panache.withTransaction(() -> states.deleteExpired(now).chain(() -> states.persist(row)))
                .map(x -> authorizeUri(state, Pkce.challenge(verifier)));
    }

    URI authorizeUri(String state, String challenge) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", google.clientId());
        query.put("redirect_uri", config.redirectUri());
        query.put("response_type", "code");
        query.put("scope", String.join(" ", GoogleScopes.REQUIRED));
        query.put("access_type", "offline");
        query.put("prompt", PROMPT);
        query.put("state", state);
        query.put("code_challenge", challenge);
        query.put("code_challenge_method", "S256");
        String base = google.authorizationUri();
        return URI.create(base + (base.contains("?") ? "&" : "?") + query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&")));
    }

    /** Google's redirect back: {@code state} and {@code code}, or {@code error} when the user declined. */
    public Uni<GoogleAccountSummary> complete(String state, String code, String error) {
        if (state == null || state.isBlank() || state.length() > 200) {
            return Uni.createFrom().failure(invalidState("the consent state is missing"));
        }
        Instant now = Instant.now();
        return Panache.withTransaction(() -> states.findByHash(Pkce.sha256(state)).chain(row -> {
            if (row == null) {
                return Uni.createFrom().<ConsentState>failure(invalidState("unknown or already used consent state"));
            }
            return states.take(row.id).map(taken -> {
                if (!taken) {
                    throw invalidState("unknown or already used consent state");
                }
                if (row.expiresAt.isBefore(now)) {
                    throw invalidState("the consent expired; start again");
                }
                return row;
            });
        })).chain(row -> {
            if (error != null || code == null || code.isBlank()) {
                return Uni.createFrom().<GoogleAccountSummary>failure(new ApiException(400, "google-consent-denied",
                        "Google consent not given", "Google answered without an authorization code ("
                                + (error == null ? "no code" : sanitize(error)) + ")",
                        List.of()));
            }
            String verifier = cipher.open(row.keyId, row.verifierCiphertext,
                    TokenColumns.consentVerifier(row.ownerId, row.id));
            return blocking.run(() -> verify(tokens.exchange(code, verifier, config.redirectUri())))
                    .chain(verified -> Panache.<GoogleAccount>withTransaction(() -> accounts
                            .findByKey(row.ownerId, accountKey(verified.profile()))
                            .chain(existing -> accountService.save(row.ownerId, existing,
                                    accountKey(verified.profile()), verified.exchanged().refreshToken(),
                                    verified.exchanged().refreshed(), verified.profile()))))
                    .map(GoogleAccountService::summary);
        });
    }

    private record Verified(GoogleTokens.Exchanged exchanged, GoogleProfiles.Profile profile) {
    }

    /** Blocking: refuses (and revokes) a grant missing a scope, without a refresh token or without a channel. */
    private Verified verify(GoogleTokens.Exchanged exchanged) {
        List<String> missing = GoogleScopes.missing(exchanged.refreshed().scopes());
        if (!missing.isEmpty()) {
            revokeQuietly(exchanged);
            throw new ApiException(422, "google-scope-missing", "Google permission missing",
                    "Google did not grant " + String.join(", ", missing)
                            + ": connect again and leave every permission ticked",
                    missing.stream().map(s -> new Violation("scope", "missing", s)).toList());
        }
        if (exchanged.refreshToken() == null) {
            revokeQuietly(exchanged);
            throw new ApiException(422, "google-no-refresh-token", "Google gave no offline access",
                    "Google answered without a refresh token; connect again", List.of());
        }
        GoogleProfiles.Profile profile = profiles.lookup(exchanged.refreshToken(), exchanged.refreshed());
        if (profile.channelId() == null) {
            revokeQuietly(exchanged);
            throw new ApiException(422, "youtube-channel-missing", "No YouTube channel",
                    "This Google account has no YouTube channel: create one (or pick a brand account) and connect "
                            + "again",
                    List.of(new Violation("channel", "missing", "no YouTube channel")));
        }
        return new Verified(exchanged, profile);
    }

    private void revokeQuietly(GoogleTokens.Exchanged exchanged) {
        String token = exchanged.refreshToken() != null ? exchanged.refreshToken() : exchanged.refreshed().accessToken();
        if (token != null && !tokens.revoke(token)) {
            Log.infof("could not revoke a refused Google grant");
        }
    }

    /** One account per channel (a brand account is its own channel). */
    static String accountKey(GoogleProfiles.Profile profile) {
        return "channel:" + profile.channelId();
    }

    private static ApiException invalidState(String detail) {
        return new ApiException(400, "consent-state-invalid", "Invalid consent state", detail,
                List.of(new Violation("state", "invalid", detail)));
    }

    private static String sanitize(String error) {
        return error.length() > 64 || !error.chars().allMatch(c -> c == '_' || Character.isLetterOrDigit(c))
                ? "invalid error"
                : error;
    }
}
