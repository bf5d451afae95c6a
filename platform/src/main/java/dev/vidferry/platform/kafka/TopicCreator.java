package dev.vidferry.platform.kafka;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

import dev.vidferry.model.event.Topics;

/**
 * Creates topics idempotently with plain AdminClient calls: existing topics are kept, and grown when they have fewer
 * partitions than asked for. No CDI, so the test resources use it too.
 */
public final class TopicCreator {

    private TopicCreator() {
    }

    /**
     * Makes sure every topic exists with at least its partition count.
     *
     * @return the names of the topics that were created or grown
     */
    public static List<String> ensure(Admin admin, Collection<Topics.Spec> topics, long timeoutMillis)
            throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(timeoutMillis, TimeUnit.MILLISECONDS);
        List<NewTopic> missing = new ArrayList<>();
        List<String> present = new ArrayList<>();
        Map<String, Integer> wanted = new HashMap<>();
        for (Topics.Spec topic : topics) {
            wanted.put(topic.name(), topic.partitions());
            if (existing.contains(topic.name())) {
                present.add(topic.name());
            } else {
                missing.add(new NewTopic(topic.name(), Optional.of(topic.partitions()), Optional.empty()));
            }
        }
        List<String> changed = new ArrayList<>();
        if (!missing.isEmpty()) {
            var result = admin.createTopics(missing);
            for (var entry : result.values().entrySet()) {
                try {
                    entry.getValue().get(timeoutMillis, TimeUnit.MILLISECONDS);
                    changed.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                        throw e;
                    }
                }
            }
        }
        if (!present.isEmpty()) {
            Map<String, TopicDescription> descriptions = admin.describeTopics(present).allTopicNames()
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
            Map<String, NewPartitions> grow = new HashMap<>();
            descriptions.forEach((name, description) -> {
                int want = wanted.get(name);
                if (description.partitions().size() < want) {
                    grow.put(name, NewPartitions.increaseTo(want));
                }
            });
            if (!grow.isEmpty()) {
                admin.createPartitions(grow).all().get(timeoutMillis, TimeUnit.MILLISECONDS);
                changed.addAll(grow.keySet());
            }
        }
        return changed;
    }
}
