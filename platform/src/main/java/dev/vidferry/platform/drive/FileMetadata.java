package dev.vidferry.platform.drive;

import dev.vidferry.model.folder.FileOverrides;
import dev.vidferry.model.folder.Manifest;
import dev.vidferry.model.folder.ParsedOverrides;
import dev.vidferry.model.folder.SkipReason;

/**
 * How a video's sidecar and its folder's manifest row combine: a sidecar field beats the manifest's, an error in
 * either skips the file ({@code bad_sidecar: <field>}), an unusable manifest skips its folder's videos
 * ({@code bad_sidecar: manifest}).
 */
final class FileMetadata {

    private FileMetadata() {
    }

    static ScannedVideo apply(ScannedVideo video, Manifest manifest, ParsedOverrides sidecar) {
        if (manifest != null && !manifest.problems().isEmpty()) {
            return video.withMetadata(null, SkipReason.badSidecar("manifest"));
        }
        ParsedOverrides row = manifest == null ? null : manifest.row(video.name()).orElse(null);
        if (sidecar != null && !sidecar.valid()) {
            return video.withMetadata(null, sidecar.skipReason());
        }
        if (row != null && !row.valid()) {
            return video.withMetadata(null, row.skipReason());
        }
        FileOverrides merged = (row == null ? FileOverrides.none() : row.overrides())
                .overriddenBy(sidecar == null ? null : sidecar.overrides());
        return video.withMetadata(merged.setFields().isEmpty() ? null : merged, null);
    }
}
