package dev.vidferry.worker.google;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DriveReaderTest {

    @Test
    void theStartOfAContentRangeIsReadAndAnythingElseIsNone() {
        assertThat(DriveReader.startOf("bytes 1048576-2097151/2097152")).isEqualTo(1048576L);
        assertThat(DriveReader.startOf("bytes 0-9/10")).isZero();
        assertThat(DriveReader.startOf("bytes */10")).isEqualTo(-1L);
        assertThat(DriveReader.startOf(null)).isEqualTo(-1L);
    }
}
