package com.smartlinkauto.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The layout file's reader: the Java one (what {@link LayoutConsistencyTest} and {@link K8sManifestsTest} compare
 * the deploy files with) and the runner's (scripts/smartlink/layout.sh, through {@code layout_dump}) read the same
 * facts from the same file, and both refuse a layout the runner could not run.
 */
class PlatformLayoutTest {

    private static Path root;
    private static List<String> lines;

    @TempDir
    Path tmp;

    @BeforeAll
    static void read() throws IOException {
        root = PlatformLayout.repoRoot();
        lines = Files.readAllLines(root.resolve(PlatformLayout.FILE));
    }

    @Test
    void theRepositorysLayoutReadsTheSameInJavaAndInTheRunner() throws IOException {
        PlatformLayout layout = PlatformLayout.read(root);
        assertThat(layout.services()).extracting(PlatformLayout.Service::name)
                .startsWith("discovery-service", "config-service").contains("gateway-service", "user-service");
        assertThat(layout.service("storage-node-service").deployName()).isEqualTo("storage-node");
        assertThat(runnerDump(root.resolve(PlatformLayout.FILE)).lines()).containsExactlyElementsOf(layout.dump());
    }

    /**
     * A service is one row: payment-service (8084, next to booking-service, whose extra instances start at 18084 so
     * that they never take it), and so would be the next one.
     */
    @Test
    void aNewServiceIsOneRow() throws IOException {
        PlatformLayout repository = PlatformLayout.read(root);
        PlatformLayout.Service payment = repository.service("payment-service");
        assertThat(payment.port()).isEqualTo(8084);
        assertThat(payment.scalable()).isFalse();
        assertThat(payment.database()).contains("payments");
        assertThat(payment.redis()).isEmpty();
        assertThat(payment.kafka()).isTrue();
        assertThat(repository.earlierPhases(payment)).extracting(PlatformLayout.Service::name)
                .containsExactly("discovery-service", "config-service");

        Path file = write(edit(l -> l.startsWith("payment-service ")
                ? l + "\nreview-service  8086  -  192m  c1  3  -  kafka"
                : l));
        PlatformLayout layout = PlatformLayout.parse(Files.readAllLines(file), file.toString());
        PlatformLayout.Service review = layout.service("review-service");
        assertThat(review.scalable()).isFalse();
        assertThat(review.database()).isEmpty();
        assertThat(review.kafka()).isTrue();
        assertThat(layout.earlierPhases(review)).extracting(PlatformLayout.Service::name)
                .containsExactly("discovery-service", "config-service");
        assertThat(runnerDump(file).lines()).containsExactlyElementsOf(layout.dump());
    }

    /**
     * booking-service scales with a base for its extra instances (booking-service:2:18084): instance 1 on its
     * documented port 8083, instance i >= 2 on 18084 + i - 2, so that instance 2 never takes 8084 (payment-service's);
     * storage nodes keep port + i - 1. The runner computes the same ports as the Java reading.
     */
    @Test
    void scalableServicesListenWhereTheLayoutSaysInBothReadings() throws IOException {
        PlatformLayout layout = PlatformLayout.read(root);
        PlatformLayout.Service booking = layout.service("booking-service");
        assertThat(booking.scalable()).isTrue();
        assertThat(booking.deployName()).isEqualTo("booking-service");
        assertThat(booking.instances()).isEqualTo(2);
        assertThat(booking.instanceBase()).isEqualTo(18084);
        assertThat(booking.database()).contains("bookings");
        assertThat(booking.redis()).contains("redis");
        assertThat(booking.kafka()).isTrue();
        assertThat(List.of(booking.instancePort(1), booking.instancePort(2), booking.instancePort(3)))
                .containsExactly(8083, 18084, 18085);
        PlatformLayout.Service nodes = layout.service("storage-node-service");
        assertThat(nodes.instanceBase()).isNull();
        assertThat(List.of(nodes.instancePort(1), nodes.instancePort(2), nodes.instancePort(3)))
                .containsExactly(9101, 9102, 9103);

        CommandRun ports = CommandRun.run(Duration.ofSeconds(60), Map.of(), "bash", "-c",
                "source \"$1\" && for n in booking-service-1 booking-service-2 booking-service-3 storage-node-1 "
                        + "storage-node-2 storage-node-3; do instance \"$n\" && echo \"$n $I_SVC $I_PORT\"; done",
                "instance-ports", root.resolve("smartlink").toString());
        assertThat(ports.exit()).as("runner: %s", ports.err()).isZero();
        assertThat(ports.out().lines()).containsExactly("booking-service-1 booking-service 8083",
                "booking-service-2 booking-service 18084", "booking-service-3 booking-service 18085",
                "storage-node-1 storage-node-service 9101", "storage-node-2 storage-node-service 9102",
                "storage-node-3 storage-node-service 9103");
    }

    /** `./smartlink scale` refuses a count whose ports clash, as it did before bases existed. */
    @Test
    void theRunnerRefusesToScaleOntoAnotherServicesPort() throws IOException {
        // extra booking-service instances from 8886: the fourth would be on 8888, config-service's
        Path file = write(edit(l -> l.startsWith("booking-service ") ? l.replace(":18084", ":8886") : l));
        CommandRun fits = scaleCheck(file, 3);
        assertThat(fits.exit()).as("3 instances (8083, 8886, 8887): %s", fits.err()).isZero();
        CommandRun clash = scaleCheck(file, 4);
        assertThat(clash.exit()).as("4 instances (…, 8888)").isNotZero();
        assertThat(clash.err()).contains("booking-service-4 would listen on 8888", "config-service's port");
        // the repository's layout: 99 instances fit (18084 .. 18181)
        assertThat(scaleCheck(root.resolve(PlatformLayout.FILE), PlatformLayout.MAX_INSTANCES).exit()).isZero();
    }

    static Stream<Arguments> badLayouts() {
        return Stream.of(
                bad("a column renamed", l -> l.startsWith("name ") && l.contains("port") ? l.replace("port", "ports") : l),
                bad("a column too many", l -> l.startsWith("gateway-service ") ? l + " extra" : l),
                bad("a column missing", l -> l.startsWith("gateway-service ") ? l.replace(" redis", "") : l),
                bad("a service twice", l -> l.startsWith("config-service ") ? l + "\n" + l : l),
                bad("two services on one port", l -> l.startsWith("vehicle-service ") ? l.replace("8082", "8081") : l),
                bad("a management port on the service port", l -> l.startsWith("gateway-service ") ? l.replace("8090", "8080") : l),
                bad("a port inside a scalable service's instances", l -> l.startsWith("vehicle-service ") ? l.replace("8082", "9103") : l),
                bad("an infrastructure port", l -> l.startsWith("vehicle-service ") ? l.replace("8082", "6380") : l),
                bad("no TCP port", l -> l.startsWith("vehicle-service ") ? l.replace("8082", "80820") : l),
                bad("a database not in [databases]", l -> l.replace("db=users", "db=usrs")),
                bad("an unknown need", l -> l.replace("db=storage,kafka", "db=storage,rabbitmq")),
                bad("two Redis servers", l -> l.replace("redis-cache,kafka", "redis-cache,redis,kafka")),
                bad("two databases", l -> l.replace("db=storage,kafka", "db=storage,db=users,kafka")),
                bad("an empty need", l -> l.replace("db=storage,kafka", "db=storage,,kafka")),
                bad("a heap without a unit", l -> l.startsWith("config-service ") ? l.replace("128m", "128") : l),
                bad("an unknown JIT", l -> l.startsWith("config-service ") ? l.replace(" c1 ", " c2 ") : l),
                bad("no start phase", l -> l.startsWith("config-service ") ? l.replace("  2  ", "  0  ") : l),
                bad("a scalable service with a management port",
                        l -> l.startsWith("storage-node-service ") ? l.replace("9101  -", "9101  9200") : l),
                bad("an instance count over 99", l -> l.replace("storage-node:3", "storage-node:100")),
                bad("a prefix that is another service's name", l -> l.replace("storage-node:3", "vehicle-service:3")),
                bad("an instance base on another service's port", l -> l.replace("booking-service:2:18084", "booking-service:2:8085")),
                bad("an instance base whose range includes the service's port",
                        l -> l.replace("booking-service:2:18084", "booking-service:2:8050")),
                bad("an instance base that is no TCP port", l -> l.replace("booking-service:2:18084", "booking-service:2:99999")),
                bad("an instance base that is no number", l -> l.replace("booking-service:2:18084", "booking-service:2:x")),
                bad("instances with two bases", l -> l.replace("booking-service:2:18084", "booking-service:2:18084:19000")),
                bad("two booking-service instances without a base next to payment-service",
                        l -> l.startsWith("booking-service ") ? l.replace(":2:18084", ":2") + "\npayment-service 8084 - 256m full 3 - db=payments,kafka" : l),
                bad("an unknown section", l -> l.equals("[topics]") ? "[queues]" : l),
                bad("a section twice", l -> l.equals("[databases]") ? l + "\nname\nextra\n" + l : l),
                bad("a section missing", l -> l.equals("[topics]") || l.matches("[a-z]+\\.events\\s.*") || l.startsWith("name ") && l.contains("partitions") ? "" : l),
                bad("a DLT topic", l -> l.startsWith("user.events ") ? l.replace("user.events", "user.events.DLT") : l),
                bad("a topic without partitions", l -> l.startsWith("user.events ") ? l.replace(" 3", " 0") : l),
                bad("a database twice", l -> l.equals("users") ? "users\nusers" : l));
    }

    private static Arguments bad(String what, UnaryOperator<String> edit) {
        return Arguments.of(what, edit);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLayouts")
    void bothReadersRefuseABadLayout(String what, UnaryOperator<String> change) throws IOException {
        String text = edit(change);
        assertThat(text).as("the edit (%s) changes the layout", what).isNotEqualTo(String.join("\n", lines) + "\n");
        Path file = write(text);
        assertThatThrownBy(() -> PlatformLayout.parse(Files.readAllLines(file), file.toString()))
                .as("Java reader: %s", what).isInstanceOf(IllegalArgumentException.class);
        CommandRun runner = runner(file);
        assertThat(runner.exit()).as("runner (scripts/smartlink/layout.sh): %s; stdout %s", what, runner.out()).isNotZero();
        assertThat(runner.err()).as("runner says what is wrong: %s", what).contains("ERROR", file.toString());
    }

    // ------------------------------------------------------------------------------------------

    private String edit(UnaryOperator<String> change) {
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(change.apply(line)).append('\n');
        }
        return out.toString();
    }

    private Path write(String text) throws IOException {
        Path file = Files.createTempFile(tmp, "platform", ".layout");
        Files.writeString(file, text);
        return file;
    }

    private static String runnerDump(Path file) {
        CommandRun result = runner(file);
        assertThat(result.exit()).as("runner reading %s: %s", file, result.err()).isZero();
        return result.out();
    }

    /** The runner's check before `./smartlink scale booking-service <count>` (no process is started). */
    private static CommandRun scaleCheck(Path layoutFile, int count) {
        return CommandRun.run(Duration.ofSeconds(60), Map.of("SMARTLINK_LAYOUT", layoutFile.toString()), "bash", "-c",
                "source \"$1\" && check_instance_ports booking-service \"$2\"", "scale-check",
                root.resolve("smartlink").toString(), String.valueOf(count));
    }

    /** Sources ./smartlink (which reads the layout and defines, but does not run, the commands) and dumps the layout. */
    private static CommandRun runner(Path layoutFile) {
        return CommandRun.run(Duration.ofSeconds(60), Map.of("SMARTLINK_LAYOUT", layoutFile.toString()),
                "bash", "-c", "source \"$1\" && layout_dump", "layout-reader", root.resolve("smartlink").toString());
    }
}
