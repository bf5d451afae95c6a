package dev.vidferry.emulator;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/** Wall clock plus an offset that tests move forward (to pass Pacific midnight, expire tokens). */
public final class EmulatorClock {

    public static final ZoneId PACIFIC = ZoneId.of("America/Los_Angeles");

    private final AtomicLong offsetMillis = new AtomicLong();

    public Instant now() {
        return Instant.now().plusMillis(offsetMillis.get());
    }

    public long epochSecond() {
        return now().getEpochSecond();
    }

    public void advance(Duration d) {
        offsetMillis.addAndGet(d.toMillis());
    }

    public void reset() {
        offsetMillis.set(0);
    }

    public Duration offset() {
        return Duration.ofMillis(offsetMillis.get());
    }

    /** The quota day: the calendar date in America/Los_Angeles. */
    public LocalDate pacificDate() {
        return now().atZone(PACIFIC).toLocalDate();
    }

    public Instant nextPacificMidnight() {
        return pacificDate().plusDays(1).atStartOfDay(PACIFIC).toInstant();
    }
}
