package dev.vidferry.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class TransferSlotsTest {

    @Test
    void aRequestWaitsWhileEverySlotIsBusyAndGetsTheNextFreedSlot() {
        TransferSlots slots = new TransferSlots(2);
        AtomicInteger granted = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            slots.acquire().subscribe().with(v -> granted.incrementAndGet());
        }
        assertThat(granted).hasValue(2);
        assertThat(slots.available()).isZero();

        slots.release();
        assertThat(granted).hasValue(3);
        assertThat(slots.available()).isZero();

        slots.release();
        assertThat(slots.available()).isEqualTo(1);
    }

    @Test
    void noSlotIsHandedOutAfterClose() {
        TransferSlots slots = new TransferSlots(1);
        AtomicInteger granted = new AtomicInteger();
        slots.close();
        slots.acquire().subscribe().with(v -> granted.incrementAndGet());
        assertThat(granted).hasValue(0);
    }
}
