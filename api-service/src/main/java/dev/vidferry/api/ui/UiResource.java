package dev.vidferry.api.ui;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.oidc.OidcSession;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.mutiny.Uni;

import dev.vidferry.api.auth.Roles;
import dev.vidferry.api.common.ApiException;
import dev.vidferry.api.common.Owners;
import dev.vidferry.api.drive.DriveService;
import dev.vidferry.api.google.GoogleAccountsService;
import dev.vidferry.api.job.JobService;
import dev.vidferry.api.quota.QuotaService;
import dev.vidferry.model.api.DriveItem;
import dev.vidferry.model.job.JobStatus;

/**
 * The dashboard's pages, rendered on the server from the same services the API resources use; every change a page
 * offers is a call of the {@code /api/v1} operations from the browser (session cookie plus {@link CsrfToken}).
 */
@Path("/ui")
@RolesAllowed(Roles.USER)
@Produces(MediaType.TEXT_HTML)
public class UiResource {

    /** The template placeholders folder uploads understand (issue #11). */
    static final List<String> PLACEHOLDERS = List.of("{filename}", "{folder}", "{root_folder}", "{folder_path}",
            "{upload_date}");
    private static final int MAX_TRAIL = 20;

    private final GoogleAccountsService accounts;
    private final DriveService drive;
    private final JobService jobs;
    private final QuotaService quota;
    private final JsonWebToken token;
    private final OidcSession session;

    public UiResource(GoogleAccountsService accounts, DriveService drive, JobService jobs, QuotaService quota,
            JsonWebToken token, OidcSession session) {
        this.accounts = accounts;
        this.drive = drive;
        this.jobs = jobs;
        this.quota = quota;
        this.token = token;
        this.session = session;
    }

    /** Home: the accounts page until a Google account is connected, then the Drive browser. */
    @GET
    public Uni<Response> home() {
        return accounts.list(Owners.of(token)).map(list -> Response.seeOther(URI.create(list.items().isEmpty()
                ? "/ui/accounts"
                : "/ui/drive")).build());
    }

    /** Where the OIDC provider sends the browser back; Quarkus has taken the code by then. */
    @GET
    @Path("signin")
    public Response signedIn() {
        return Response.seeOther(URI.create("/ui")).build();
    }

    @GET
    @Path("accounts")
    public Uni<Response> accounts(@QueryParam("connected") String connected, @QueryParam("problem") String problem,
            @CookieParam(CsrfToken.COOKIE) String csrf) {
        String notice = connected == null ? null : "Google account connected.";
        return accounts.list(Owners.of(token)).map(list -> page(csrf, "accounts",
                c -> UiTemplates.accounts(c, list.items(), notice, Problems.describe(problem))));
    }

    @GET
    @Path("drive")
    public Uni<Response> drive(@QueryParam("folderId") String folderId, @QueryParam("trail") String trail,
            @QueryParam("pageToken") String pageToken, @CookieParam(CsrfToken.COOKIE) String csrf) {
        String owner = Owners.of(token);
        String folder = folderId == null || folderId.isBlank() ? "root" : folderId;
        return crumbs(owner, folder, trail).chain(path -> drive.list(owner, folder, "true", pageToken, "200")
                .map(listing -> page(csrf, "drive", c -> UiTemplates.drive(c, path.above(), path.here(),
                        listing.items(), listing.nextPageToken() == null
                                ? null
                                : "/ui/drive?folderId=" + enc(folder) + "&trail=" + enc(path.here().trail())
                                        + "&pageToken=" + enc(listing.nextPageToken()),
                        null)))
                .onFailure(ApiException.class).recoverWithItem(e -> page(csrf, "drive", c -> UiTemplates.drive(c,
                        path.above(), path.here(), List.of(), null, e.getMessage()))));
    }

    @GET
    @Path("folders/{id}")
    public Uni<Response> folder(@PathParam("id") String folderId, @QueryParam("trail") String trail,
            @CookieParam(CsrfToken.COOKIE) String csrf) {
        return crumbs(Owners.of(token), folderId, trail).map(path -> page(csrf, "drive",
                c -> UiTemplates.folder(c, path.above(), path.here(), PLACEHOLDERS)));
    }

    @GET
    @Path("queue")
    public Uni<Response> queue(@QueryParam("status") String status, @QueryParam("batchId") String batchId,
            @QueryParam("cursor") String cursor, @CookieParam(CsrfToken.COOKIE) String csrf) {
        String statusFilter = status == null || status.isBlank() ? null : status;
        String batch = batchId == null || batchId.isBlank() ? null : batchId;
        List<String> statuses = Arrays.stream(JobStatus.values()).map(JobStatus::wireName).toList();
        return jobs.list(Owners.of(token), statusFilter, batch, cursor, "100").map(page -> page(csrf, "queue",
                c -> UiTemplates.queue(c, page.items().stream().map(JobRow::of).toList(), statusFilter, batch,
                        statuses, page.counts(), page.nextCursor() == null
                                ? null
                                : "/ui/queue?status=" + enc(statusFilter) + "&batchId=" + enc(batch) + "&cursor="
                                        + enc(page.nextCursor()),
                        System.currentTimeMillis())));
    }

    @GET
    @Path("quota")
    public Uni<Response> quota(@CookieParam(CsrfToken.COOKIE) String csrf) {
        return quota.today().map(usage -> page(csrf, "quota", c -> UiTemplates.quota(c, usage)));
    }

    @GET
    @Path("syncs")
    public Response syncs(@CookieParam(CsrfToken.COOKIE) String csrf) {
        return page(csrf, "syncs", UiTemplates::syncs);
    }

    /** Ends the dashboard's session (the CSRF check applies: a form of this page posts it). */
    @POST
    @Path("logout")
    public Uni<Response> logout() {
        return session.logout().map(x -> Response.seeOther(URI.create("/ui/signed-out")).build());
    }

    @GET
    @Path("signed-out")
    @PermitAll
    public TemplateInstance signedOut() {
        return UiTemplates.signedOut();
    }

    private Response page(String csrfCookie, String active, java.util.function.Function<Chrome, TemplateInstance> t) {
        String csrf = CsrfToken.currentOrNew(csrfCookie);
        Response.ResponseBuilder answer = Response.ok(t.apply(new Chrome(userName(), csrf, active)))
                .type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        if (!csrf.equals(csrfCookie)) {
            answer.cookie(CsrfToken.cookie(csrf, false));
        }
        return answer.build();
    }

    private static String enc(String value) {
        return value == null ? "" : java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private String userName() {
        Object email = token.getClaim("email");
        Object name = token.getClaim("name");
        return name != null ? name + (email != null ? " (" + email + ")" : "") : Owners.of(token);
    }

    private record Trail(List<Crumb> above, Crumb here) {
    }

    /**
     * The breadcrumbs to {@code folderId}: the folders the user came through ({@code trail}, ids separated by
     * commas), each named by Drive (with the caller's account, so a trail can only show the caller's folders).
     */
    private Uni<Trail> crumbs(String owner, String folderId, String trail) {
        List<String> ids = new ArrayList<>();
        if (trail != null && !trail.isBlank()) {
            for (String id : trail.split(",")) {
                if (id.matches("[A-Za-z0-9_-]{1,200}") && !id.equals("root") && ids.size() < MAX_TRAIL) {
                    ids.add(id.trim());
                }
            }
        }
        ids.remove(folderId);
        List<Uni<String>> names = new ArrayList<>();
        ids.forEach(id -> names.add(name(owner, id)));
        names.add(folderId.equals("root") ? Uni.createFrom().item("My Drive") : name(owner, folderId));
        return Uni.join().all(names).andFailFast().map(resolved -> {
            List<Crumb> above = new ArrayList<>();
            StringBuilder path = new StringBuilder();
            if (!folderId.equals("root")) {
                above.add(new Crumb("root", "My Drive", ""));
            }
            for (int i = 0; i < ids.size(); i++) {
                above.add(new Crumb(ids.get(i), resolved.get(i), path.toString()));
                path.append(path.length() == 0 ? "" : ",").append(ids.get(i));
            }
            return new Trail(above, new Crumb(folderId, resolved.get(resolved.size() - 1), path.toString()));
        });
    }

    private Uni<String> name(String owner, String id) {
        return Uni.createFrom().deferred(() -> drive.get(owner, id)).map(DriveItem::name).onFailure()
                .recoverWithItem("Shared drive or folder");
    }
}
