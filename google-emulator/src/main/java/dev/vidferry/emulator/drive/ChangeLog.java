package dev.vidferry.emulator.drive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Drive's change log: one entry per create, update, trash, move or delete, numbered from 1. A page token is the
 * number of the first change it has not seen yet; {@code changes.list} reports the latest change of each file since
 * then (Drive collapses several changes of one file into one).
 */
public final class ChangeLog {

    /**
     * One change as Drive records it.
     *
     * @param owner the My Drive owner at the time (null in a shared drive)
     * @param driveId the shared drive at the time, null in My Drive
     */
    public record Change(long seq, String fileId, Instant time, boolean removed, String owner, String driveId) {
    }

    private final List<Change> entries = new ArrayList<>();

    synchronized void reset() {
        entries.clear();
    }

    public synchronized void record(DriveFile f, boolean removed, Instant time) {
        entries.add(new Change(entries.size() + 1L, f.id, time, removed, f.owner, f.driveId));
    }

    /** The token of the next change to happen (what {@code changes.getStartPageToken} answers). */
    public synchronized long next() {
        return entries.size() + 1L;
    }

    /** Whether {@code token} is one this log handed out (1 up to {@link #next()}). */
    public synchronized boolean valid(long token) {
        return token >= 1 && token <= next();
    }

    /** The latest change of each file, among changes from {@code token} on that {@code visible} accepts, in order. */
    public synchronized List<Change> latestFrom(long token, Predicate<Change> visible) {
        Map<String, Change> latest = new LinkedHashMap<>();
        for (int i = (int) Math.max(0, token - 1); i < entries.size(); i++) {
            Change c = entries.get(i);
            if (visible.test(c)) {
                latest.remove(c.fileId());
                latest.put(c.fileId(), c);
            }
        }
        return new ArrayList<>(latest.values());
    }
}
