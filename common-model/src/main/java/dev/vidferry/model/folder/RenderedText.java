package dev.vidferry.model.folder;

import java.util.List;

/**
 * A title and description ready for YouTube, with what rendering had to change to get there.
 *
 * @param title 1-100 characters, no angle brackets
 * @param description at most 5000 UTF-8 bytes, no angle brackets
 * @param changes one note per change, e.g. {@code title trimmed to 100 characters}; empty when nothing changed
 */
public record RenderedText(String title, String description, List<String> changes) {

    public RenderedText {
        changes = List.copyOf(changes);
    }
}
