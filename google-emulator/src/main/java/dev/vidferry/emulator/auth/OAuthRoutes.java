package dev.vidferry.emulator.auth;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

import dev.vidferry.emulator.EmulatorState;
import dev.vidferry.emulator.control.Faults;
import dev.vidferry.emulator.http.Json;

/**
 * OAuth 2.0 / OpenID Connect: discovery, JWKS, authorize (auto-consent), token, userinfo (OIDC and OAuth2 v2), revoke.
 * Longer than most classes because it speaks one protocol family end to end, each route a short handler.
 */
public final class OAuthRoutes {

    private final EmulatorState state;
    private final Accounts accounts;

    public OAuthRoutes(EmulatorState state) {
        this.state = state;
        this.accounts = state.accounts();
    }

    public void mount(Router router) {
        router.get("/.well-known/openid-configuration").handler(this::discovery);
        router.get("/oauth2/v3/certs").handler(ctx -> Json.send(ctx, 200, accounts.jwt().jwks()));
        router.get("/o/oauth2/v2/auth").handler(this::authorize);
        router.get("/o/oauth2/auth").handler(this::authorize);
        router.post("/token").handler(BodyHandler.create().setBodyLimit(1 << 20)).handler(this::token);
        router.post("/oauth2/v4/token").handler(BodyHandler.create().setBodyLimit(1 << 20)).handler(this::token);
        router.route("/oauth2/v3/userinfo").handler(this::userinfo);
        router.route("/v1/userinfo").handler(this::userinfo);
        router.route("/oauth2/v2/userinfo").handler(this::userinfoV2);
        router.post("/revoke").handler(BodyHandler.create().setBodyLimit(1 << 20)).handler(this::revoke);
        router.post("/o/oauth2/revoke").handler(BodyHandler.create().setBodyLimit(1 << 20)).handler(this::revoke);
        router.get("/o/oauth2/revoke").handler(this::revoke);
        router.get("/revoke").handler(this::revoke);
    }

    private void discovery(RoutingContext ctx) {
        String base = state.baseUrl();
        ObjectNode d = Json.object().put("issuer", base)
                .put("authorization_endpoint", base + "/o/oauth2/v2/auth")
                .put("device_authorization_endpoint", base + "/device/code")
                .put("token_endpoint", base + "/token")
                .put("userinfo_endpoint", base + "/oauth2/v3/userinfo")
                .put("revocation_endpoint", base + "/revoke")
                .put("jwks_uri", base + "/oauth2/v3/certs");
        d.putArray("response_types_supported").add("code").add("token").add("id_token");
        d.putArray("subject_types_supported").add("public");
        d.putArray("id_token_signing_alg_values_supported").add("RS256");
        d.putArray("scopes_supported").add("openid").add("email").add("profile");
        d.putArray("token_endpoint_auth_methods_supported").add("client_secret_post").add("client_secret_basic");
        d.putArray("claims_supported").add("aud").add("email").add("email_verified").add("exp").add("iat").add("iss")
                .add("name").add("sub").add("scope");
        d.putArray("code_challenge_methods_supported").add("plain").add("S256");
        d.putArray("grant_types_supported").add("authorization_code").add("refresh_token").add("password")
                .add("client_credentials");
        Json.send(ctx, 200, d);
    }

    private void authorize(RoutingContext ctx) {
        MultiMap p = ctx.request().params();
        OAuthClient client = accounts.client(p.get("client_id"));
        String redirect = p.get("redirect_uri");
        if (client == null) {
            oauthError(ctx, 401, "invalid_client", "The OAuth client was not found.");
            return;
        }
        if (redirect == null || redirect.isBlank()) {
            oauthError(ctx, 400, "invalid_request", "Missing required parameter: redirect_uri");
            return;
        }
        String state = p.get("state");
        if (!"code".equals(p.get("response_type"))) {
            redirect(ctx, redirect, "error", "unsupported_response_type", state);
            return;
        }
        Set<String> scopes = Scopes.parse(p.get("scope"));
        if (scopes.isEmpty()) {
            redirect(ctx, redirect, "error", "invalid_scope", state);
            return;
        }
        User user = accounts.user(p.get("login_hint"));
        if (user == null && p.get("login_hint") == null) {
            user = accounts.users().stream().min(Comparator.comparing(u -> u.username)).orElse(null);
        }
        if (user == null) {
            redirect(ctx, redirect, "error", "none".equals(p.get("prompt")) ? "login_required" : "access_denied", state);
            return;
        }
        // granular consent: the user may untick some of the requested scopes
        scopes = new java.util.LinkedHashSet<>(scopes);
        scopes.removeAll(user.declinedScopes);
        String method = p.get("code_challenge_method") != null ? p.get("code_challenge_method") : "plain";
        String code = accounts.storeCode(new Accounts.AuthCode(user.username, client.clientId(), redirect, scopes,
                p.get("code_challenge"), method, "offline".equals(p.get("access_type")), p.get("nonce"),
                this.state.clock().now().plus(Duration.ofMinutes(10))));
        StringBuilder url = new StringBuilder(redirect).append(redirect.contains("?") ? '&' : '?');
        if (state != null) {
            url.append("state=").append(enc(state)).append('&');
        }
        url.append("code=").append(enc(code)).append("&scope=").append(enc(Scopes.join(scopes)))
                .append("&authuser=0&prompt=consent");
        ctx.response().setStatusCode(302).putHeader("Location", url.toString()).end();
    }

    private void token(RoutingContext ctx) {
        Faults.Fault fault = state.faults().take(Faults.Target.TOKEN);
        if (fault != null) {
            if (fault.status() == 0 || fault.status() == 400) {
                oauthError(ctx, 400, "invalid_grant", "Token has been expired or revoked.");
            } else {
                oauthError(ctx, fault.status(), "internal_failure", "Injected failure.");
            }
            return;
        }
        MultiMap form = ctx.request().formAttributes();
        String grantType = form.get("grant_type");
        String clientId = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = ctx.request().getHeader("Authorization");
        if (basic != null && basic.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded = new String(Base64.getDecoder().decode(basic.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            clientId = java.net.URLDecoder.decode(decoded.substring(0, Math.max(colon, 0)), StandardCharsets.UTF_8);
            secret = java.net.URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8);
        }
        OAuthClient client = accounts.client(clientId);
        if (client == null || (secret != null && !secret.equals(client.clientSecret()))) {
            oauthError(ctx, 401, "invalid_client", "Unauthorized");
            return;
        }
        if (secret == null && !("authorization_code".equals(grantType) && form.get("code_verifier") != null)) {
            oauthError(ctx, 400, "invalid_request", "client_secret is missing.");
            return;
        }
        if (grantType == null) {
            oauthError(ctx, 400, "unsupported_grant_type", "Invalid grant_type: ");
            return;
        }
        switch (grantType) {
            case "authorization_code" -> authorizationCode(ctx, form, client);
            case "refresh_token" -> refresh(ctx, form, client);
            case "password" -> password(ctx, form, client);
            case "client_credentials" -> clientCredentials(ctx, form, client);
            default -> oauthError(ctx, 400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
        }
    }

    private void authorizationCode(RoutingContext ctx, MultiMap form, OAuthClient client) {
        Accounts.AuthCode code = accounts.takeCode(form.get("code"));
        if (code == null || !code.clientId().equals(client.clientId())) {
            oauthError(ctx, 400, "invalid_grant", "Malformed auth code.");
            return;
        }
        if (!code.redirectUri().equals(form.get("redirect_uri"))) {
            oauthError(ctx, 400, "redirect_uri_mismatch", "Bad Request");
            return;
        }
        if (code.codeChallenge() != null && !pkceMatches(code, form.get("code_verifier"))) {
            oauthError(ctx, 400, "invalid_grant", "Invalid code verifier.");
            return;
        }
        User user = accounts.user(code.username());
        Accounts.RefreshGrant refresh = code.offline()
                ? accounts.issueRefreshToken(user, client.clientId(), code.scopes())
                : null;
        sendTokens(ctx, user, client.clientId(), code.scopes(), refresh, code.nonce(), refresh != null);
    }

    private void refresh(RoutingContext ctx, MultiMap form, OAuthClient client) {
        Accounts.RefreshGrant grant = accounts.refreshGrant(form.get("refresh_token"));
        if (grant == null) {
            oauthError(ctx, 400, "invalid_grant", "Token has been expired or revoked.");
            return;
        }
        if (!grant.clientId.equals(client.clientId())) {
            oauthError(ctx, 400, "unauthorized_client", "Unauthorized");
            return;
        }
        User user = accounts.user(grant.username);
        if (user == null) {
            oauthError(ctx, 400, "invalid_grant", "Account has been deleted");
            return;
        }
        Set<String> scopes = Scopes.parse(grant.scope);
        if (form.get("scope") != null) {
            Set<String> asked = Scopes.parse(form.get("scope"));
            if (!scopes.containsAll(asked)) {
                oauthError(ctx, 400, "invalid_scope", "Some requested scopes were invalid.");
                return;
            }
            scopes = asked;
        }
        if (!user.declinedScopes.isEmpty()) {
            scopes = new java.util.LinkedHashSet<>(scopes);
            scopes.removeAll(user.declinedScopes);
        }
        sendTokens(ctx, user, client.clientId(), scopes, grant, null, false);
    }

    private void password(RoutingContext ctx, MultiMap form, OAuthClient client) {
        User user = accounts.user(form.get("username"));
        if (user == null || (user.password != null && !user.password.equals(form.get("password")))) {
            oauthError(ctx, 400, "invalid_grant", "Invalid username or password.");
            return;
        }
        Set<String> scopes = Scopes.parse(form.get("scope") != null ? form.get("scope") : Scopes.OIDC_DEFAULT);
        sendTokens(ctx, user, client.clientId(), scopes, accounts.issueRefreshToken(user, client.clientId(), scopes),
                null, true);
    }

    private void clientCredentials(RoutingContext ctx, MultiMap form, OAuthClient client) {
        String subject = form.get("username") != null ? form.get("username") : form.get("subject");
        Set<String> scopes = Scopes.parse(form.get("scope") != null ? form.get("scope") : Scopes.OIDC_DEFAULT);
        User user = accounts.user(subject);
        if (subject != null && user == null) {
            oauthError(ctx, 400, "invalid_grant", "Unknown user.");
            return;
        }
        sendTokens(ctx, user, client.clientId(), scopes, null, null, false);
    }

    private void sendTokens(RoutingContext ctx, User user, String clientId, Set<String> scopes,
            Accounts.RefreshGrant refresh, String nonce, boolean includeRefresh) {
        ObjectNode body = Json.object()
                .put("access_token", accounts.accessToken(user, clientId, scopes, refresh != null ? refresh.family : null))
                .put("expires_in", accounts.accessTokenTtlSeconds() - 1)
                .put("scope", Scopes.join(scopes))
                .put("token_type", "Bearer");
        if (includeRefresh && refresh != null) {
            body.put("refresh_token", refresh.token);
        }
        if (user != null && scopes.contains("openid")) {
            body.put("id_token", accounts.idToken(user, clientId, nonce));
        }
        ctx.response().putHeader("Cache-Control", "no-cache, no-store, max-age=0, must-revalidate")
                .putHeader("Pragma", "no-cache");
        Json.send(ctx, 200, body);
    }

    private void userinfo(RoutingContext ctx) {
        AccessToken token;
        try {
            token = accounts.validate(ctx.request().getHeader("Authorization"));
        } catch (RuntimeException e) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            oauthError(ctx, 401, "invalid_request", "Invalid Credentials");
            return;
        }
        ObjectNode info = Json.object().put("sub", token.sub());
        if (token.user() != null) {
            User u = token.user();
            info.put("name", u.name).put("given_name", u.name).put("preferred_username", u.username)
                    .put("email", u.email).put("email_verified", true)
                    .put("picture", state.baseUrl() + "/_emulator/avatars/" + u.username + ".png");
        }
        Json.send(ctx, 200, info);
    }

    /**
     * The OAuth2 API's v2 userinfo ({@code GET /oauth2/v2/userinfo}, what {@code Oauth2.userinfo().get()} calls): the
     * account id under {@code id} (= the OIDC {@code sub}), {@code verified_email} instead of {@code email_verified}.
     */
    private void userinfoV2(RoutingContext ctx) {
        AccessToken token;
        try {
            token = accounts.validate(ctx.request().getHeader("Authorization"));
        } catch (RuntimeException e) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            oauthError(ctx, 401, "invalid_request", "Invalid Credentials");
            return;
        }
        ObjectNode info = Json.object().put("id", token.sub());
        if (token.user() != null) {
            User u = token.user();
            info.put("email", u.email).put("verified_email", true).put("name", u.name).put("given_name", u.name)
                    .put("picture", state.baseUrl() + "/_emulator/avatars/" + u.username + ".png");
        }
        Json.send(ctx, 200, info);
    }

    private void revoke(RoutingContext ctx) {
        String token = ctx.request().getParam("token");
        if (token == null) {
            token = ctx.request().formAttributes().get("token");
        }
        if (token == null || !accounts.revoke(token)) {
            oauthError(ctx, 400, "invalid_token", "Token expired or revoked");
            return;
        }
        Json.send(ctx, 200, Json.object());
    }

    private static boolean pkceMatches(Accounts.AuthCode code, String verifier) {
        if (verifier == null) {
            return false;
        }
        if ("S256".equals(code.codeChallengeMethod())) {
            try {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
                return Base64.getUrlEncoder().withoutPadding().encodeToString(d).equals(code.codeChallenge());
            } catch (Exception e) {
                return false;
            }
        }
        return verifier.equals(code.codeChallenge());
    }

    private static void redirect(RoutingContext ctx, String redirect, String key, String value, String state) {
        String url = redirect + (redirect.contains("?") ? "&" : "?") + key + "=" + enc(value)
                + (state != null ? "&state=" + enc(state) : "");
        ctx.response().setStatusCode(302).putHeader("Location", url).end();
    }

    static void oauthError(RoutingContext ctx, int status, String error, String description) {
        Json.send(ctx, status, Json.object().put("error", error).put("error_description", description));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
