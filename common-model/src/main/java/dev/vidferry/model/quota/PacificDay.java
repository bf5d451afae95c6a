package dev.vidferry.model.quota;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * YouTube quota days: a project's quota resets at midnight Pacific time (America/Los_Angeles), so a day is 23 hours
 * long in March and 25 hours long in November. All quota bookkeeping keys on the Pacific calendar date.
 */
public final class PacificDay {

    /** Google's quota time zone. */
    public static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");

    private PacificDay() {
    }

    /** The Pacific calendar date {@code instant} falls on. */
    public static LocalDate dateOf(Instant instant) {
        return instant.atZone(ZONE).toLocalDate();
    }

    /** The instant the Pacific day {@code date} starts (its midnight in Los Angeles). */
    public static Instant startOf(LocalDate date) {
        return date.atStartOfDay(ZONE).toInstant();
    }

    /** The next Pacific midnight strictly after {@code instant}: when quota used at {@code instant} is given back. */
    public static Instant nextReset(Instant instant) {
        return startOf(dateOf(instant).plusDays(1));
    }
}
