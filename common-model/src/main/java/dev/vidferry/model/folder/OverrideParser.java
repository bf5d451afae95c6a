package dev.vidferry.model.folder;

import java.io.IOException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.vidferry.model.metadata.PrivacyStatus;
import dev.vidferry.model.metadata.Violation;

/**
 * Parses sidecars ({@code clip.json}: a JSON object) and manifest cells into {@link FileOverrides}, then checks them
 * with YouTube's rules. Bytes in, overrides and violations out; pure and thread-safe.
 */
public final class OverrideParser {

    /** Separator of tags in a manifest cell (and in a sidecar's {@code tags} when given as one string). */
    public static final String TAG_SEPARATOR = "|";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    public OverrideParser(Clock clock) {
        this.clock = clock;
    }

    /** A sidecar: a JSON object with any of {@link FileOverrides#FIELDS}; anything else is a violation. */
    public ParsedOverrides sidecar(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            return invalid("json", "invalidJson", "the sidecar is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            return invalid("json", "invalidJson", "the sidecar must be a JSON object");
        }
        Map<String, String> cells = new LinkedHashMap<>();
        List<Violation> violations = new ArrayList<>();
        Map<String, List<String>> tags = new LinkedHashMap<>();
        root.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                return;
            }
            if (e.getKey().equals("tags") && v.isArray()) {
                List<String> list = new ArrayList<>();
                v.forEach(t -> list.add(t.isValueNode() ? t.asText() : null));
                if (list.contains(null)) {
                    violations.add(new Violation("tags", "invalidTags", "tags must be strings"));
                } else {
                    tags.put("tags", list);
                }
            } else if (v.isValueNode()) {
                cells.put(e.getKey(), v.asText());
            } else {
                violations.add(new Violation(e.getKey(), "invalidValue", e.getKey() + " must be a single value"));
            }
        });
        return build(cells, tags.get("tags"), violations);
    }

    /** One manifest row as column name to cell; empty cells mean "not set". */
    public ParsedOverrides row(Map<String, String> cells) {
        Map<String, String> set = new LinkedHashMap<>();
        cells.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                set.put(k, v);
            }
        });
        return build(set, null, new ArrayList<>());
    }

    private ParsedOverrides build(Map<String, String> cells, List<String> tagList, List<Violation> violations) {
        String title = null;
        String description = null;
        List<String> tags = tagList;
        String categoryId = null;
        PrivacyStatus privacy = null;
        OffsetDateTime publishAt = null;
        String playlistId = null;
        Boolean kids = null;
        for (Map.Entry<String, String> e : cells.entrySet()) {
            String v = e.getValue();
            switch (e.getKey()) {
                case "title" -> title = v;
                case "description" -> description = v;
                case "tags" -> tags = splitTags(v);
                case "categoryId" -> categoryId = v.trim();
                case "playlistId" -> playlistId = v.trim();
                case "privacyStatus" -> {
                    try {
                        privacy = PrivacyStatus.fromWire(v);
                    } catch (IllegalArgumentException ex) {
                        violations.add(new Violation("privacyStatus", "invalidPrivacyStatus", ex.getMessage()));
                    }
                }
                case "publishAt" -> {
                    try {
                        publishAt = OffsetDateTime.parse(v.trim());
                    } catch (DateTimeParseException ex) {
                        violations.add(new Violation("publishAt", "invalidPublishAt",
                                "publishAt must be an ISO 8601 date-time with an offset, e.g. 2027-01-31T18:00:00Z"));
                    }
                }
                case "madeForKids" -> {
                    if (v.trim().equalsIgnoreCase("true") || v.trim().equalsIgnoreCase("false")) {
                        kids = Boolean.parseBoolean(v.trim());
                    } else {
                        violations.add(new Violation("madeForKids", "invalidMadeForKids",
                                "madeForKids must be true or false"));
                    }
                }
                default -> violations.add(new Violation(e.getKey(), "unknownField", "unknown field " + e.getKey()
                        + "; use " + String.join(", ", FileOverrides.FIELDS.stream().sorted().toList())));
            }
        }
        FileOverrides overrides = new FileOverrides(title, description, tags, categoryId, privacy, publishAt,
                playlistId, kids);
        violations.addAll(overrides.validate(clock));
        return new ParsedOverrides(overrides, violations);
    }

    static List<String> splitTags(String cell) {
        return Arrays.stream(cell.split("\\|")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    private static ParsedOverrides invalid(String field, String code, String message) {
        return new ParsedOverrides(FileOverrides.none(), List.of(new Violation(field, code, message)));
    }
}
