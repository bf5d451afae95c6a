package dev.vidferry.emulator.auth;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vidferry.emulator.EmulatorClock;
import dev.vidferry.emulator.http.GoogleError;
import dev.vidferry.emulator.http.Json;

/** Users, OAuth clients, refresh tokens and authorization codes; issues and validates JWTs. */
public final class Accounts {

    public static final String DEFAULT_CLIENT_ID = "vidferry";
    public static final String DEFAULT_CLIENT_SECRET = "vidferry-secret";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, OAuthClient> clients = new ConcurrentHashMap<>();
    private final Map<String, RefreshGrant> refreshTokens = new ConcurrentHashMap<>();
    private final Map<String, AuthCode> codes = new ConcurrentHashMap<>();
    private final Set<String> revokedFamilies = ConcurrentHashMap.newKeySet();
    private final Set<String> revokedAccessTokens = ConcurrentHashMap.newKeySet();
    private final Jwt jwt = new Jwt();
    private final EmulatorClock clock;
    private volatile String issuer;
    private volatile long accessTokenTtlSeconds = 3600;
    private volatile long refreshTokenTtlSeconds;

    public Accounts(EmulatorClock clock) {
        this.clock = clock;
        reset();
    }

    public void reset() {
        users.clear();
        clients.clear();
        refreshTokens.clear();
        codes.clear();
        revokedFamilies.clear();
        revokedAccessTokens.clear();
        accessTokenTtlSeconds = 3600;
        refreshTokenTtlSeconds = 0;
        clients.put(DEFAULT_CLIENT_ID, new OAuthClient(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET, true));
    }

    public Jwt jwt() {
        return jwt;
    }

    public String issuer() {
        return issuer;
    }

    public void issuer(String value) {
        this.issuer = value;
    }

    public void accessTokenTtlSeconds(long ttl) {
        this.accessTokenTtlSeconds = ttl;
    }

    public long accessTokenTtlSeconds() {
        return accessTokenTtlSeconds;
    }

    /** Lifetime of refresh tokens issued from now on (0 = never expire; Google's "Testing" apps: 7 days). */
    public void refreshTokenTtlSeconds(long ttl) {
        this.refreshTokenTtlSeconds = ttl;
    }

    public long refreshTokenTtlSeconds() {
        return refreshTokenTtlSeconds;
    }

    public User addUser(User user) {
        users.put(user.username, user);
        return user;
    }

    public User user(String usernameOrEmail) {
        if (usernameOrEmail == null) {
            return null;
        }
        User u = users.get(usernameOrEmail);
        if (u != null) {
            return u;
        }
        return users.values().stream().filter(x -> x.email.equalsIgnoreCase(usernameOrEmail)).findFirst().orElse(null);
    }

    public User userBySub(String sub) {
        return users.values().stream().filter(x -> x.sub.equals(sub)).findFirst().orElse(null);
    }

    public Collection<User> users() {
        return users.values();
    }

    public void addClient(OAuthClient client) {
        clients.put(client.clientId(), client);
    }

    public OAuthClient client(String clientId) {
        return clientId == null ? null : clients.get(clientId);
    }

    public Collection<OAuthClient> clients() {
        return clients.values();
    }

    // ---- refresh tokens and codes

    public RefreshGrant issueRefreshToken(User user, String clientId, Set<String> scopes) {
        String token = "1//" + random(48);
        RefreshGrant grant = new RefreshGrant(token, user.username, clientId, Scopes.join(scopes),
                UUID.randomUUID().toString());
        if (refreshTokenTtlSeconds > 0) {
            grant.expiresAt = clock.now().plusSeconds(refreshTokenTtlSeconds);
        }
        refreshTokens.put(token, grant);
        return grant;
    }

    public RefreshGrant refreshGrant(String token) {
        RefreshGrant g = token == null ? null : refreshTokens.get(token);
        if (g == null || g.revoked || (g.expiresAt != null && !clock.now().isBefore(g.expiresAt))) {
            return null;
        }
        return g;
    }

    /** Revokes a refresh token (and every access token minted from it) or a single access token. */
    public boolean revoke(String token) {
        RefreshGrant g = refreshTokens.get(token);
        if (g != null) {
            g.revoked = true;
            revokedFamilies.add(g.family);
            return true;
        }
        ObjectNode claims = jwt.verify(token);
        if (claims != null) {
            revokedAccessTokens.add(claims.path("jti").asText());
            if (claims.hasNonNull("fam")) {
                revokedFamilies.add(claims.get("fam").asText());
            }
            return true;
        }
        return false;
    }

    /** Expires refresh tokens of a user (all if username is null) now: the next refresh answers invalid_grant. */
    public int expireRefreshTokens(String username, String token) {
        int n = 0;
        for (RefreshGrant g : refreshTokens.values()) {
            if ((token != null && g.token.equals(token))
                    || (token == null && (username == null || g.username.equals(username)))) {
                g.expiresAt = clock.now();
                n++;
            }
        }
        return n;
    }

    public String storeCode(AuthCode code) {
        String c = "4/" + random(40);
        codes.put(c, code);
        return c;
    }

    public AuthCode takeCode(String code) {
        AuthCode c = code == null ? null : codes.remove(code);
        return c == null || clock.now().isAfter(c.expiresAt()) ? null : c;
    }

    // ---- JWTs

    public String accessToken(User user, String clientId, Set<String> scopes, String family) {
        long now = clock.epochSecond();
        ObjectNode c = Json.object().put("iss", issuer).put("aud", clientId).put("azp", clientId)
                .put("sub", user != null ? user.sub : clientId);
        if (user != null) {
            c.put("email", user.email).put("email_verified", true).put("name", user.name)
                    .put("preferred_username", user.username);
            if (!user.roles.isEmpty()) {
                user.roles.stream().sorted().forEach(c.putArray("roles")::add);
            }
        }
        c.put("scope", Scopes.join(scopes)).put("iat", now).put("exp", now + accessTokenTtlSeconds)
                .put("jti", UUID.randomUUID().toString()).put("typ", "Bearer");
        if (family != null) {
            c.put("fam", family);
        }
        return jwt.sign(c);
    }

    public String idToken(User user, String clientId, String nonce) {
        long now = clock.epochSecond();
        ObjectNode c = Json.object().put("iss", issuer).put("aud", clientId).put("azp", clientId).put("sub", user.sub)
                .put("email", user.email).put("email_verified", true).put("name", user.name)
                .put("preferred_username", user.username).put("iat", now).put("exp", now + 3600);
        if (nonce != null) {
            c.put("nonce", nonce);
        }
        return jwt.sign(c);
    }

    /** Validates a bearer token issued by this emulator: signature, issuer, expiry (emulated clock), revocation. */
    public AccessToken validate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw GoogleError.unauthenticated("Request is missing required authentication credential. Expected OAuth 2 "
                    + "access token, login cookie or other valid authentication credential.").failure();
        }
        ObjectNode c = jwt.verify(authorization.substring(7).trim());
        GoogleError invalid = GoogleError.unauthenticated("Request had invalid authentication credentials. Expected OAuth"
                + " 2 access token, login cookie or other valid authentication credential.");
        if (c == null || !issuer.equals(c.path("iss").asText()) || c.has("nonce") || !c.has("scope")
                || c.path("exp").asLong() <= clock.epochSecond()
                || revokedAccessTokens.contains(c.path("jti").asText())
                || (c.hasNonNull("fam") && revokedFamilies.contains(c.get("fam").asText()))
                || client(c.path("aud").asText()) == null) {
            throw invalid.failure();
        }
        User user = c.hasNonNull("email") ? userBySub(c.path("sub").asText()) : null;
        if (c.hasNonNull("email") && user == null) {
            throw invalid.failure();
        }
        return new AccessToken(user, c.path("sub").asText(), c.path("aud").asText(), Scopes.parse(c.path("scope").asText()));
    }

    static String random(int chars) {
        byte[] b = new byte[chars];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b).substring(0, chars);
    }

    /** A refresh token; the family id links it to the access tokens minted from it. */
    public static final class RefreshGrant {

        public final String token;
        public final String username;
        public final String clientId;
        public final String scope;
        public final String family;
        volatile boolean revoked;
        volatile Instant expiresAt;

        RefreshGrant(String token, String username, String clientId, String scope, String family) {
            this.token = token;
            this.username = username;
            this.clientId = clientId;
            this.scope = scope;
            this.family = family;
        }
    }

    /** A pending authorization code. */
    public record AuthCode(String username, String clientId, String redirectUri, Set<String> scopes, String codeChallenge,
            String codeChallengeMethod, boolean offline, String nonce, Instant expiresAt) {
    }
}
