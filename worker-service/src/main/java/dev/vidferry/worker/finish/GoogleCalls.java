package dev.vidferry.worker.finish;

import java.io.IOException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;

import io.quarkus.logging.Log;

import dev.vidferry.model.quota.QuotaDecision;
import dev.vidferry.platform.google.GoogleConfig;
import dev.vidferry.platform.quota.QuotaLedger;
import dev.vidferry.worker.google.GoogleErrors;

/**
 * How the after-upload steps call YouTube: each call booked in the quota ledger with its real cost (a reservation
 * for the costly writes, denied = the step fails with a warning, not the job), transient answers (5xx, 429,
 * {@code videoNotFound} right after an upload) retried a few times with back-off, and Google's refusals turned into
 * a {@link StepFailure} a person can act on.
 */
@ApplicationScoped
public class GoogleCalls {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    static final int ATTEMPTS = 4;

    /** A blocking Google call. */
    @FunctionalInterface
    public interface Call<T> {

        T execute() throws IOException;
    }

    private final QuotaLedger quota;
    private final String projectId;
    private final Duration backoff;

    @Inject
    public GoogleCalls(QuotaLedger quota, GoogleConfig google) {
        this(quota, google.projectId(), Duration.ofSeconds(1));
    }

    GoogleCalls(QuotaLedger quota, String projectId, Duration backoff) {
        this.quota = quota;
        this.projectId = projectId;
        this.backoff = backoff;
    }

    /** A cheap read (1 unit): booked without a reservation, it always counts. */
    public <T> T read(String method, Call<T> call) throws StepFailure {
        return retried(method, () -> {
            record(method);
            return call.execute();
        });
    }

    /** A costly write: reserved first; a denied reservation is a {@link StepFailure} (the quota of today is used up). */
    public <T> T write(String method, Call<T> call) throws StepFailure {
        return retried(method, () -> {
            QuotaDecision decision = quota.reserve(projectId, method).await().atMost(DB_TIMEOUT);
            if (!decision.granted()) {
                throw new QuotaDenied(decision);
            }
            return call.execute();
        });
    }

    private <T> T retried(String method, Call<T> call) throws StepFailure {
        for (int attempt = 1;; attempt++) {
            try {
                return call.execute();
            } catch (QuotaDenied e) {
                throw new StepFailure("the YouTube quota of today is used up (" + method + " needs "
                        + e.decision.units() + " units; resets " + e.decision.resetsAt() + ")");
            } catch (IOException e) {
                if (!isTransient(e) || attempt >= ATTEMPTS) {
                    throw new StepFailure(explain(method, e), e);
                }
                Log.infof("%s answered %s; trying again (%d of %d)", method, e.getMessage(), attempt, ATTEMPTS);
                sleep(backoff.multipliedBy(1L << (attempt - 1)));
            }
        }
    }

    /** Whether trying the same call again may succeed. */
    static boolean isTransient(IOException e) {
        if (!(e instanceof GoogleJsonResponseException google)) {
            return true; // connection reset, timeout
        }
        int status = google.getStatusCode();
        String reason = GoogleErrors.reason(google.getDetails());
        return status >= 500 || status == 429 || "rateLimitExceeded".equals(reason)
                || "userRateLimitExceeded".equals(reason) || "videoNotFound".equals(reason);
    }

    /** A line for the warning: the missing scope, or Google's reason and message. */
    static String explain(String method, IOException e) {
        if (GoogleErrors.insufficientPermissions(e)) {
            return method + " needs the youtube.force-ssl scope, which the Google authorization lacks: reconnect "
                    + "Google granting the after-upload permissions";
        }
        if (e instanceof GoogleJsonResponseException google && google.getDetails() != null) {
            return method + " was refused (" + google.getStatusCode() + " " + GoogleErrors.reason(google.getDetails())
                    + "): " + google.getDetails().getMessage();
        }
        return method + " failed: " + e;
    }

    private void record(String method) {
        try {
            quota.record(projectId, method).await().atMost(DB_TIMEOUT);
        } catch (RuntimeException e) {
            Log.warnf("could not record a %s call in the quota ledger: %s", method, e.toString());
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static final class QuotaDenied extends IOException {

        final transient QuotaDecision decision;

        QuotaDenied(QuotaDecision decision) {
            super("quota denied");
            this.decision = decision;
        }
    }
}
