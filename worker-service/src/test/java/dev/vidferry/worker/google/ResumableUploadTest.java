package dev.vidferry.worker.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;

import org.junit.jupiter.api.Test;

class ResumableUploadTest {

    @Test
    void theNextOffsetFollowsTheLastByteTheSessionReports() throws IOException {
        assertThat(ResumableUpload.nextOffset("bytes=0-524287")).isEqualTo(524288);
        assertThat(ResumableUpload.nextOffset(null)).isZero();
        assertThatThrownBy(() -> ResumableUpload.nextOffset("items=3")).isInstanceOf(IOException.class);
    }
}
