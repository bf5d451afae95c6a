package dev.vidferry.api.outbox;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

import dev.vidferry.model.event.EventEnvelope;
import dev.vidferry.platform.outbox.OutboxRow;
import dev.vidferry.platform.outbox.OutboxWriter;

/**
 * The platform {@link OutboxWriter}'s insert run on the current Panache session, so the outbox row commits or rolls
 * back with the entity changes it announces (call it inside {@code @WithTransaction}). The relay publishes it after
 * commit: key = job id.
 */
@ApplicationScoped
public class SessionOutbox {

    private final OutboxWriter writer;

    public SessionOutbox(OutboxWriter writer) {
        this.writer = writer;
    }

    public Uni<Void> add(String topic, EventEnvelope<?> envelope) {
        OutboxRow row = writer.row(topic, envelope);
        return Panache.getSession().chain(session -> insert(session, row.values())).replaceWithVoid();
    }

    private static Uni<Integer> insert(Mutiny.Session session, List<Object> values) {
        Mutiny.MutationQuery query = session.createNativeQuery(OutboxWriter.INSERT_NATIVE);
        for (int i = 0; i < values.size(); i++) {
            query.setParameter(i + 1, values.get(i));
        }
        return query.executeUpdate();
    }
}
