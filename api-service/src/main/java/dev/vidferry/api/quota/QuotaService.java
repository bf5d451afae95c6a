package dev.vidferry.api.quota;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;

import dev.vidferry.model.quota.QuotaUsage;
import dev.vidferry.platform.google.GoogleConfig;
import dev.vidferry.platform.quota.QuotaLedger;

/** Today's YouTube quota of our Google project, from the ledger every worker books into. */
@ApplicationScoped
public class QuotaService {

    private final QuotaLedger ledger;
    private final GoogleConfig google;

    public QuotaService(QuotaLedger ledger, GoogleConfig google) {
        this.ledger = ledger;
        this.google = google;
    }

    public Uni<QuotaUsage> today() {
        return ledger.usage(google.projectId());
    }
}
