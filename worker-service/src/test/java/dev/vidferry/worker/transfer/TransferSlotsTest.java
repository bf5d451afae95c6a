package dev.vidferry.worker.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class TransferSlotsTest {

    @Test
    void noMoreSlotsThanTheCapacityAreHandedOutAndAReleasedSlotCanBeTakenAgain() {
        TransferSlots slots = new TransferSlots(2);
        AtomicInteger released = new AtomicInteger();
        slots.onRelease(released::incrementAndGet);

        assertThat(slots.tryAcquire()).isTrue();
        assertThat(slots.tryAcquire()).isTrue();
        assertThat(slots.tryAcquire()).isFalse();
        assertThat(slots.inUse()).isEqualTo(2);

        slots.release();
        assertThat(released).hasValue(1);
        assertThat(slots.inUse()).isEqualTo(1);
        assertThat(slots.tryAcquire()).isTrue();
        slots.releaseUnused();
        assertThat(released).as("an unused slot wakes nobody").hasValue(1);
        assertThat(slots.inUse()).isEqualTo(1);
    }

    @Test
    void racingThreadsNeverHoldMoreSlotsThanTheCapacity() throws InterruptedException {
        TransferSlots slots = new TransferSlots(3);
        AtomicInteger held = new AtomicInteger();
        AtomicInteger maxHeld = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 20_000; i++) {
                    if (slots.tryAcquire()) {
                        maxHeld.accumulateAndGet(held.incrementAndGet(), Math::max);
                        held.decrementAndGet();
                        slots.release();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(maxHeld.get()).isBetween(1, 3);
        assertThat(slots.inUse()).isZero();
    }

    @Test
    void aSlotReleasedTwiceIsABug() {
        TransferSlots slots = new TransferSlots(1);
        assertThat(slots.tryAcquire()).isTrue();
        slots.release();
        assertThatThrownBy(slots::release).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noSlotIsHandedOutAfterClose() {
        TransferSlots slots = new TransferSlots(1);
        slots.close();
        assertThat(slots.tryAcquire()).isFalse();
    }
}
