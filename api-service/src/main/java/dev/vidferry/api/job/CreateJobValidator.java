package dev.vidferry.api.job;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import dev.vidferry.model.api.CreateJobRequest;
import dev.vidferry.model.metadata.MetadataValidator;
import dev.vidferry.model.metadata.Violation;

/** Every problem of a create request, each naming its field (JSON path relative to the body). */
@ApplicationScoped
public class CreateJobValidator {

    static final int MAX_DRIVE_ID = 200;
    static final int MAX_BATCH_ID = 200;
    static final int MAX_FOLDER_PATH = 1000;
    static final int MAX_PLAYLIST_ID = 100;
    private static final Pattern DRIVE_ID = Pattern.compile("[A-Za-z0-9_-]+");

    private final MetadataValidator metadata = new MetadataValidator();

    public List<Violation> validate(CreateJobRequest request) {
        List<Violation> out = new ArrayList<>();
        if (request == null) {
            out.add(new Violation("", "required", "a JSON body is required"));
            return out;
        }
        String driveFileId = request.driveFileId();
        if (driveFileId == null || driveFileId.isBlank()) {
            out.add(new Violation("driveFileId", "required", "driveFileId is required"));
        } else if (driveFileId.length() > MAX_DRIVE_ID || !DRIVE_ID.matcher(driveFileId).matches()) {
            out.add(new Violation("driveFileId", "invalidDriveFileId",
                    "driveFileId must be a Drive file id (letters, digits, - and _, at most " + MAX_DRIVE_ID + ")"));
        }
        for (Violation v : metadata.validate(request.metadata())) {
            out.add(request.metadata() == null ? v : v.under("metadata"));
        }
        if (request.metadata() != null && request.metadata().playlistId() != null
                && request.metadata().playlistId().length() > MAX_PLAYLIST_ID) {
            out.add(new Violation("metadata.playlistId", "invalidPlaylistId",
                    "playlistId must be at most " + MAX_PLAYLIST_ID + " characters"));
        }
        text(request.batchId(), "batchId", MAX_BATCH_ID, out);
        text(request.folderPath(), "folderPath", MAX_FOLDER_PATH, out);
        return out;
    }

    private static void text(String value, String field, int max, List<Violation> out) {
        if (value == null) {
            return;
        }
        String unstorable = MetadataValidator.unstorable(value);
        if (unstorable != null) {
            out.add(new Violation(field, "invalid" + capitalise(field), field + " " + unstorable));
        } else if (value.isBlank()) {
            out.add(new Violation(field, "invalid" + capitalise(field), field + " must not be blank when given"));
        } else if (value.length() > max) {
            out.add(new Violation(field, "invalid" + capitalise(field),
                    field + " must be at most " + max + " characters"));
        } else if (value.chars().anyMatch(Character::isISOControl)) {
            out.add(new Violation(field, "invalid" + capitalise(field), field + " must not contain control characters"));
        }
    }

    private static String capitalise(String field) {
        return Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }
}
