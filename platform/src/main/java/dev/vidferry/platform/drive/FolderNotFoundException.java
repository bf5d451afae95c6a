package dev.vidferry.platform.drive;

/** The folder to scan does not exist, is not visible to the user, or is not a folder. */
public class FolderNotFoundException extends RuntimeException {

    private final String folderId;

    public FolderNotFoundException(String folderId, String message) {
        super(message);
        this.folderId = folderId;
    }

    public String folderId() {
        return folderId;
    }
}
