package dev.vidferry.emulator.youtube;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.vidferry.emulator.http.GoogleError;

/** YouTube's rules for the snippet and status of videos.insert, answered with its 400 reasons. */
public final class VideoValidator {

    /** Assignable video categories (US region). */
    public static final Set<String> ASSIGNABLE_CATEGORIES = Set.of("1", "2", "10", "15", "17", "19", "20", "22", "23",
            "24", "25", "26", "27", "28", "29");
    private static final Set<String> PRIVACY = Set.of("public", "private", "unlisted");
    private static final Set<String> LICENSES = Set.of("youtube", "creativeCommon");

    private VideoValidator() {
    }

    public static void validate(ObjectNode video, Instant now) {
        JsonNode snippet = video.path("snippet");
        if (snippet.isObject()) {
            JsonNode titleNode = snippet.get("title");
            String title = titleNode == null || titleNode.isNull() ? "" : titleNode.asText();
            if (title.isBlank()) {
                throw error("invalidTitle", "The request metadata specifies an invalid or empty video title.",
                        "body.snippet.title");
            }
            if (title.codePointCount(0, title.length()) > 100 || title.indexOf('<') >= 0 || title.indexOf('>') >= 0) {
                throw error("invalidTitle", "The request metadata specifies an invalid video title.", "body.snippet.title");
            }
            String description = snippet.path("description").asText("");
            if (description.getBytes(StandardCharsets.UTF_8).length > 5000 || description.indexOf('<') >= 0
                    || description.indexOf('>') >= 0) {
                throw error("invalidDescription", "The request metadata specifies an invalid video description.",
                        "body.snippet.description");
            }
            JsonNode tags = snippet.path("tags");
            if (tags.isArray()) {
                int total = Math.max(0, tags.size() - 1);
                for (JsonNode t : tags) {
                    String tag = t.asText();
                    if (tag.indexOf('<') >= 0 || tag.indexOf('>') >= 0) {
                        throw tagsError();
                    }
                    total += tag.codePointCount(0, tag.length()) + (tag.contains(" ") ? 2 : 0);
                }
                if (total > 500) {
                    throw tagsError();
                }
            }
            if (snippet.hasNonNull("categoryId") && !ASSIGNABLE_CATEGORIES.contains(snippet.get("categoryId").asText())) {
                throw error("invalidCategoryId", "The <code>snippet.categoryId</code> property specifies an invalid "
                        + "category ID. Use the <code>videoCategories.list</code> method to retrieve supported categories.",
                        "body.snippet.categoryId");
            }
        }
        JsonNode localizations = video.path("localizations");
        if (localizations.isObject() && !localizations.isEmpty() && !snippet.hasNonNull("defaultLanguage")) {
            throw error("defaultLanguageNotSet", "The request is trying to add localized video details without "
                    + "specifying the default language of the video details.", "body.snippet.defaultLanguage");
        }
        JsonNode status = video.path("status");
        if (status.isObject()) {
            String privacy = status.path("privacyStatus").asText("public");
            if (!PRIVACY.contains(privacy)) {
                throw error("invalidVideoMetadata", "The request metadata is invalid: unknown privacyStatus.",
                        "body.status.privacyStatus");
            }
            if (status.hasNonNull("license") && !LICENSES.contains(status.get("license").asText())) {
                throw error("invalidVideoMetadata", "The request metadata is invalid: unknown license.",
                        "body.status.license");
            }
            if (status.hasNonNull("publishAt")) {
                Instant at;
                try {
                    at = OffsetDateTime.parse(status.get("publishAt").asText()).toInstant();
                } catch (Exception e) {
                    throw publishAt();
                }
                if (!"private".equals(privacy) || !at.isAfter(now)) {
                    throw publishAt();
                }
            }
        }
    }

    private static GoogleError.Failure tagsError() {
        return error("invalidTags", "The request metadata specifies invalid video keywords.", "body.snippet.tags");
    }

    private static GoogleError.Failure publishAt() {
        return error("invalidPublishAt", "The request metadata specifies an invalid scheduled publishing time.",
                "body.status.publishAt");
    }

    private static GoogleError.Failure error(String reason, String message, String location) {
        return new GoogleError(400, reason, "youtube.video", message, location, "other").failure();
    }
}
