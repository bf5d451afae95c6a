package dev.vidferry.model.event;

/** Kafka record header names set on every vidferry record. Values are UTF-8 strings. */
public final class EventHeaders {

    /** The envelope's event id. */
    public static final String EVENT_ID = "vf-event-id";
    /** The envelope's event type. */
    public static final String EVENT_TYPE = "vf-event-type";
    /** The envelope's schema version. */
    public static final String SCHEMA_VERSION = "vf-schema-version";

    private EventHeaders() {
    }
}
