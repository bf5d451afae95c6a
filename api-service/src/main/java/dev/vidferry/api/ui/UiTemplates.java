package dev.vidferry.api.ui;

import java.util.List;
import java.util.Map;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

import dev.vidferry.model.api.DriveItem;
import dev.vidferry.model.api.GoogleAccountSummary;
import dev.vidferry.model.quota.QuotaUsage;

/** The dashboard's pages ({@code templates/ui/*.html}); Qute escapes every value for HTML. */
@CheckedTemplate(basePath = "ui")
public final class UiTemplates {

    private UiTemplates() {
    }

    public static native TemplateInstance accounts(Chrome chrome, List<GoogleAccountSummary> accounts, String notice,
            String problem);

    public static native TemplateInstance drive(Chrome chrome, List<Crumb> crumbs, Crumb here, List<DriveItem> items,
            String nextHref, String problem);

    public static native TemplateInstance folder(Chrome chrome, List<Crumb> crumbs, Crumb here,
            List<String> placeholders);

    public static native TemplateInstance queue(Chrome chrome, List<JobRow> jobs, String status, String batchId,
            List<String> statuses, Map<String, Long> counts, String nextHref, long since);

    /** The moving part of one queue row; also what {@code /ui/events} sends (swapped in by its id). */
    public static native TemplateInstance queue$live(JobLive live);

    public static native TemplateInstance quota(Chrome chrome, QuotaUsage usage);

    public static native TemplateInstance syncs(Chrome chrome);

    public static native TemplateInstance signedOut();
}
