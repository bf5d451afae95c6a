package dev.vidferry.model.quota;

import java.util.Objects;

/**
 * What one call of a method takes: {@code units} from {@code bucket}.
 *
 * @param bucket the ledger bucket the call counts against
 * @param units units per call, at least 1 (Google counts even invalid requests)
 */
public record QuotaCost(String bucket, long units) {

    public QuotaCost {
        Objects.requireNonNull(bucket, "bucket");
        if (units < 1) {
            throw new IllegalArgumentException("a call costs at least 1 unit, got " + units + " for " + bucket);
        }
    }
}
