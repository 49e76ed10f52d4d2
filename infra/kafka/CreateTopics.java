import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Used by ./smartlink (single-file source launch, classpath = the broker jars):
 * waits until the broker answers, then creates the missing topics, idempotently.
 *
 * <pre>java -cp '.smartlink/kafka/libs/*' infra/kafka/CreateTopics.java BOOTSTRAP TIMEOUT_S topic:partitions ...</pre>
 *
 * Exit status 0 when every topic exists afterwards; 1 otherwise.
 */
public class CreateTopics {

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: CreateTopics <bootstrap> <timeout-seconds> [topic[:partitions]]...");
            System.exit(2);
        }
        String bootstrap = args[0];
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[1]));

        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "smartlink-runner");

        try (Admin admin = Admin.create(props)) {
            Set<String> existing = null;
            Exception last = null;
            while (existing == null && System.nanoTime() < deadline) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    existing = admin.listTopics().names().get(5, TimeUnit.SECONDS);
                } catch (Exception e) {
                    last = e;
                    Thread.sleep(500);
                }
            }
            if (existing == null) {
                System.err.println("Kafka at " + bootstrap + " did not answer: " + last);
                System.exit(1);
            }

            List<NewTopic> missing = new ArrayList<>();
            for (int i = 2; i < args.length; i++) {
                String[] spec = args[i].split(":", 2);
                int partitions = spec.length > 1 ? Integer.parseInt(spec[1]) : 1;
                if (!existing.contains(spec[0])) {
                    missing.add(new NewTopic(spec[0], partitions, (short) 1));
                }
            }
            if (missing.isEmpty()) {
                System.out.println("all " + (args.length - 2) + " topics exist");
                return;
            }
            int failures = 0;
            var results = new java.util.TreeMap<>(admin.createTopics(missing).values());
            for (var entry : results.entrySet()) {
                try {
                    entry.getValue().get(30, TimeUnit.SECONDS);
                    System.out.println("created topic " + entry.getKey());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof TopicExistsException) {
                        System.out.println("topic " + entry.getKey() + " exists");
                    } else {
                        System.err.println("could not create topic " + entry.getKey() + ": " + e.getCause());
                        failures++;
                    }
                }
            }
            if (failures > 0) {
                System.exit(1);
            }
        }
    }
}
