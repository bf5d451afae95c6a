package dev.vidferry.worker.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.testing.http.MockHttpTransport;
import com.google.api.client.testing.http.MockLowLevelHttpResponse;

class DriveReaderTest {

    private static final byte[] FILE = new byte[100_000];

    static {
        for (int i = 0; i < FILE.length; i++) {
            FILE[i] = (byte) (i * 7 + (i >>> 8));
        }
    }

    /** Answers a read from byte {@code from} the way a scripted Drive would; records where reads started. */
    private static final class ScriptedDrive implements DriveReader.Opener {

        interface Answer {

            MockLowLevelHttpResponse answer(long from);
        }

        final Deque<Answer> script = new ArrayDeque<>();
        final List<Long> opens = new ArrayList<>();

        @Override
        public HttpResponse open(long from) throws IOException {
            opens.add(from);
            Answer answer = script.isEmpty() ? ScriptedDrive::honest : script.poll();
            MockLowLevelHttpResponse low = answer.answer(from);
            return new MockHttpTransport.Builder().setLowLevelHttpResponse(low).build().createRequestFactory()
                    .buildGetRequest(new GenericUrl("https://drive.test/file")).setThrowExceptionOnExecuteError(false)
                    .execute();
        }

        static MockLowLevelHttpResponse honest(long from) {
            MockLowLevelHttpResponse r = new MockLowLevelHttpResponse().setContentType("video/mp4")
                    .setContent(Arrays.copyOfRange(FILE, (int) from, FILE.length));
            if (from > 0) {
                r.setStatusCode(206).addHeader("Content-Range", "bytes " + from + "-" + (FILE.length - 1) + "/"
                        + FILE.length);
            }
            return r;
        }

        /** The right bytes, cut off after {@code n}. */
        static Answer cutAfter(int n) {
            return from -> {
                MockLowLevelHttpResponse r = honest(from);
                byte[] part = Arrays.copyOfRange(FILE, (int) from, (int) from + n);
                return r.setContent(new ByteArrayInputStream(part));
            };
        }
    }

    private static final DriveReader.Recovery RETRY_TWICE = (error, failures) -> {
        if (failures > 2) {
            throw error;
        }
    };

    private static byte[] readAll(DriveReader reader) throws IOException {
        byte[] out = new byte[FILE.length];
        for (int off = 0; off < out.length; off += 30_000) {
            reader.readFully(out, off, Math.min(30_000, out.length - off));
        }
        return out;
    }

    @Test
    void aCutOffReadIsReopenedAtTheNextNeededByte() throws IOException {
        ScriptedDrive drive = new ScriptedDrive();
        drive.script.add(ScriptedDrive.cutAfter(12_345));

        byte[] read = readAll(new DriveReader(drive, RETRY_TWICE, 0, FILE.length));

        assertThat(read).isEqualTo(FILE);
        assertThat(drive.opens).containsExactly(0L, 12_345L);
    }

    @Test
    void aRangedReadAnsweredWith200OrAtAnotherByteIsRejectedAndAskedAgain() throws IOException {
        ScriptedDrive drive = new ScriptedDrive();
        drive.script.add(ScriptedDrive.cutAfter(40_000));
        drive.script.add(from -> ScriptedDrive.honest(0)); // 200, the whole file
        drive.script.add(from -> ScriptedDrive.honest(from - 1)); // 206 one byte early
        List<IOException> errors = new ArrayList<>();

        byte[] read = readAll(new DriveReader(drive, (e, n) -> errors.add(e), 0, FILE.length));

        assertThat(read).isEqualTo(FILE);
        assertThat(drive.opens).containsExactly(0L, 40_000L, 40_000L, 40_000L);
        assertThat(errors).hasSize(3);
        assertThat(errors.subList(1, 3)).allSatisfy(e -> assertThat(e).isInstanceOf(DriveReader.WrongRange.class));
    }

    @Test
    void failuresInARowWithoutProgressEndTheReadWhenTheRecoveryGivesUp() {
        ScriptedDrive drive = new ScriptedDrive();
        for (int i = 0; i < 5; i++) {
            drive.script.add(ScriptedDrive.cutAfter(0));
        }

        assertThatThrownBy(() -> readAll(new DriveReader(drive, RETRY_TWICE, 0, FILE.length)))
                .isInstanceOf(IOException.class).hasMessageContaining("ended the download at byte 0");
        assertThat(drive.opens).hasSize(3);
    }

    @Test
    void theStartOfAContentRangeIsReadAndAnythingElseIsNone() {
        assertThat(DriveReader.startOf("bytes 1048576-2097151/2097152")).isEqualTo(1048576L);
        assertThat(DriveReader.startOf("bytes 0-9/10")).isZero();
        assertThat(DriveReader.startOf("bytes */10")).isEqualTo(-1L);
        assertThat(DriveReader.startOf(null)).isEqualTo(-1L);
    }
}
