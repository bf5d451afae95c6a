package dev.vidferry.model.metadata;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** YouTube {@code status.privacyStatus}. */
public enum PrivacyStatus {

    PUBLIC, PRIVATE, UNLISTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code public|private|unlisted} (case-insensitive). */
    @JsonCreator
    public static PrivacyStatus fromWire(String value) {
        if (value == null) {
            return null;
        }
        for (PrivacyStatus status : values()) {
            if (status.wireName().equalsIgnoreCase(value.trim())) {
                return status;
            }
        }
        throw new IllegalArgumentException("privacyStatus must be one of public, private, unlisted");
    }
}
