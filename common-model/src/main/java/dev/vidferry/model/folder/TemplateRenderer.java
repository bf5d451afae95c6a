package dev.vidferry.model.folder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import dev.vidferry.model.metadata.MetadataValidator;

/**
 * Renders title and description templates for one file and makes the result follow YouTube's rules (title 1-100
 * characters, description at most 5000 UTF-8 bytes, neither with {@code <} or {@code >}): over-long text is cut at a
 * code point boundary and ends with an ellipsis, angle brackets are removed, an empty title becomes the file name.
 * Every change is reported. Pure and thread-safe.
 */
public final class TemplateRenderer {

    /** The title template used when none is given. */
    public static final String DEFAULT_TITLE = "{filename}";
    static final String ELLIPSIS = "\u2026";

    private TemplateRenderer() {
    }

    /**
     * @param titleTemplate null means {@link #DEFAULT_TITLE}
     * @param descriptionTemplate null means an empty description
     * @param md5Marker the file's md5 when the description should end with {@link Md5Marker#line}; else null
     */
    public static RenderedText render(String titleTemplate, String descriptionTemplate, TemplateContext context,
            String md5Marker) {
        return fit(Template.expand(titleTemplate == null ? DEFAULT_TITLE : titleTemplate, context),
                Template.expand(descriptionTemplate == null ? "" : descriptionTemplate, context), context.fileName(),
                md5Marker);
    }

    /**
     * Makes already expanded text (or a sidecar's) follow YouTube's rules.
     *
     * @param fileName the Drive file name; its base name replaces an empty title
     * @param md5Marker the file's md5 when the description should end with {@link Md5Marker#line}; else null
     */
    public static RenderedText fit(String title, String description, String fileName, String md5Marker) {
        List<String> changes = new ArrayList<>();
        String fittedTitle = title(title == null ? "" : title, VideoFiles.baseName(fileName), changes);
        String fittedDescription = description(description == null ? "" : description, md5Marker, changes);
        return new RenderedText(fittedTitle, fittedDescription, changes);
    }

    private static String title(String expanded, String baseName, List<String> changes) {
        String title = withoutAngleBrackets(expanded, "title", changes).strip();
        if (title.isEmpty()) {
            title = withoutAngleBrackets(baseName, "title", changes).strip();
            title = title.isEmpty() ? "untitled" : title;
            changes.add("empty title replaced by the file name");
        }
        int max = MetadataValidator.TITLE_MAX_CHARS;
        if (title.codePointCount(0, title.length()) > max) {
            title = title.substring(0, title.offsetByCodePoints(0, max - 1)).stripTrailing() + ELLIPSIS;
            changes.add("title trimmed to " + max + " characters");
        }
        return title;
    }

    private static String description(String expanded, String md5, List<String> changes) {
        String description = withoutAngleBrackets(expanded, "description", changes);
        String suffix = md5 == null ? "" : (description.isEmpty() ? "" : "\n\n") + Md5Marker.line(md5);
        int budget = MetadataValidator.DESCRIPTION_MAX_BYTES - utf8(suffix);
        if (utf8(description) > budget) {
            description = cutToBytes(description, budget - utf8(ELLIPSIS)) + ELLIPSIS;
            changes.add("description trimmed to " + MetadataValidator.DESCRIPTION_MAX_BYTES + " bytes");
        }
        return description + suffix;
    }

    private static String withoutAngleBrackets(String text, String field, List<String> changes) {
        if (text.indexOf('<') < 0 && text.indexOf('>') < 0) {
            return text;
        }
        String note = "removed < and > from " + field;
        if (!changes.contains(note)) {
            changes.add(note);
        }
        return text.replace("<", "").replace(">", "");
    }

    /** The longest prefix of {@code text} of at most {@code maxBytes} UTF-8 bytes that ends on a code point. */
    static String cutToBytes(String text, int maxBytes) {
        int bytes = 0;
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + n > maxBytes) {
                break;
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return text.substring(0, i);
    }

    private static int utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }
}
