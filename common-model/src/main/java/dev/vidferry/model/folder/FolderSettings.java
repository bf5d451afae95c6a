package dev.vidferry.model.folder;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.vidferry.model.metadata.MetadataValidator;
import dev.vidferry.model.metadata.PrivacyStatus;
import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.model.metadata.Violation;

/**
 * How a folder upload or sync turns each file into video metadata: title and description templates, the md5 marker
 * option and defaults for the other fields; a file's sidecar or manifest row overrides them.
 *
 * @param titleTemplate null means {@code {filename}}
 * @param descriptionTemplate null means an empty description
 * @param includeMd5Marker end each description with {@code [md5:<hex>]}
 */
public record FolderSettings(String titleTemplate, String descriptionTemplate, boolean includeMd5Marker,
        PrivacyStatus privacyStatus, String categoryId, List<String> tags, Boolean madeForKids,
        Boolean notifySubscribers, OffsetDateTime publishAt, String playlistId) {

    public FolderSettings {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /** Templates only, YouTube's defaults for the rest. */
    public static FolderSettings templates(String titleTemplate, String descriptionTemplate, boolean includeMd5Marker) {
        return new FolderSettings(titleTemplate, descriptionTemplate, includeMd5Marker, null, null, null, null, null,
                null, null);
    }

    /**
     * Problems of the settings, fields relative to them ({@code titleTemplate}, {@code categoryId}, ...): unknown
     * placeholders and YouTube's rules for the defaults (title and description are checked per file, after rendering).
     */
    public List<Violation> validate(Clock clock) {
        List<Violation> out = new ArrayList<>();
        out.addAll(Template.validate("titleTemplate", titleTemplate));
        out.addAll(Template.validate("descriptionTemplate", descriptionTemplate));
        VideoMetadata defaults = new VideoMetadata("x", null, tags, categoryId, privacyStatus, madeForKids,
                notifySubscribers, publishAt, playlistId);
        new MetadataValidator(clock).validate(defaults).stream()
                .filter(v -> !v.field().equals("title") && !v.field().equals("description")).forEach(out::add);
        return out;
    }

    /**
     * The metadata of one file: templates rendered for {@code context}, {@code overrides} (may be null) applied, then
     * YouTube's text rules, with every change reported.
     *
     * @param md5 the file's md5 (for the marker), may be null
     */
    public RenderedMetadata render(TemplateContext context, FileOverrides overrides, String md5) {
        FileOverrides o = overrides == null ? FileOverrides.none() : overrides;
        String title = o.title() != null
                ? o.title()
                : Template.expand(titleTemplate == null ? TemplateRenderer.DEFAULT_TITLE : titleTemplate, context);
        String description = o.description() != null
                ? o.description()
                : Template.expand(descriptionTemplate == null ? "" : descriptionTemplate, context);
        RenderedText text = TemplateRenderer.fit(title, description, context.fileName(),
                includeMd5Marker ? md5 : null);
        List<String> changes = new ArrayList<>(text.changes());
        if (includeMd5Marker && md5 == null) {
            changes.add("no md5 marker: Drive gives no md5 for this file");
        }
        VideoMetadata base = new VideoMetadata(text.title(), text.description(), tags, categoryId, privacyStatus,
                madeForKids, notifySubscribers, publishAt, playlistId);
        VideoMetadata merged = o.applyTo(base);
        VideoMetadata metadata = new VideoMetadata(text.title(), text.description(), merged.tags(),
                merged.categoryId(), merged.privacyStatus(), merged.madeForKids(), merged.notifySubscribers(),
                merged.publishAt(), merged.playlistId()).withDefaults();
        return new RenderedMetadata(metadata, changes);
    }

    /**
     * @param metadata what to send to YouTube
     * @param changes what rendering changed (for the job record)
     */
    public record RenderedMetadata(VideoMetadata metadata, List<String> changes) {

        public RenderedMetadata {
            changes = List.copyOf(changes);
        }
    }
}
