package dev.vidferry.api.job;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
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

    public BulkJobService(JobService jobs, CreateJobValidator validator, GoogleAccountService accounts,
            JobMapper mapper, JobsConfig config) {
        this.jobs = jobs;
        this.validator = validator;
        this.accounts = accounts;
        this.mapper = mapper;
        this.config = config;
    }

    /**
     * Validates every item and looks each valid one up in Drive first, then writes all accepted items in ONE
     * transaction: the answer lists every item's result, and exactly the items it reports created are committed.
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
                        .chain(accepted -> accepted.isEmpty()
                                ? Uni.createFrom().item(List.<Created>of())
                                : Panache.withTransaction(() -> insertAll(ownerId, credentials, accepted)))
                        .map(created -> {
                            for (Created job : created) {
                                results[job.index()] = new BulkItemResult(job.index(), 201, mapper.toView(job.job()),
                                        null);
                            }
                            return answer(results);
                        }));
    }

    /** A Drive file that passed every check, at its position in the bulk request. */
    private record Accepted(int index, CreateJobRequest request, DriveFileInfo file) {
    }

    /** A job written for the item at {@code index}. */
    private record Created(int index, UploadJob job) {
    }

    private static BulkCreateJobsResponse answer(BulkItemResult[] results) {
        int created = (int) Arrays.stream(results).filter(r -> r.job() != null).count();
        return new BulkCreateJobsResponse(created, results.length - created, List.of(results));
    }

    /** Looks the valid items up one after the other; 4xx refusals become item results, anything else fails all. */
    private Uni<List<Accepted>> lookUpAll(StoredCredentials credentials, List<CreateJobRequest> items,
            List<Integer> valid, BulkItemResult[] results, String path) {
        Uni<List<Accepted>> chain = Uni.createFrom().item(new ArrayList<>());
        for (int index : valid) {
            CreateJobRequest item = items.get(index);
            chain = chain.chain(accepted -> jobs.acceptableFile(credentials, item.driveFileId())
                    .map(file -> {
                        accepted.add(new Accepted(index, item, file));
                        return accepted;
                    })
                    .onFailure(e -> e instanceof ApiException api && api.status() < 500).recoverWithItem(e -> {
                        results[index] = refused(index, (ApiException) e, path);
                        return accepted;
                    }));
        }
        return chain;
    }

    /** Inserts one after the other in the caller's transaction (a reactive session runs one statement at a time). */
    private Uni<List<Created>> insertAll(String ownerId, StoredCredentials credentials, List<Accepted> accepted) {
        Uni<List<Created>> chain = Uni.createFrom().item(new ArrayList<>());
        for (Accepted item : accepted) {
            chain = chain.chain(created -> jobs.insert(ownerId, credentials, item.request(), item.file()).map(job -> {
                created.add(new Created(item.index(), job));
                return created;
            }));
        }
        return chain;
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
