package dev.vidferry.api.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import dev.vidferry.api.account.GoogleAccountService;
import dev.vidferry.api.account.GoogleAccountService.StoredCredentials;
import dev.vidferry.api.common.ApiException;
import dev.vidferry.api.common.Problems;
import dev.vidferry.api.drive.DriveFileInfo;
import dev.vidferry.model.api.BulkCreateJobsRequest;
import dev.vidferry.model.api.BulkCreateJobsResponse;
import dev.vidferry.model.api.BulkItemResult;
import dev.vidferry.model.api.CreateJobRequest;
import dev.vidferry.model.metadata.Violation;

/** Creates several jobs at once: what the answer says was created is exactly what was committed. */
@ApplicationScoped
public class BulkJobService {

    private final JobService jobs;
    private final CreateJobValidator validator;
    private final GoogleAccountService accounts;
    private final JobMapper mapper;
    private final JobsConfig config;
    private final JobRepository repository;
    private final BulkJobWriter writer;

    /** Drive lookups of one bulk request in flight at once. */
    static final int LOOKUPS = 16;

    public BulkJobService(JobService jobs, CreateJobValidator validator, GoogleAccountService accounts,
            JobMapper mapper, JobsConfig config, JobRepository repository, BulkJobWriter writer) {
        this.repository = repository;
        this.writer = writer;
        this.jobs = jobs;
        this.validator = validator;
        this.accounts = accounts;
        this.mapper = mapper;
        this.config = config;
    }

    /**
     * Validates every item and looks the valid ones up in Drive ({@link #LOOKUPS} at a time) first, then writes all
     * accepted items in ONE transaction (bulk statements, {@link BulkJobWriter}): the answer lists every item's result, and exactly the items it reports created are committed.
     * A failure after validation (database, Google) fails the whole request and commits nothing.
     */
    public Uni<BulkCreateJobsResponse> createBulk(String ownerId, BulkCreateJobsRequest request, String path) {
        if (request == null || request.jobs() == null || request.jobs().isEmpty()) {
            return Uni.createFrom().failure(ApiException.invalidField("validation", "jobs", "required",
                    "jobs must list at least one job"));
        }
        if (request.jobs().size() > config.bulkMaxItems()) {
            return Uni.createFrom().failure(ApiException.invalidField("validation", "jobs", "tooManyItems",
                    "jobs must list at most " + config.bulkMaxItems() + " jobs"));
        }
        List<CreateJobRequest> items = request.jobs();
        BulkItemResult[] results = new BulkItemResult[items.size()];
        List<Integer> valid = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            CreateJobRequest item = items.get(index);
            List<Violation> violations = item == null
                    ? List.of(new Violation("", "required", "each job must be a JSON object"))
                    : validator.validate(item);
            if (violations.isEmpty()) {
                valid.add(index);
            } else {
                results[index] = refused(index, ApiException.validation(violations), path);
            }
        }
        if (valid.isEmpty()) {
            return Uni.createFrom().item(answer(results));
        }
        return Panache.withSession(() -> accounts.credentialsOf(ownerId))
                .chain(credentials -> lookUpAll(credentials, items, valid, results, path)
                        .chain(accepted -> notQueued(ownerId, credentials, accepted, results, path))
                        .chain(accepted -> accepted.isEmpty()
                                ? Uni.createFrom().item(List.<Created>of())
                                : writer.write(ownerId, credentials.accountId(), accepted))
                        .map(created -> {
                            for (Created job : created) {
                                results[job.index()] = job.job() != null
                                        ? new BulkItemResult(job.index(), 201, mapper.toView(job.job()), null)
                                        : refused(job.index(), ApiException.alreadyQueued("driveFileId", null),
                                                path);
                            }
                            return answer(results);
                        }));
    }

    /** A Drive file that passed every check, at its position in the bulk request. */
    record Accepted(int index, CreateJobRequest request, DriveFileInfo file) {
    }

    /** The job written for the item at {@code index}; null when a racing request queued its file first. */
    record Created(int index, UploadJob job) {
    }

    private static BulkCreateJobsResponse answer(BulkItemResult[] results) {
        int created = (int) Arrays.stream(results).filter(r -> r.job() != null).count();
        return new BulkCreateJobsResponse(created, results.length - created, List.of(results));
    }

    /**
     * Looks the valid items up in Drive concurrently, at most {@link #LOOKUPS} at a time, in request order in the
     * answer; 4xx refusals become item results, anything else fails all.
     */
    private Uni<List<Accepted>> lookUpAll(StoredCredentials credentials, List<CreateJobRequest> items,
            List<Integer> valid, BulkItemResult[] results, String path) {
        return Multi.createFrom().iterable(valid)
                .onItem().transformToUni(index -> jobs.acceptableFile(credentials, items.get(index).driveFileId())
                        .map(file -> Optional.of(new Accepted(index, items.get(index), file)))
                        .onFailure(e -> e instanceof ApiException api && api.status() < 500).recoverWithItem(e -> {
                            results[index] = refused(index, (ApiException) e, path);
                            return Optional.<Accepted>empty();
                        }))
                .merge(LOOKUPS)
                .filter(Optional::isPresent).map(Optional::get)
                .collect().asList()
                .map(list -> list.stream().sorted(Comparator.comparingInt(Accepted::index)).toList());
    }

    /**
     * The accepted items whose Drive file has no live job yet and is not an earlier item's: the others are refused
     * with 409 {@code already-queued} (V12 allows one live job per file, owner and account).
     */
    private Uni<List<Accepted>> notQueued(String ownerId, StoredCredentials credentials, List<Accepted> accepted,
            BulkItemResult[] results, String path) {
        if (accepted.isEmpty()) {
            return Uni.createFrom().item(accepted);
        }
        List<String> fileIds = accepted.stream().map(a -> a.file().id()).distinct().toList();
        return Panache.withSession(() -> repository.findLive(ownerId, credentials.accountId(), fileIds))
                .map(live -> {
                    Map<String, UUID> liveByFile = new HashMap<>();
                    live.forEach(job -> liveByFile.put(job.driveFileId, job.id));
                    Set<String> seen = new HashSet<>();
                    List<Accepted> out = new ArrayList<>();
                    for (Accepted item : accepted) {
                        String file = item.file().id();
                        if (liveByFile.containsKey(file) || !seen.add(file)) {
                            results[item.index()] = refused(item.index(),
                                    ApiException.alreadyQueued("driveFileId", liveByFile.get(file)), path);
                        } else {
                            out.add(item);
                        }
                    }
                    return out;
                });
    }

    private static BulkItemResult refused(int index, ApiException e, String path) {
        String prefix = "jobs[" + index + "]";
        ApiException item = e.errors().isEmpty()
                ? e
                : new ApiException(e.status(), e.type(), e.title(), e.getMessage(), e.errors().stream()
                        .map(v -> v.field().isEmpty() ? new Violation(prefix, v.code(), v.message()) : v.under(prefix))
                        .toList());
        return new BulkItemResult(index, e.status(), null, Problems.of(item, path));
    }
}
