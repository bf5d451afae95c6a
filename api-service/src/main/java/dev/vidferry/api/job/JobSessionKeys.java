package dev.vidferry.api.job;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.vidferry.platform.crypto.Reencrypted;
import dev.vidferry.platform.crypto.TokenCipher;
import dev.vidferry.platform.crypto.TokenColumns;
import dev.vidferry.platform.job.JobSessionSeals;

/**
 * Re-seals the upload session URLs stored in {@code upload_job} with the active key (and seals any still stored in
 * clear), in batches of locked rows, one transaction each; the SQL is platform's {@link JobSessionSeals}.
 */
@ApplicationScoped
public class JobSessionKeys {

    static final int BATCH = 100;
    private static final UUID FIRST = new UUID(0, 0);

    private final JobRepository jobs;
    private final TokenCipher cipher;

    public JobSessionKeys(JobRepository jobs, TokenCipher cipher) {
        this.jobs = jobs;
        this.cipher = cipher;
    }

    private record Progress(UUID after, Reencrypted count, boolean done) {
    }

    public Uni<Reencrypted> reencryptAll() {
        return from(new Progress(FIRST, Reencrypted.NONE, false)).map(Progress::count);
    }

    private Uni<Progress> from(Progress progress) {
        return Panache.withTransaction(() -> batch(progress))
                .chain(next -> next.done() ? Uni.createFrom().item(next) : from(next));
    }

    private Uni<Progress> batch(Progress from) {
        return jobs.rows(JobSessionSeals.holdingASessionAfter(from.after(), BATCH)).chain(rows -> {
            Uni<Reencrypted> count = Uni.createFrom().item(from.count());
            for (Object[] row : rows) {
                UUID id = (UUID) row[0];
                TokenCipher.Binding binding = TokenColumns.uploadSession((String) row[1], id);
                String stored = (String) row[2];
                if (cipher.isCurrentText(stored, binding)) {
                    count = count.map(c -> c.plus(false));
                    continue;
                }
                String resealed = cipher.sealText(cipher.openText(stored, binding), binding);
                count = count.chain(c -> jobs.execute(JobSessionSeals.reseal(id, stored, resealed))
                        .map(changed -> changed > 0 ? c.plus(true) : c));
            }
            UUID last = rows.isEmpty() ? from.after() : (UUID) rows.get(rows.size() - 1)[0];
            boolean done = rows.size() < BATCH;
            return count.map(c -> new Progress(last, c, done));
        });
    }
}
