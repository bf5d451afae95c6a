package dev.vidferry.platform.drive;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.drive.Drive;
import com.google.api.services.drive.model.File;

import dev.vidferry.model.folder.FileOverrides;
import dev.vidferry.model.folder.Manifest;
import dev.vidferry.model.folder.OverrideParser;
import dev.vidferry.model.folder.ParsedOverrides;
import dev.vidferry.model.metadata.Violation;

/** Downloads sidecars and manifests (capped in size) and parses them. */
final class SidecarReader {

    /** Sidecars and manifests larger than this are refused without reading them. */
    static final int MAX_BYTES = 64 * 1024;

    private final Drive drive;
    private final DriveCalls calls;
    private final OverrideParser parser;

    SidecarReader(Drive drive, DriveCalls calls, OverrideParser parser) {
        this.drive = drive;
        this.calls = calls;
        this.parser = parser;
    }

    ParsedOverrides sidecar(File file) throws IOException {
        Download d = download(file);
        return d.problem() != null
                ? new ParsedOverrides(FileOverrides.none(), List.of(d.problem()))
                : parser.sidecar(d.bytes());
    }

    Manifest manifest(File file) throws IOException {
        Download d = download(file);
        return d.problem() != null
                ? new Manifest(Map.of(), List.of(new Violation("manifest", d.problem().code(), d.problem().message())))
                : Manifest.parse(d.bytes(), parser);
    }

    private record Download(byte[] bytes, Violation problem) {
    }

    private Download download(File file) throws IOException {
        if (file.getSize() != null && file.getSize() > MAX_BYTES) {
            return tooLarge();
        }
        if (file.getSize() != null && file.getSize() == 0) {
            return new Download(new byte[0], null); // Google refuses media GETs of some empty files: nothing to read
        }
        try {
            byte[] bytes = calls.media(drive.files().get(file.getId()).setSupportsAllDrives(true), MAX_BYTES);
            return bytes.length > MAX_BYTES ? tooLarge() : new Download(bytes, null);
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() == 403 || e.getStatusCode() == 404) {
                return new Download(null, new Violation("download", "notDownloadable",
                        "Drive refused the download (" + e.getStatusCode() + ")"));
            }
            throw e;
        }
    }

    private static Download tooLarge() {
        return new Download(null, new Violation("size", "tooLarge", "larger than " + MAX_BYTES + " bytes"));
    }
}
