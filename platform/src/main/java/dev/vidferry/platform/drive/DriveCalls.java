package dev.vidferry.platform.drive;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;

import com.google.api.services.drive.DriveRequest;

/** Runs Drive requests and counts them (a scan reports how many calls it made). Thread-safe. */
final class DriveCalls {

    private final AtomicInteger count = new AtomicInteger();

    <T> T execute(DriveRequest<T> request) throws IOException {
        count.incrementAndGet();
        return request.execute();
    }

    /** The media of a {@code files.get} request, at most {@code cap + 1} bytes (so the caller can tell it was cut). */
    byte[] media(com.google.api.services.drive.Drive.Files.Get request, int cap) throws IOException {
        count.incrementAndGet();
        try (InputStream in = request.executeMediaAsInputStream()) {
            return in.readNBytes(cap + 1);
        }
    }

    int count() {
        return count.get();
    }
}
