package dev.vidferry.platform.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.sqlclient.Pool;

import dev.vidferry.platform.MigratedDatabase;

class ChannelUploadsTest {

    /** 23:59:59 Pacific on 26 Nov 2026; midnight is 08:00Z. */
    private static final Instant BEFORE_MIDNIGHT = Instant.parse("2026-11-27T07:59:59Z");
    private static final Instant MIDNIGHT = Instant.parse("2026-11-27T08:00:00Z");

    private static MigratedDatabase db;
    private static Pool pool;
    private static Pool otherPool;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T18:00:00Z"));

    @BeforeAll
    static void createDatabase() {
        db = new MigratedDatabase("vidferry_test_platform");
        pool = db.pool(4);
        otherPool = db.pool(4);
    }

    @AfterAll
    static void closeDatabase() {
        pool.closeAndAwait();
        otherPool.closeAndAwait();
        db.close();
    }

    private static String channel() {
        return "UC" + UUID.randomUUID();
    }

    @Test
    void eachChannelHasItsOwnDailyCountUpToTheLimit() {
        ChannelUploads uploads = new ChannelUploads(pool, 2, clock);
        String brand = channel();
        String personal = channel();

        assertThat(uploads.reserve(brand).await().indefinitely().granted()).isTrue();
        assertThat(uploads.reserve(brand).await().indefinitely().granted()).isTrue();
        ChannelUploads.Decision third = uploads.reserve(brand).await().indefinitely();

        assertThat(third.granted()).isFalse();
        assertThat(third.uploads()).isEqualTo(2);
        assertThat(third.limit()).isEqualTo(2);
        assertThat(third.resetsAt()).isEqualTo(MIDNIGHT);
        assertThat(uploads.reserve(personal).await().indefinitely().granted())
                .as("another channel of the same user is not affected").isTrue();
        assertThat(uploads.usage(personal).await().indefinitely().uploads()).isEqualTo(1);
    }

    @Test
    void racingWorkersNeverStartMoreUploadsOfAChannelThanTheLimit() {
        ChannelUploads first = new ChannelUploads(pool, 25, clock);
        ChannelUploads second = new ChannelUploads(otherPool, 25, clock);
        String target = channel();
        List<CompletableFuture<ChannelUploads.Decision>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            calls.add((i % 2 == 0 ? first : second).reserve(target).subscribeAsCompletionStage());
        }

        long granted = calls.stream().map(CompletableFuture::join).filter(ChannelUploads.Decision::granted).count();

        assertThat(granted).isEqualTo(25);
        assertThat(first.usage(target).await().indefinitely().uploads()).isEqualTo(25);
    }

    @Test
    void youTubesUploadLimitClosesTheChannelsDayUntilPacificMidnight() {
        ChannelUploads uploads = new ChannelUploads(pool, 100, clock);
        String target = channel();
        assertThat(uploads.reserve(target).await().indefinitely().granted()).isTrue();

        assertThat(uploads.markExhausted(target).await().indefinitely()).isEqualTo(MIDNIGHT);
        ChannelUploads.Decision closed = uploads.reserve(target).await().indefinitely();
        assertThat(closed.granted()).isFalse();
        assertThat(closed.closed()).isTrue();

        clock.set(BEFORE_MIDNIGHT);
        assertThat(uploads.reserve(target).await().indefinitely().granted()).isFalse();
        clock.set(MIDNIGHT);
        assertThat(uploads.reserve(target).await().indefinitely().granted()).as("a new Pacific day").isTrue();
    }

    @Test
    void anUploadThatNeverReachedYouTubeIsGivenBack() {
        ChannelUploads uploads = new ChannelUploads(pool, 1, clock);
        String target = channel();
        ChannelUploads.Decision granted = uploads.reserve(target).await().indefinitely();
        assertThat(uploads.reserve(target).await().indefinitely().granted()).isFalse();

        uploads.release(granted).await().indefinitely();

        assertThat(uploads.usage(target).await().indefinitely().uploads()).isZero();
        assertThat(uploads.reserve(target).await().indefinitely().granted()).isTrue();
    }
}
