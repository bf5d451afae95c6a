package dev.vidferry.model.metadata;

/**
 * The title and description of a video in one more language (YouTube {@code localizations.<language>}), checked by
 * the rules of {@code snippet.title} and {@code snippet.description}.
 */
public record Localization(String title, String description) {
}
