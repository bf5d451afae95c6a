package dev.vidferry.model.folder;

import java.util.Locale;
import java.util.Set;

/** What a folder scan treats as a video, a sidecar or a manifest. Pure. */
public final class VideoFiles {

    /** Extensions recognised as video when Drive's MIME type is not {@code video/*} (e.g. octet-stream uploads). */
    public static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "m4v", "mov", "qt", "avi", "mkv", "webm", "mpg",
            "mpeg", "mpe", "m2v", "m2ts", "mts", "ts", "wmv", "asf", "flv", "f4v", "3gp", "3g2", "ogv", "vob", "mxf",
            "dv", "divx", "rm", "rmvb");

    /** The per-folder manifest file name. */
    public static final String MANIFEST_NAME = "vidferry.csv";

    /** The extension of a sidecar next to a video ({@code clip.json} next to {@code clip.mp4}). */
    public static final String SIDECAR_EXTENSION = "json";

    private VideoFiles() {
    }

    /** Whether a Drive item is a video: MIME type {@code video/*}, or a known video extension. */
    public static boolean isVideo(String mimeType, String name) {
        if (isManifest(name) || SIDECAR_EXTENSION.equals(extension(name))) {
            return false;
        }
        if (mimeType != null && mimeType.toLowerCase(Locale.ROOT).startsWith("video/")) {
            return true;
        }
        if (mimeType != null && mimeType.startsWith("application/vnd.google-apps.")) {
            return false;
        }
        return VIDEO_EXTENSIONS.contains(extension(name));
    }

    /** Whether {@code name} is the folder manifest (case-insensitive). */
    public static boolean isManifest(String name) {
        return name != null && name.equalsIgnoreCase(MANIFEST_NAME);
    }

    /** Whether {@code name} could be a sidecar ({@code *.json}). */
    public static boolean isSidecarCandidate(String name) {
        return SIDECAR_EXTENSION.equals(extension(name));
    }

    /** The lower-case extension after the last dot, or empty. A leading dot ({@code .hidden}) is no extension. */
    public static String extension(String name) {
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        return dot <= 0 || dot == name.length() - 1 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The name without its last extension. */
    public static String baseName(String name) {
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }
}
