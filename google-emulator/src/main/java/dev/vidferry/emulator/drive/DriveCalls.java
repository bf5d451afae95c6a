package dev.vidferry.emulator.drive;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many Drive API requests arrived, by method ({@code files.list}, {@code files.get}, {@code changes.list},
 * {@code changes.getStartPageToken}, ...), so tests can count what a client really sent. Thread-safe.
 */
public final class DriveCalls {

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();

    /** The Drive method of a request path, or null when it is not a Drive API path. */
    static String method(String path) {
        if (path.startsWith("/download/drive/v3/files/")) {
            return "files.get";
        }
        if (!path.startsWith("/drive/v3/")) {
            return null;
        }
        String rest = path.substring("/drive/v3/".length());
        if (rest.equals("files")) {
            return "files.list";
        }
        if (rest.startsWith("files/")) {
            return "files.get";
        }
        if (rest.equals("changes/startPageToken")) {
            return "changes.getStartPageToken";
        }
        if (rest.equals("changes")) {
            return "changes.list";
        }
        if (rest.equals("drives")) {
            return "drives.list";
        }
        if (rest.startsWith("drives/")) {
            return "drives.get";
        }
        return rest.equals("about") ? "about.get" : "other";
    }

    void count(String method) {
        counts.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
    }

    /** Requests per method since the start or the last reset. */
    public Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((method, n) -> out.put(method, n.get()));
        return out;
    }

    public void reset() {
        counts.clear();
    }
}
