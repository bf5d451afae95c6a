package dev.vidferry.platform.drive;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.api.services.drive.Drive;

/**
 * Scans a Drive folder for videos with {@code files.list} only (pages of 1000, explicit fields, md5/size/revision from
 * the list): sub-folders listed concurrently on a bounded pool, a cycle guard and a depth limit, shortcuts resolved
 * to their targets, shared drives, sidecars and manifests read and applied. Blocking: call it on a worker thread.
 * Thread-safe; each scan uses its own pool of {@code parallelism} threads.
 */
public final class FolderScanner {

    /** Concurrent Drive requests per scan unless told otherwise. */
    public static final int DEFAULT_PARALLELISM = 8;

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final int parallelism;
    private final Clock clock;

    public FolderScanner() {
        this(DEFAULT_PARALLELISM, Clock.systemUTC());
    }

    /**
     * @param parallelism concurrent Drive requests per scan
     * @param clock the clock sidecar rules use ({@code publishAt} must be in the future)
     */
    public FolderScanner(int parallelism, Clock clock) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.parallelism = parallelism;
        this.clock = clock;
    }

    /**
     * Scans {@code request.folderId()} as the owner of {@code drive} sees it.
     *
     * @throws FolderNotFoundException when the folder does not exist, is not visible or is not a folder
     * @throws IOException when Drive fails (after the client's retries)
     */
    public FolderScan scan(Drive drive, ScanRequest request) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "drive-scan-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            return new ScanRun(drive, request, pool, clock).run();
        } finally {
            pool.shutdownNow();
        }
    }
}
