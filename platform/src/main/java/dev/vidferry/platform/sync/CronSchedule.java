package dev.vidferry.platform.sync;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * A sync's schedule: a Quartz cron expression (seconds first, as quarkus-scheduler reads them, e.g.
 * {@code 0 0/15 * * * ?}) in a time zone (DST-aware). At most one run a minute. Immutable.
 */
public final class CronSchedule {

    /** Shortest gap between two runs a schedule may ask for. */
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.QUARTZ));

    private final String expression;
    private final ZoneId zone;
    private final ExecutionTime execution;

    private CronSchedule(String expression, ZoneId zone, ExecutionTime execution) {
        this.expression = expression;
        this.zone = zone;
        this.execution = execution;
    }

    /** Why a cron expression or time zone is refused. */
    public static final class InvalidSchedule extends IllegalArgumentException {

        private final String field;

        InvalidSchedule(String field, String message) {
            super(message);
            this.field = field;
        }

        /** {@code cron} or {@code timezone}. */
        public String field() {
            return field;
        }
    }

    /**
     * Parses and checks {@code cron} in {@code timezone} (an IANA zone id such as {@code Europe/Berlin}).
     *
     * @throws InvalidSchedule naming {@code cron} or {@code timezone}
     */
    public static CronSchedule of(String cron, String timezone) {
        ZoneId zone = zone(timezone);
        if (cron == null || cron.isBlank()) {
            throw new InvalidSchedule("cron", "cron is required (Quartz syntax, seconds first: 0 0/15 * * * ?)");
        }
        String expression = cron.trim().replaceAll("\\s+", " ");
        Cron parsed;
        try {
            parsed = PARSER.parse(expression).validate();
        } catch (IllegalArgumentException e) {
            throw new InvalidSchedule("cron", "not a Quartz cron expression (seconds first, e.g. 0 0/15 * * * ?): "
                    + e.getMessage());
        }
        CronSchedule schedule = new CronSchedule(expression, zone, ExecutionTime.forCron(parsed));
        ZonedDateTime probe = ZonedDateTime.of(2030, 1, 7, 0, 0, 0, 0, zone);
        Instant first = schedule.nextAfter(probe.toInstant());
        if (first == null) {
            throw new InvalidSchedule("cron", "the cron expression never fires");
        }
        Instant second = schedule.nextAfter(first);
        if (second != null && Duration.between(first, second).compareTo(MIN_INTERVAL) < 0) {
            throw new InvalidSchedule("cron", "a sync runs at most once a minute: the cron expression fires every "
                    + Duration.between(first, second).toSeconds() + " s");
        }
        return schedule;
    }

    /** @throws InvalidSchedule naming {@code timezone} */
    public static ZoneId zone(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timezone.trim());
        } catch (DateTimeException e) {
            throw new InvalidSchedule("timezone", "unknown time zone " + timezone
                    + " (an IANA id such as Europe/Berlin, or UTC)");
        }
    }

    /** The first time strictly after {@code after} the schedule fires, or null if it never does again. */
    public Instant nextAfter(Instant after) {
        return execution.nextExecution(after.atZone(zone)).map(ZonedDateTime::toInstant).orElse(null);
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }
}
