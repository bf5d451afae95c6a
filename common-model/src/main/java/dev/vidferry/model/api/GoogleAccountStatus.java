package dev.vidferry.model.api;

import java.util.List;

/**
 * The status of a connected Google account, as stored in {@code google_account.status} and shown by the API:
 * {@value #ACTIVE} (usable) or {@value #RECONNECT_REQUIRED} (with a reason in {@code statusReason}: a refused refresh
 * token, a missing scope), {@value #REVOKED} for a disconnected one. Rows and old writers from before V15 say
 * {@value #LEGACY_CONNECTED}: it is read as {@value #ACTIVE}.
 */
public final class GoogleAccountStatus {

    public static final String ACTIVE = "active";
    public static final String RECONNECT_REQUIRED = "reconnect_required";
    public static final String REVOKED = "revoked";
    /** The name of {@link #ACTIVE} before V15; never written by this version. */
    public static final String LEGACY_CONNECTED = "connected";
    /** Stored values that mean {@link #ACTIVE}, for SQL {@code IN} lists. */
    public static final List<String> USABLE = List.of(ACTIVE, LEGACY_CONNECTED);

    private GoogleAccountStatus() {
    }

    /** The current name of a stored status ({@code connected} becomes {@code active}); null stays null. */
    public static String normalize(String stored) {
        return LEGACY_CONNECTED.equals(stored) ? ACTIVE : stored;
    }

    /** Whether an account with this stored status may be used. */
    public static boolean isActive(String stored) {
        return USABLE.contains(stored);
    }
}
