package com.certtrack.infra.servers;

import com.certtrack.contracts.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates every CertTrack topic and its {@code .dlq} twin on a broker, waiting for the broker to answer. */
public final class KafkaTopics {

    private KafkaTopics() {}

    /**
     * @param stillWorthWaiting called between attempts; throws to give up early (e.g. the broker process died)
     */
    public static void ensureAll(
            String bootstrapServers, int partitions, Duration timeout, Runnable stillWorthWaiting) {
        // Kafka instantiates its plugins (e.g. JmxReporter) through the context class loader; inside a Quarkus
        // test that is another loader than the one that loaded Admin, which makes the cast fail.
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(Admin.class.getClassLoader());
        try {
            ensureAllWithLoader(bootstrapServers, partitions, timeout, stillWorthWaiting);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static void ensureAllWithLoader(
            String bootstrapServers, int partitions, Duration timeout, Runnable stillWorthWaiting) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                stillWorthWaiting.run();
                try {
                    createMissing(admin, partitions);
                    return;
                } catch (ExecutionException | org.apache.kafka.common.errors.TimeoutException e) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException(
                                "Kafka at " + bootstrapServers + " not ready after " + timeout, e);
                    }
                    Thread.sleep(250);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        }
    }

    public static List<String> allTopicNames() {
        return Topics.ALL.stream()
                .flatMap(topic -> Stream.of(topic, Topics.deadLetter(topic)))
                .toList();
    }

    private static void createMissing(Admin admin, int partitions) throws ExecutionException, InterruptedException {
        Set<String> existing = admin.listTopics().names().get();
        List<NewTopic> missing = allTopicNames().stream()
                .filter(topic -> !existing.contains(topic))
                .map(topic -> new NewTopic(topic, partitions, (short) 1))
                .toList();
        if (missing.isEmpty()) {
            return;
        }
        try {
            admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
