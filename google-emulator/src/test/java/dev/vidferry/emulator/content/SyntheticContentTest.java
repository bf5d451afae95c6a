package dev.vidferry.emulator.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.concurrent.ForkJoinPool;

import org.junit.jupiter.api.Test;

class SyntheticContentTest {

    @Test
    void anyRangeEqualsTheSameBytesOfASequentialRead() {
        SyntheticContent c = new SyntheticContent(99, 10_000);
        byte[] all = new byte[10_000];
        c.fill(0, all, 0, all.length);
        for (int[] r : new int[][]{{0, 1}, {3, 17}, {7, 8}, {4095, 5000}, {9999, 1}}) {
            byte[] part = new byte[r[1]];
            c.fill(r[0], part, 0, r[1]);
            assertThat(part).isEqualTo(Arrays.copyOfRange(all, r[0], r[0] + r[1]));
        }
    }

    @Test
    void differentSeedsGiveDifferentContentAndDigests() throws Exception {
        SyntheticContent a = new SyntheticContent(1, 1 << 20);
        SyntheticContent b = new SyntheticContent(2, 1 << 20);
        SyntheticContent.Digests da = a.digests(ForkJoinPool.commonPool()).get();
        assertThat(da.md5()).hasSize(32).isNotEqualTo(b.digests(ForkJoinPool.commonPool()).get().md5());
        assertThat(da).isEqualTo(new SyntheticContent(1, 1 << 20).digests(ForkJoinPool.commonPool()).get());
    }

    @Test
    void bytesDoNotRepeatWithThePatternPeriod() {
        SyntheticContent c = new SyntheticContent(5, 1 << 20);
        byte[] first = new byte[64];
        byte[] later = new byte[64];
        c.fill(0, first, 0, 64);
        c.fill(64 * 1024, later, 0, 64);
        assertThat(first).isNotEqualTo(later);
    }
}
