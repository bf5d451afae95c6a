package dev.vidferry.api.ui;

/** One step of the Drive breadcrumbs: a folder and the trail of folders above it (for its link). */
public record Crumb(String id, String name, String trail) {

    /** The trail of a folder inside this one. */
    public String childTrail() {
        return id.equals("root") ? "" : trail.isEmpty() ? id : trail + "," + id;
    }
}
