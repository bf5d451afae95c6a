package dev.vidferry.model.quota;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class PacificDayTest {

    @Test
    void anEveningInLosAngelesIsStillTheSameDayThereWhileUtcIsAlreadyTomorrow() {
        Instant at = Instant.parse("2026-11-27T05:30:00Z"); // 21:30 PST on the 26th

        assertThat(PacificDay.dateOf(at)).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(PacificDay.nextReset(at)).isEqualTo(Instant.parse("2026-11-27T08:00:00Z"));
    }

    @Test
    void summerDaysResetAtSevenUtc() {
        Instant at = Instant.parse("2026-07-04T12:00:00Z");

        assertThat(PacificDay.dateOf(at)).isEqualTo(LocalDate.of(2026, 7, 4));
        assertThat(PacificDay.nextReset(at)).isEqualTo(Instant.parse("2026-07-05T07:00:00Z"));
    }

    @Test
    void theDayClocksSpringForwardLastsTwentyThreeHours() {
        LocalDate springForward = LocalDate.of(2026, 3, 8);
        Instant start = PacificDay.startOf(springForward);

        assertThat(start).isEqualTo(Instant.parse("2026-03-08T08:00:00Z"));
        assertThat(PacificDay.nextReset(start)).isEqualTo(Instant.parse("2026-03-09T07:00:00Z"));
        assertThat(Duration.between(start, PacificDay.nextReset(start))).hasHours(23);
        // 03:30 PDT on the switch day, right after the gap
        assertThat(PacificDay.dateOf(Instant.parse("2026-03-08T10:30:00Z"))).isEqualTo(springForward);
    }

    @Test
    void theDayClocksFallBackLastsTwentyFiveHours() {
        LocalDate fallBack = LocalDate.of(2026, 11, 1);
        Instant start = PacificDay.startOf(fallBack);

        assertThat(start).isEqualTo(Instant.parse("2026-11-01T07:00:00Z"));
        assertThat(PacificDay.nextReset(start)).isEqualTo(Instant.parse("2026-11-02T08:00:00Z"));
        assertThat(Duration.between(start, PacificDay.nextReset(start))).hasHours(25);
        // both 01:30s of the repeated hour belong to the same day
        assertThat(PacificDay.dateOf(Instant.parse("2026-11-01T08:30:00Z"))).isEqualTo(fallBack);
        assertThat(PacificDay.dateOf(Instant.parse("2026-11-01T09:30:00Z"))).isEqualTo(fallBack);
    }

    @Test
    void theLastInstantBeforeMidnightBelongsToTheOldDayAndMidnightToTheNew() {
        Instant midnight = Instant.parse("2026-11-27T08:00:00Z");

        assertThat(PacificDay.dateOf(midnight.minusNanos(1))).isEqualTo(LocalDate.of(2026, 11, 26));
        assertThat(PacificDay.dateOf(midnight)).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(PacificDay.nextReset(midnight)).isEqualTo(Instant.parse("2026-11-28T08:00:00Z"));
    }
}
