package com.certtrack.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.certtrack.testsupport.QuarkusProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The README's architecture diagram against the code: the topics each service consumes (its channels), the topics it
 * publishes to (the topic constants its code names) and the event types on each arrow (records in contracts).
 */
class ArchitectureDiagramTest {

    private static final Pattern NODE = Pattern.compile("(\\w+)\\[([a-z-]+) :\\d+]");
    private static final Pattern EDGE = Pattern.compile("^\\s*(\\w+)(?:\\[[^]]*])? -- \"?(.+?)\"? --> (\\w+)");
    private static final Pattern TOPIC = Pattern.compile("[a-z-]+\\.v1");
    private static final Pattern EVENT_TYPE = Pattern.compile("\\b[A-Z][a-z]+[A-Z][A-Za-z]+\\b");
    private static final Pattern CHANNEL_TOPIC =
            Pattern.compile("^mp\\.messaging\\.incoming\\.[\\w-]+\\.topic=(.+)$", Pattern.MULTILINE);
    private static final Pattern TOPIC_CONSTANT = Pattern.compile("public static final String (\\w+) = \"([^\"]+)\"");
    private static final Set<String> SERVICES =
            Set.of("order-service", "ca-gateway", "tracking-service", "notification-service", "eab-service");

    private final Path root = QuarkusProcess.repositoryRoot();

    @Test
    void everyArrowOfTheDiagramIsInTheCodeAndEveryConsumedTopicHasAnArrow() throws IOException {
        String diagram = diagram();
        Map<String, String> services = new HashMap<>();
        Matcher node = NODE.matcher(diagram);
        while (node.find()) {
            services.put(node.group(1), node.group(2));
        }
        assertEquals(SERVICES, Set.copyOf(services.values()), "one node per service");

        Map<String, Set<String>> consumed = new HashMap<>();
        Map<String, Set<String>> published = new HashMap<>();
        for (String line : diagram.lines().toList()) {
            Matcher edge = EDGE.matcher(line);
            if (!edge.find()) {
                continue;
            }
            String from = edge.group(1);
            String label = edge.group(2);
            String to = edge.group(3);
            if (from.equals("K") && services.containsKey(to)) {
                consumed.computeIfAbsent(services.get(to), s -> new TreeSet<>()).addAll(topics(label));
            } else if (to.equals("K") && services.containsKey(from)) {
                published
                        .computeIfAbsent(services.get(from), s -> new TreeSet<>())
                        .addAll(topics(label));
                Matcher type = EVENT_TYPE.matcher(label);
                while (type.find()) {
                    assertTrue(
                            Files.exists(contracts().resolve(type.group() + ".java")),
                            "the diagram names " + type.group() + ", which contracts does not define");
                }
            }
        }

        for (String service : SERVICES) {
            assertEquals(
                    channelTopics(service),
                    consumed.getOrDefault(service, Set.of()),
                    "topics " + service + " consumes (its channels) against the diagram's arrows into it");
            Set<String> named = topicsNamedIn(service);
            for (String topic : published.getOrDefault(service, Set.of())) {
                assertTrue(named.contains(topic), service + " publishes to " + topic + " in the diagram only");
            }
        }
        assertFalse(published.isEmpty(), "the diagram has arrows into Kafka");
    }

    private String diagram() throws IOException {
        String readme = Files.readString(root.resolve("README.md"));
        int start = readme.indexOf("```mermaid");
        assertTrue(start >= 0, "README.md has a mermaid diagram");
        return readme.substring(start, readme.indexOf("```", start + 3));
    }

    private static Set<String> topics(String label) {
        Set<String> topics = new TreeSet<>();
        Matcher topic = TOPIC.matcher(label);
        while (topic.find()) {
            topics.add(topic.group());
        }
        return topics;
    }

    private Set<String> channelTopics(String service) throws IOException {
        String properties =
                Files.readString(root.resolve(service).resolve("src/main/resources/application.properties"));
        Set<String> topics = new TreeSet<>();
        Matcher channel = CHANNEL_TOPIC.matcher(properties);
        while (channel.find()) {
            topics.add(channel.group(1).trim());
        }
        return topics;
    }

    /** Topic names the service's code refers to through the contracts' constants. */
    private Set<String> topicsNamedIn(String service) throws IOException {
        Map<String, String> constants = new HashMap<>();
        Matcher constant = TOPIC_CONSTANT.matcher(Files.readString(contracts().resolve("Topics.java")));
        while (constant.find()) {
            constants.put(constant.group(1), constant.group(2));
        }
        Set<String> named = new TreeSet<>();
        try (Stream<Path> sources = Files.walk(root.resolve(service).resolve("src/main/java"))) {
            for (Path source :
                    sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                String code = Files.readString(source);
                constants.forEach((name, topic) -> {
                    if (code.contains("Topics." + name)) {
                        named.add(topic);
                    }
                });
            }
        }
        return named;
    }

    private Path contracts() {
        return root.resolve("contracts/src/main/java/com/certtrack/contracts");
    }
}
