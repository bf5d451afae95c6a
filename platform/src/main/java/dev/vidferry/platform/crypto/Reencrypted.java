package dev.vidferry.platform.crypto;

/**
 * Rows of one table re-sealed by a key re-encryption.
 *
 * @param reencrypted rows rewritten with the active key (an older key, the legacy format or, for text columns, a
 *        value stored before encryption)
 * @param alreadyCurrent rows already sealed with the active key
 */
public record Reencrypted(long reencrypted, long alreadyCurrent) {

    public static final Reencrypted NONE = new Reencrypted(0, 0);

    /** One more row rewritten ({@code rewritten}) or found current. */
    public Reencrypted plus(boolean rewritten) {
        return rewritten
                ? new Reencrypted(reencrypted + 1, alreadyCurrent)
                : new Reencrypted(reencrypted,
                        alreadyCurrent + 1);
    }
}
