package com.smartlinkauto.e2e.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code platform.layout} at the repository root, read the way {@code ./smartlink} reads it
 * ({@code scripts/smartlink/layout.sh}; {@link PlatformLayoutTest} holds the two readings side by side),
 * with the same refusals. The file's header documents the format.
 *
 * @param services  in file order
 * @param databases in file order
 * @param topics    in file order
 */
record PlatformLayout(List<Service> services, List<String> databases, List<Topic> topics) {

    static final String FILE = "platform.layout";

    /** The columns of each section, in order. */
    static final Map<String, List<String>> COLUMNS = Map.of(
            "services", List.of("name", "port", "mgmt", "heap", "jit", "start", "instances", "needs"),
            "databases", List.of("name"),
            "topics", List.of("name", "partitions"));

    /** The Redis servers a service may need (scripts/smartlink/infra.sh, REDISES), with their password keys. */
    static final Map<String, String> REDIS_PASSWORD_KEYS = Map.of("redis", "REDIS_PASSWORD",
            "redis-cache", "REDIS_CACHE_PASSWORD");

    /** Ports of the runner's infrastructure (PostgreSQL, the Redis servers, Kafka and its controller). */
    static final Map<Integer, String> INFRA_PORTS = Map.of(5432, "PostgreSQL", 6379, "redis", 6380, "redis-cache",
            9092, "Kafka", 9093, "Kafka's controller");

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*[a-z0-9]");
    private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
    private static final Pattern INSTANCES = Pattern.compile("([a-z][a-z0-9-]*[a-z0-9]):(0|[1-9][0-9]?)(?::([^:]+))?");
    /** Instances per scalable service at most (the runner's MAX_INSTANCES). */
    static final int MAX_INSTANCES = 99;
    private static final Pattern DB_NEED = Pattern.compile("db=([a-z][a-z0-9_]*)");

    /**
     * One row of [services].
     *
     * @param name           the module, its jar and its Eureka application
     * @param port           its HTTP port (locally: instance 1 of a scalable service; see {@link #instancePort})
     * @param managementPort the actuator's own port, or null when the actuator is on {@code port}
     * @param instancePrefix a scalable service's instance prefix (also its compose service and k8s workload), or null
     * @param instances      how many instances {@code ./smartlink up} runs by default (1 unless scalable)
     * @param instanceBase   a scalable service's port of its instance 2 when not {@code port + 1}, or null
     * @param needs          as written ({@code db=<database>}, a Redis server, {@code kafka}); empty for "-"
     */
    record Service(String name, int port, Integer managementPort, String heap, String jit, int start,
            String instancePrefix, int instances, Integer instanceBase, List<String> needs) {

        boolean scalable() {
            return instancePrefix != null;
        }

        /** Where the local runner's instance i (1-based) listens: port + i - 1, or with a base port, then base + i - 2. */
        int instancePort(int i) {
            return instanceBase != null && i >= 2 ? instanceBase + i - 2 : port + i - 1;
        }

        /** The name of its docker-compose service and of its k8s workload and Service. */
        String deployName() {
            return scalable() ? instancePrefix : name;
        }

        /** Where its health and Prometheus endpoints answer. */
        int actuatorPort() {
            return managementPort != null ? managementPort : port;
        }

        Optional<String> database() {
            return needs.stream().map(DB_NEED::matcher).filter(Matcher::matches).map(m -> m.group(1)).findFirst();
        }

        Optional<String> redis() {
            return needs.stream().filter(REDIS_PASSWORD_KEYS::containsKey).findFirst();
        }

        boolean kafka() {
            return needs.contains("kafka");
        }

        /** Whether it holds a service credential (SERVICE_SECRET_NAME): everything but the registry. */
        boolean serviceClient() {
            return !name.equals("discovery-service");
        }
    }

    record Topic(String name, int partitions) {
    }

    static PlatformLayout read(Path repoRoot) throws IOException {
        return parse(Files.readAllLines(repoRoot.resolve(FILE)), FILE);
    }

    /** The repository root: the first directory upwards from the working directory that has the layout file. */
    static Path repoRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve(FILE))) {
                return d;
            }
        }
        throw new IllegalStateException("no " + FILE + " above " + dir);
    }

    /** Parses and checks a layout; an {@link IllegalArgumentException} says what is wrong, and where. */
    static PlatformLayout parse(List<String> lines, String source) {
        Map<String, Service> services = new LinkedHashMap<>();
        List<String> databases = new ArrayList<>();
        Map<String, Topic> topics = new LinkedHashMap<>();
        Set<String> seen = new LinkedHashSet<>();
        String section = null;
        boolean header = false;
        for (int i = 0; i < lines.size(); i++) {
            int at = i + 1;
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String[] fields = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
            if (fields.length == 1 && fields[0].isEmpty()) {
                continue;
            }
            if (fields[0].startsWith("[")) {
                String name = fields.length == 1 && fields[0].matches("\\[[a-z]+]")
                        ? fields[0].substring(1, fields[0].length() - 1) : null;
                check(name != null && COLUMNS.containsKey(name), source, at, "unknown section " + String.join(" ", fields));
                check(seen.add(name), source, at, "section [" + name + "] twice");
                section = name;
                header = false;
                continue;
            }
            check(section != null, source, at, "a row before the first section");
            List<String> columns = COLUMNS.get(section);
            if (!header) {
                check(List.of(fields).equals(columns), source, at, "the columns of [" + section + "] are: "
                        + String.join(" ", columns) + " (this line: " + String.join(" ", fields) + ")");
                header = true;
                continue;
            }
            check(fields.length == columns.size(), source, at, "a row of [" + section + "] has " + columns.size()
                    + " columns, this one " + fields.length);
            switch (section) {
                case "services" -> {
                    Service s = service(fields, source, at);
                    check(services.putIfAbsent(s.name(), s) == null, source, at, "service " + s.name() + " twice");
                }
                case "databases" -> {
                    check(fields[0].matches("[a-z][a-z0-9_]*"), source, at, "database name '" + fields[0] + "'");
                    check(!databases.contains(fields[0]), source, at, "database " + fields[0] + " twice");
                    databases.add(fields[0]);
                }
                default -> {
                    check(fields[0].matches("[a-z][a-z0-9.-]*[a-z0-9]") && !fields[0].endsWith(".DLT"), source, at,
                            "topic name '" + fields[0] + "'");
                    check(fields[1].matches("[1-9][0-9]{0,2}"), source, at, "partitions '" + fields[1] + "'");
                    check(topics.putIfAbsent(fields[0], new Topic(fields[0], Integer.parseInt(fields[1]))) == null,
                            source, at, "topic " + fields[0] + " twice");
                }
            }
        }
        for (String s : COLUMNS.keySet()) {
            check(seen.contains(s), source, 0, "no [" + s + "] section");
        }
        check(!services.isEmpty(), source, 0, "no service");
        Set<String> prefixes = new TreeSet<>();
        for (Service s : services.values()) {
            s.database().ifPresent(db -> check(databases.contains(db), source, 0,
                    s.name() + " needs database " + db + ", which is not in [databases]"));
            if (s.scalable()) {
                check(prefixes.add(s.instancePrefix()) && (s.instancePrefix().equals(s.name())
                        || !services.containsKey(s.instancePrefix())), source, 0,
                        "the instance prefix " + s.instancePrefix() + " of " + s.name() + " is another service's name or prefix");
            }
        }
        checkPorts(services.values(), source);
        return new PlatformLayout(List.copyOf(services.values()), List.copyOf(databases), List.copyOf(topics.values()));
    }

    private static Service service(String[] f, String source, int at) {
        String name = f[0];
        check(NAME.matcher(name).matches(), source, at, "service name '" + name + "'");
        int port = port(f[1], "port", source, at);
        Integer mgmt = f[2].equals("-") ? null : port(f[2], "mgmt", source, at);
        check(f[3].matches("[1-9][0-9]*[kmg]"), source, at, "heap '" + f[3] + "' of " + name);
        check(f[4].equals("c1") || f[4].equals("full"), source, at, "jit '" + f[4] + "' of " + name);
        check(f[5].matches("[1-9][0-9]?"), source, at, "start '" + f[5] + "' of " + name);
        String prefix = null;
        int instances = 1;
        Integer base = null;
        if (!f[6].equals("-")) {
            Matcher m = INSTANCES.matcher(f[6]);
            check(m.matches(), source, at, "instances '" + f[6] + "' of " + name);
            prefix = m.group(1);
            instances = Integer.parseInt(m.group(2));
            check(mgmt == null, source, at, name + " scales: its instances keep the actuator on their own port (mgmt -)");
            if (m.group(3) != null) {
                base = port(m.group(3), "instance base", source, at);
                check(port < base || port > base + MAX_INSTANCES - 2, source, at, "instances '" + f[6] + "' of " + name
                        + ": its extra instances would include its port " + port);
            }
        }
        List<String> needs = List.of();
        if (!f[7].equals("-")) {
            needs = List.of(f[7].split(",", -1));
            check(needs.stream().noneMatch(String::isEmpty), source, at, "needs '" + f[7] + "' of " + name + ": an empty item");
            check(Set.copyOf(needs).size() == needs.size(), source, at, "needs of " + name + ": an item twice");
            for (String need : needs) {
                check(DB_NEED.matcher(need).matches() || REDIS_PASSWORD_KEYS.containsKey(need) || need.equals("kafka"),
                        source, at, "needs of " + name + ": unknown '" + need + "'");
            }
            check(needs.stream().filter(n -> DB_NEED.matcher(n).matches()).count() <= 1, source, at,
                    "needs of " + name + ": one database at most");
            check(needs.stream().filter(REDIS_PASSWORD_KEYS::containsKey).count() <= 1, source, at,
                    "needs of " + name + ": one Redis server at most");
        }
        return new Service(name, port, mgmt, f[3], f[4], Integer.parseInt(f[5]), prefix, instances, base, needs);
    }

    private static int port(String value, String column, String source, int at) {
        check(PORT.matcher(value).matches() && Integer.parseInt(value) <= 65535, source, at,
                column + " '" + value + "' is no TCP port");
        return Integer.parseInt(value);
    }

    /** Every port the layout claims (a scalable service: its default instances) is one service's and no infrastructure's. */
    private static void checkPorts(Iterable<Service> services, String source) {
        Map<Integer, String> owner = new LinkedHashMap<>(INFRA_PORTS);
        for (Service s : services) {
            Map<Integer, String> claims = new LinkedHashMap<>();
            if (s.scalable()) {
                for (int i = 1; i <= s.instances(); i++) {
                    claims.merge(s.instancePort(i), s.instancePrefix() + "-" + i, (a, b) -> a + " and " + b);
                }
            } else {
                claims.put(s.port(), s.name());
            }
            if (s.managementPort() != null) {
                claims.merge(s.managementPort(), s.name() + " (management)", (a, b) -> a + " and " + b);
            }
            claims.forEach((port, what) -> {
                check(port <= 65535, source, 0, what + " would listen on " + port + ", no TCP port");
                String before = owner.putIfAbsent(port, what);
                check(before == null && !what.contains(" and "), source, 0, "port " + port + " is claimed twice ("
                        + (before == null ? what : before + " and " + what) + ")");
            });
        }
    }

    private static void check(boolean ok, String source, int line, String message) {
        if (!ok) {
            throw new IllegalArgumentException(source + (line > 0 ? " line " + line : "") + ": " + message);
        }
    }

    Service service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name + " in " + FILE));
    }

    /** The services of start phases before {@code service}'s. */
    List<Service> earlierPhases(Service service) {
        return services.stream().filter(s -> s.start() < service.start()).collect(Collectors.toList());
    }

    List<Service> serviceClients() {
        return services.stream().filter(Service::serviceClient).collect(Collectors.toList());
    }

    /** The password key of a database (DATABASE_DB_PASSWORD). */
    static String databasePasswordKey(String database) {
        return database.toUpperCase() + "_DB_PASSWORD";
    }

    /** The credential key of a service (SERVICE_SECRET_NAME). */
    static String serviceSecretKey(String service) {
        return "SERVICE_SECRET_" + service.toUpperCase().replace('-', '_');
    }

    /** The layout in the format of {@code layout_dump} (scripts/smartlink/layout.sh). */
    List<String> dump() {
        List<String> out = new ArrayList<>();
        for (Service s : services) {
            out.add(String.join(" ", "service", s.name(), String.valueOf(s.port()),
                    Objects.toString(s.managementPort(), "-"), s.heap(), s.jit(), String.valueOf(s.start()),
                    Objects.toString(s.instancePrefix(), "-"), String.valueOf(s.instances()),
                    Objects.toString(s.instanceBase(), "-"),
                    s.needs().isEmpty() ? "-" : String.join(",", s.needs())));
        }
        databases.forEach(d -> out.add("database " + d));
        topics.forEach(t -> out.add("topic " + t.name() + " " + t.partitions()));
        return out;
    }
}
