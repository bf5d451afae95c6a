package dev.vidferry.model.folder;

import java.util.List;

import dev.vidferry.model.metadata.Violation;

/**
 * A sidecar or one manifest row, parsed and checked.
 *
 * @param overrides what it sets (only valid fields when there are violations)
 * @param violations what is wrong, field by field; empty when the file can use it
 */
public record ParsedOverrides(FileOverrides overrides, List<Violation> violations) {

    public ParsedOverrides {
        violations = List.copyOf(violations);
    }

    public boolean valid() {
        return violations.isEmpty();
    }

    /** {@code bad_sidecar: <first field>} when invalid, else null. */
    public SkipReason skipReason() {
        return valid() ? null : SkipReason.badSidecar(violations.get(0).field());
    }
}
