package dev.vidferry.api.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The {@code id:} of every SSE event: {@code <occurredAt in epoch milliseconds>.<eventId>}. Opaque to clients, which
 * only send it back as {@code Last-Event-ID}; the time prefix tells a reconnecting all-jobs stream which jobs changed
 * since, the event id keeps ids unique.
 */
final class SseIds {

    private SseIds() {
    }

    static String of(Instant occurredAt, UUID eventId) {
        return occurredAt.toEpochMilli() + "." + eventId;
    }

    /** When the event named by a {@code Last-Event-ID} happened; null for none or a malformed one. */
    static Instant timeOf(String lastEventId) {
        if (lastEventId == null) {
            return null;
        }
        int dot = lastEventId.indexOf('.');
        try {
            return Instant.ofEpochMilli(Long.parseLong(dot < 0 ? lastEventId : lastEventId.substring(0, dot)));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
