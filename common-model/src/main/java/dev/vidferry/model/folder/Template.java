package dev.vidferry.model.folder;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vidferry.model.metadata.Violation;

/**
 * Title and description templates of folder uploads: {@code {filename}}, {@code {folder}}, {@code {root_folder}},
 * {@code {folder_path}} and {@code {upload_date}} (ISO {@code yyyy-MM-dd}). Text outside placeholders is kept as
 * written; a brace that does not open a {@code {name}} is plain text. Pure and thread-safe.
 */
public final class Template {

    public static final Set<String> PLACEHOLDERS = Set.of("filename", "folder", "root_folder", "folder_path",
            "upload_date");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_]+)}");

    private Template() {
    }

    /**
     * Every unknown placeholder of {@code template} as a violation of {@code field} (code {@code unknownPlaceholder});
     * empty when the template is null or uses only known placeholders.
     */
    public static List<Violation> validate(String field, String template) {
        List<Violation> out = new ArrayList<>();
        if (template == null) {
            return out;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group(1))) {
                out.add(new Violation(field, "unknownPlaceholder", "unknown placeholder {" + m.group(1)
                        + "}; use " + String.join(", ", List.of("{filename}", "{folder}", "{root_folder}",
                                "{folder_path}", "{upload_date}"))));
            }
        }
        return out;
    }

    /** {@code template} with each known placeholder replaced from {@code context}; unknown ones are kept as written. */
    public static String expand(String template, TemplateContext context) {
        if (template == null) {
            return null;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "filename" -> context.baseName();
                case "folder" -> context.folder();
                case "root_folder" -> context.rootFolder();
                case "folder_path" -> context.folderPath();
                case "upload_date" -> context.uploadDate() == null ? "" : context.uploadDate().toString();
                default -> m.group();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
