package dev.vidferry.model.folder;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line {@code [md5:<32 hex>]} appended to a description when a folder upload asks for it, so a video on YouTube
 * can be matched to its Drive file by content later. The seed documents of the original app name the option but not
 * its format; this is ours, documented in {@code docs/folders.md}.
 */
public final class Md5Marker {

    private static final Pattern MARKER = Pattern.compile("\\[md5:([0-9a-fA-F]{32})]");

    private Md5Marker() {
    }

    /** The marker line for {@code md5} (lower-cased). */
    public static String line(String md5) {
        return "[md5:" + md5.toLowerCase(Locale.ROOT) + "]";
    }

    /** The md5 of the last marker in {@code description}, if any. */
    public static Optional<String> find(String description) {
        if (description == null) {
            return Optional.empty();
        }
        Matcher m = MARKER.matcher(description);
        String last = null;
        while (m.find()) {
            last = m.group(1).toLowerCase(Locale.ROOT);
        }
        return Optional.ofNullable(last);
    }
}
