package dev.vidferry.worker.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.google.api.services.youtube.model.Video;

import dev.vidferry.worker.google.ResumableUpload;

class SessionStreamerTest {

    private static final int CHUNK = 256 * 1024;

    /** A file of {@code size} bytes read through one position, with an optional hook before each read. */
    private static final class FakeDrive implements SessionStreamer.Source {

        final byte[] file;
        long position;
        final List<Long> readsAt = new ArrayList<>();
        Runnable beforeRead = () -> {
        };

        FakeDrive(int size) {
            file = new byte[size];
            for (int i = 0; i < size; i++) {
                file[i] = (byte) (i * 31 + (i >>> 9));
            }
        }

        @Override
        public void readFully(byte[] buffer, int off, int length) {
            readsAt.add(position);
            beforeRead.run();
            System.arraycopy(file, (int) position, buffer, off, length);
            position += length;
        }

        @Override
        public void close() {
        }
    }

    /** A session that keeps what it gets, at most {@code keep} bytes of a PUT (a partial take). */
    private static final class FakeSession implements SessionStreamer.Sink {

        final java.io.ByteArrayOutputStream received = new java.io.ByteArrayOutputStream();
        final long total;
        int keep = Integer.MAX_VALUE;
        Runnable duringPut = () -> {
        };
        int puts;

        FakeSession(long total) {
            this.total = total;
        }

        @Override
        public ResumableUpload.State put(byte[] buffer, int off, int length, long first) {
            puts++;
            assertThat(first).isEqualTo(received.size());
            duringPut.run();
            int kept = Math.min(length, keep);
            received.write(buffer, off, kept);
            return received.size() == total
                    ? new ResumableUpload.Done(new Video().setId("v1"))
                    : new ResumableUpload.Incomplete(received.size());
        }

        @Override
        public ResumableUpload.State query() {
            return received.size() == total
                    ? new ResumableUpload.Done(new Video().setId("v1"))
                    : new ResumableUpload.Incomplete(received.size());
        }
    }

    private static final SessionStreamer.Hooks QUIET = new SessionStreamer.Hooks() {

        @Override
        public void checkStillOurs() {
        }

        @Override
        public void confirmed(long next, long taken, int chunks) {
        }

        @Override
        public void putFailed(IOException error, int failures) throws IOException {
            throw error;
        }
    };

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    @Test
    void theNextChunkIsReadFromDriveWhileThePreviousChunksPutIsInFlight() throws Exception {
        FakeDrive drive = new FakeDrive(3 * CHUNK + 100);
        FakeSession session = new FakeSession(drive.file.length);
        CountDownLatch secondReadStarted = new CountDownLatch(1);
        drive.beforeRead = () -> {
            if (drive.position == CHUNK) {
                secondReadStarted.countDown();
            }
        };
        List<Boolean> overlapped = new ArrayList<>();
        session.duringPut = () -> {
            if (session.puts == 1) {
                try {
                    overlapped.add(secondReadStarted.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        SessionStreamer.Result result = new SessionStreamer(CHUNK, QUIET).stream(drive, session, 0,
                drive.file.length);

        assertThat(overlapped).as("the read of chunk 2 began while chunk 1 was being PUT").containsExactly(true);
        assertThat(session.received.toByteArray()).isEqualTo(drive.file);
        assertThat(result.md5()).isEqualTo(md5(drive.file));
    }

    @Test
    void aPartialTakeIsResentFromTheConfirmedOffsetAndTheDigestCoversEveryByteOnce() throws Exception {
        FakeDrive drive = new FakeDrive(4 * CHUNK);
        FakeSession session = new FakeSession(drive.file.length);
        session.keep = CHUNK / 2;

        SessionStreamer.Result result = new SessionStreamer(CHUNK, QUIET).stream(drive, session, 0,
                drive.file.length);

        assertThat(session.received.toByteArray()).isEqualTo(drive.file);
        assertThat(session.puts).isEqualTo(8);
        assertThat(result.md5()).isEqualTo(md5(drive.file));
    }

    @Test
    void aResumedStreamReadsTheConfirmedPrefixForTheDigestButSendsOnlyTheRest() throws Exception {
        FakeDrive drive = new FakeDrive(3 * CHUNK + 7);
        FakeSession session = new FakeSession(drive.file.length);
        session.received.write(drive.file, 0, CHUNK + CHUNK / 4);

        SessionStreamer.Result result = new SessionStreamer(CHUNK, QUIET).stream(drive, session,
                CHUNK + CHUNK / 4, drive.file.length);

        assertThat(drive.readsAt).first().isEqualTo(0L);
        assertThat(session.received.toByteArray()).isEqualTo(drive.file);
        assertThat(session.puts).as("only the missing bytes were sent").isEqualTo(2);
        assertThat(result.md5()).isEqualTo(md5(drive.file));
    }

    @Test
    void aDriveReadFailureSurfacesAfterThePutInFlight() {
        FakeDrive drive = new FakeDrive(2 * CHUNK);
        FakeSession session = new FakeSession(drive.file.length);
        drive.beforeRead = () -> {
            if (drive.position == CHUNK) {
                throw new java.io.UncheckedIOException(new IOException("Drive gave up"));
            }
        };

        assertThatThrownBy(() -> new SessionStreamer(CHUNK, QUIET).stream(drive, session, 0, drive.file.length))
                .hasMessageContaining("Drive gave up");
        assertThat(session.received.size()).isEqualTo(CHUNK);
    }
}
