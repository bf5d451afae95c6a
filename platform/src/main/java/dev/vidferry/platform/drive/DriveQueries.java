package dev.vidferry.platform.drive;

/** Drive search strings built safely: ids and names are quoted with {@code '} and {@code \} escaped, as Drive documents. */
public final class DriveQueries {

    private DriveQueries() {
    }

    /** {@code '<folderId>' in parents and trashed = false}. */
    public static String childrenOf(String folderId) {
        return quote(folderId) + " in parents and trashed = false";
    }

    /** {@code value} as a Drive query string literal. */
    public static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
