package dev.vidferry.model.metadata;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * YouTube's own rules for {@code snippet} and {@code status} (YouTube Data API v3, videos resource), checked
 * before anything is queued so a job never fails hours later on a typo. Pure and thread-safe.
 */
public final class MetadataValidator {

    public static final int TITLE_MAX_CHARS = 100;
    public static final int DESCRIPTION_MAX_BYTES = 5000;
    public static final int TAGS_MAX_CHARS = 500;
    public static final int PLAYLIST_TITLE_MAX_CHARS = 150;
    public static final Set<String> LICENSES = Set.of("youtube", "creativeCommon");
    private static final java.util.regex.Pattern LANGUAGE = java.util.regex.Pattern
            .compile("[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*");

    /** Categories YouTube lets uploads use (videoCategories.list assignable=true, region US). */
    public static final Set<String> ASSIGNABLE_CATEGORIES = Set.of(
            "1", "2", "10", "15", "17", "19", "20", "22", "23", "24", "25", "26", "27", "28", "29");

    private final Clock clock;

    public MetadataValidator() {
        this(Clock.systemUTC());
    }

    public MetadataValidator(Clock clock) {
        this.clock = clock;
    }

    /** All problems of {@code metadata}; empty when YouTube would accept it. Fields are relative (e.g. {@code title}). */
    public List<Violation> validate(VideoMetadata metadata) {
        List<Violation> violations = new ArrayList<>();
        if (metadata == null) {
            violations.add(new Violation("metadata", "required", "metadata is required"));
            return violations;
        }
        checkTitle(metadata.title(), violations);
        checkDescription(metadata.description(), violations);
        checkTags(metadata.tags(), violations);
        if (metadata.categoryId() != null && refusedAsUnstorable("categoryId", "invalidCategoryId", metadata.categoryId(),
                violations)) {
            // named above
        } else if (metadata.categoryId() != null && !ASSIGNABLE_CATEGORIES.contains(metadata.categoryId().trim())) {
            violations.add(new Violation("categoryId", "invalidCategoryId",
                    "categoryId must be an assignable YouTube category, one of " + String.join(", ", sorted())));
        }
        checkPublishAt(metadata, violations);
        if (metadata.playlistId() != null && metadata.playlistId().isBlank()) {
            violations.add(new Violation("playlistId", "invalidPlaylistId", "playlistId must not be blank"));
        } else if (metadata.playlistId() != null) {
            refusedAsUnstorable("playlistId", "invalidPlaylistId", metadata.playlistId(), violations);
        }
        checkPlaylistTitle(metadata, violations);
        if (metadata.thumbnailFileId() != null && metadata.thumbnailFileId().isBlank()) {
            violations.add(new Violation("thumbnailFileId", "invalidImage", "thumbnailFileId must not be blank"));
        } else if (metadata.thumbnailFileId() != null) {
            refusedAsUnstorable("thumbnailFileId", "invalidImage", metadata.thumbnailFileId(), violations);
        }
        checkLanguage("defaultLanguage", metadata.defaultLanguage(), violations);
        checkLanguage("defaultAudioLanguage", metadata.defaultAudioLanguage(), violations);
        checkLocalizations(metadata, violations);
        if (metadata.license() != null && !LICENSES.contains(metadata.license())) {
            violations.add(new Violation("license", "invalidVideoMetadata", "license must be one of youtube, "
                    + "creativeCommon"));
        }
        if (metadata.playlistPosition() != null && metadata.playlistPosition() < 0) {
            violations.add(new Violation("playlistPosition", "invalidPlaylistItemPosition",
                    "playlistPosition must be 0 or more"));
        } else if (metadata.playlistPosition() != null && !metadata.wantsPlaylist()) {
            violations.add(new Violation("playlistPosition", "invalidPlaylistItemPosition",
                    "playlistPosition needs playlistId or playlistTitle"));
        }
        return violations;
    }

    private static void checkLanguage(String field, String language, List<Violation> out) {
        if (language != null && (language.length() > 35 || !LANGUAGE.matcher(language).matches())) {
            out.add(new Violation(field, "invalidVideoMetadata",
                    field + " must be a BCP-47 language tag such as en, de or pt-BR"));
        }
    }

    /** localizations: a language tag per entry, its title and description by the rules of the snippet's. */
    private static void checkLocalizations(VideoMetadata metadata, List<Violation> out) {
        if (metadata.localizations().isEmpty()) {
            return;
        }
        if (metadata.defaultLanguage() == null) {
            out.add(new Violation("defaultLanguage", "defaultLanguageNotSet",
                    "defaultLanguage is required with localizations (the language of title and description)"));
        }
        metadata.localizations().forEach((language, localized) -> {
            String field = "localizations." + language;
            if (language == null || language.length() > 35 || !LANGUAGE.matcher(language).matches()) {
                out.add(new Violation(field, "invalidVideoMetadata",
                        "localizations must be keyed by BCP-47 language tags such as en, de or pt-BR"));
            } else if (localized == null) {
                out.add(new Violation(field, "invalidVideoMetadata", "a localization needs a title"));
            } else {
                List<Violation> inner = new ArrayList<>();
                checkTitle(localized.title(), inner);
                checkDescription(localized.description(), inner);
                inner.forEach(v -> out.add(v.under(field)));
            }
        });
    }

    /** playlists.insert: {@code snippet.title} required, at most 150 characters, no angle brackets. */
    private static void checkPlaylistTitle(VideoMetadata metadata, List<Violation> out) {
        String title = metadata.playlistTitle();
        if (title == null) {
            return;
        }
        if (metadata.playlistId() != null) {
            out.add(new Violation("playlistTitle", "invalidPlaylistSnippet",
                    "give playlistId or playlistTitle, not both"));
        } else if (title.isBlank()) {
            out.add(new Violation("playlistTitle", "playlistTitleRequired", "playlistTitle must not be blank"));
        } else if (!refusedAsUnstorable("playlistTitle", "invalidPlaylistSnippet", title, out)) {
            int length = title.codePointCount(0, title.length());
            if (length > PLAYLIST_TITLE_MAX_CHARS) {
                out.add(new Violation("playlistTitle", "invalidPlaylistSnippet", "playlistTitle must be at most "
                        + PLAYLIST_TITLE_MAX_CHARS + " characters (it has " + length + ")"));
            }
            if (hasAngleBrackets(title)) {
                out.add(new Violation("playlistTitle", "invalidPlaylistSnippet", "playlistTitle must not contain < or >"));
            }
        }
    }

    private static void checkTitle(String title, List<Violation> out) {
        if (title == null || title.isBlank()) {
            out.add(new Violation("title", "invalidTitle", "title is required and must not be blank"));
            return;
        }
        if (refusedAsUnstorable("title", "invalidTitle", title, out)) {
            return;
        }
        int length = title.codePointCount(0, title.length());
        if (length > TITLE_MAX_CHARS) {
            out.add(new Violation("title", "invalidTitle",
                    "title must be at most " + TITLE_MAX_CHARS + " characters (it has " + length + ")"));
        }
        if (hasAngleBrackets(title)) {
            out.add(new Violation("title", "invalidTitle", "title must not contain < or >"));
        }
    }

    private static void checkDescription(String description, List<Violation> out) {
        if (description == null) {
            return;
        }
        if (refusedAsUnstorable("description", "invalidDescription", description, out)) {
            return;
        }
        int bytes = description.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > DESCRIPTION_MAX_BYTES) {
            out.add(new Violation("description", "invalidDescription",
                    "description must be at most " + DESCRIPTION_MAX_BYTES + " bytes in UTF-8 (it has " + bytes + ")"));
        }
        if (hasAngleBrackets(description)) {
            out.add(new Violation("description", "invalidDescription", "description must not contain < or >"));
        }
    }

    private static void checkTags(List<String> tags, List<Violation> out) {
        if (tags == null || tags.isEmpty()) {
            return;
        }
        for (int i = 0; i < tags.size(); i++) {
            String tag = tags.get(i);
            if (tag == null || tag.isBlank()) {
                out.add(new Violation("tags[" + i + "]", "invalidTags", "tags must not be blank"));
            } else if (refusedAsUnstorable("tags[" + i + "]", "invalidTags", tag, out)) {
                continue;
            } else if (hasAngleBrackets(tag)) {
                out.add(new Violation("tags[" + i + "]", "invalidTags", "tags must not contain < or >"));
            } else if (tag.indexOf(',') >= 0) {
                out.add(new Violation("tags[" + i + "]", "invalidTags", "a tag must not contain a comma"));
            }
        }
        int total = tagsLength(tags);
        if (total > TAGS_MAX_CHARS) {
            out.add(new Violation("tags", "invalidTags", "tags must be at most " + TAGS_MAX_CHARS
                    + " characters in total, counting a comma between tags and quotes around tags with spaces (they have "
                    + total + ")"));
        }
    }

    private void checkPublishAt(VideoMetadata metadata, List<Violation> out) {
        OffsetDateTime publishAt = metadata.publishAt();
        if (publishAt == null) {
            return;
        }
        if (metadata.privacyStatus() != null && metadata.privacyStatus() != PrivacyStatus.PRIVATE) {
            out.add(new Violation("publishAt", "invalidPublishAt",
                    "publishAt can only be set when privacyStatus is private"));
        }
        if (!publishAt.toInstant().isAfter(clock.instant())) {
            out.add(new Violation("publishAt", "invalidPublishAt", "publishAt must be in the future"));
        }
    }

    /**
     * Length of the tags as YouTube counts it: the characters of every tag, a comma between tags, and two
     * quote characters around each tag that contains a space.
     */
    public static int tagsLength(List<String> tags) {
        if (tags == null || tags.isEmpty()) {
            return 0;
        }
        int total = tags.size() - 1;
        for (String tag : tags) {
            if (tag == null) {
                continue;
            }
            total += tag.codePointCount(0, tag.length());
            if (tag.indexOf(' ') >= 0) {
                total += 2;
            }
        }
        return total;
    }

    /**
     * Why {@code value} cannot be stored and sent as it is, or null: PostgreSQL cannot store NUL in text or jsonb,
     * and a lone UTF-16 surrogate has no UTF-8 form (it would silently become {@code ?}).
     */
    public static String unstorable(String value) {
        if (value == null) {
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0) {
                return "must not contain the NUL character (U+0000)";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return String.format("must not contain a lone UTF-16 surrogate (U+%04X)", (int) c);
            }
            if (Character.isLowSurrogate(c)) {
                return String.format("must not contain a lone UTF-16 surrogate (U+%04X)", (int) c);
            }
        }
        return null;
    }

    /** Adds a violation and answers true when {@code value} is {@link #unstorable}. */
    private static boolean refusedAsUnstorable(String field, String code, String value, List<Violation> out) {
        String problem = unstorable(value);
        if (problem == null) {
            return false;
        }
        out.add(new Violation(field, code, field.replaceAll("\\[\\d+]$", "") + " " + problem));
        return true;
    }

    private static boolean hasAngleBrackets(String value) {
        return value.indexOf('<') >= 0 || value.indexOf('>') >= 0;
    }

    private static List<String> sorted() {
        return ASSIGNABLE_CATEGORIES.stream().sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b)))
                .toList();
    }
}
