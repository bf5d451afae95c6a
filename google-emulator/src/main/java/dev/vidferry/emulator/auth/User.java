package dev.vidferry.emulator.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * A test user: one Google account with a YouTube channel and a My Drive root folder. Ids are derived from the username so
 * they stay stable across restarts.
 */
public final class User {

    public final String username;
    public final String email;
    public final String password;
    public final String sub;
    public final String name;
    public final String channelId;
    public final String channelTitle;
    public final String rootFolderId;
    public volatile boolean channelVerified;
    /** false: a Google account without a YouTube channel (uploads answer 401 youtubeSignupRequired) */
    public volatile boolean hasChannel = true;
    /** Roles put in the {@code roles} claim of the user's tokens (what an identity provider's role mapping does). */
    public volatile java.util.Set<String> roles = java.util.Set.of();
    /**
     * Scopes the user unticks on Google's granular consent screen (or removes later in their Google account): never
     * granted at authorize, dropped from the scopes of later refreshes.
     */
    public volatile java.util.Set<String> declinedScopes = java.util.Set.of();

    public User(String username, String email, String password, String channelTitle, boolean channelVerified) {
        this.username = username;
        this.email = email != null ? email : username + "@vidferry.test";
        this.password = password;
        byte[] h = hash("user:" + username);
        this.sub = "1" + String.format("%020d", (new java.math.BigInteger(1, java.util.Arrays.copyOf(h, 8)))
                .mod(java.math.BigInteger.TEN.pow(20)));
        this.name = Character.toUpperCase(username.charAt(0)) + username.substring(1);
        this.channelId = "UC" + Base64.getUrlEncoder().withoutPadding().encodeToString(h).substring(0, 22);
        this.channelTitle = channelTitle != null ? channelTitle : name + "'s channel";
        this.rootFolderId = "0A" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash("root:" + username))
                .substring(0, 17) + "Uk9PVA";
        this.channelVerified = channelVerified;
    }

    public String uploadsPlaylistId() {
        return "UU" + channelId.substring(2);
    }

    static byte[] hash(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
