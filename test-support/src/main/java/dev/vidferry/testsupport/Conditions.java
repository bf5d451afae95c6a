package dev.vidferry.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition in a test: polled until it holds or the deadline passes, never sampled once. */
public final class Conditions {

    private static final long POLL_MILLIS = 100;

    private Conditions() {
    }

    /** Polls {@code condition} every 100 ms; fails with "timed out waiting for {@code what}" after {@code timeout}. */
    public static void await(String what, Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + " (" + timeout + ")");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
