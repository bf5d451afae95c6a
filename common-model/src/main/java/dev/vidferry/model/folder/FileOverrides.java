package dev.vidferry.model.folder;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.vidferry.model.metadata.MetadataValidator;
import dev.vidferry.model.metadata.PrivacyStatus;
import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.model.metadata.Violation;

/**
 * Per-file metadata from a sidecar or a manifest row: every component is optional (null = keep what the template
 * and the folder settings give).
 */
public record FileOverrides(
        String title,
        String description,
        List<String> tags,
        String categoryId,
        PrivacyStatus privacyStatus,
        OffsetDateTime publishAt,
        String playlistId,
        Boolean madeForKids) {

    /** The field names a sidecar or manifest may set. */
    public static final Set<String> FIELDS = Set.of("title", "description", "tags", "categoryId", "privacyStatus",
            "publishAt", "playlistId", "madeForKids");

    public FileOverrides {
        tags = tags == null ? null : List.copyOf(tags);
    }

    /** Overrides that change nothing. */
    public static FileOverrides none() {
        return new FileOverrides(null, null, null, null, null, null, null, null);
    }

    /** {@code other}'s fields where it sets them, else this one's (a sidecar over a manifest row). */
    public FileOverrides overriddenBy(FileOverrides other) {
        if (other == null) {
            return this;
        }
        return new FileOverrides(pick(other.title, title), pick(other.description, description),
                pick(other.tags, tags), pick(other.categoryId, categoryId), pick(other.privacyStatus, privacyStatus),
                pick(other.publishAt, publishAt), pick(other.playlistId, playlistId),
                pick(other.madeForKids, madeForKids));
    }

    /** {@code base} with the set fields replaced. */
    public VideoMetadata applyTo(VideoMetadata base) {
        return new VideoMetadata(pick(title, base.title()), pick(description, base.description()),
                pick(tags, base.tags()), pick(categoryId, base.categoryId()),
                pick(privacyStatus, base.privacyStatus()), pick(madeForKids, base.madeForKids()),
                base.notifySubscribers(), pick(publishAt, base.publishAt()), pick(playlistId, base.playlistId()));
    }

    /** The names of the fields this sets, in {@link #FIELDS} order of declaration. */
    public Set<String> setFields() {
        Set<String> out = new LinkedHashSet<>();
        add(out, "title", title);
        add(out, "description", description);
        add(out, "tags", tags);
        add(out, "categoryId", categoryId);
        add(out, "privacyStatus", privacyStatus);
        add(out, "publishAt", publishAt);
        add(out, "playlistId", playlistId);
        add(out, "madeForKids", madeForKids);
        return out;
    }

    /**
     * YouTube's rules ({@link MetadataValidator}) applied to the fields this sets; a rule between two fields
     * (publishAt needs private) only when both are set here.
     */
    public List<Violation> validate(Clock clock) {
        VideoMetadata asMetadata = new VideoMetadata(title == null ? "x" : title, description, tags, categoryId,
                privacyStatus, madeForKids, null, publishAt, playlistId);
        Set<String> set = setFields();
        List<Violation> out = new ArrayList<>();
        for (Violation v : new MetadataValidator(clock).validate(asMetadata)) {
            String field = v.field().contains("[") ? v.field().substring(0, v.field().indexOf('[')) : v.field();
            if (set.contains(field)) {
                out.add(new Violation(field, v.code(), v.message()));
            }
        }
        return out;
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    private static void add(Set<String> out, String name, Object value) {
        if (value != null) {
            out.add(name);
        }
    }
}
