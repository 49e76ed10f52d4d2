package com.smartlinkauto.storage.topology;

import static com.smartlinkauto.storage.topology.TestTopologies.link;
import static com.smartlinkauto.storage.topology.TestTopologies.node;
import static com.smartlinkauto.storage.topology.TestTopologies.topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.storage.node.StorageNode;
import com.smartlinkauto.storage.node.StorageNode.State;

class RoutePlannerTest {

    private final List<StorageNode> fourAt1000 = List.of(node("n1", 1000), node("n2", 1000), node("n3", 1000),
            node("n4", 1000));

    @Test
    void withoutLinksEveryPairOfLiveNodesIsConnectedDirectlyAtTheLowerBandwidth() {
        Topology mesh = topology(List.of(node("n1", 100), node("n2", 1000), node("n3", 1000)));
        assertThat(mesh.mode()).isEqualTo(Topology.Mode.MESH);

        Route route = RoutePlanner.plan(mesh, "n1", "n2").orElseThrow();

        // a relay can never be wider than the direct hop in a mesh: the ends' own bandwidths bound both
        assertThat(route.nodeIds()).containsExactly("n1", "n2");
        assertThat(route.bottleneckMbps()).isEqualTo(100);
        assertThat(route.relay()).isNull();
    }

    @Test
    void theDirectLinkIsUsedWhenItIsTheWidest() {
        Topology network = topology(fourAt1000, link("n1", "n2", 500), link("n1", "n3", 400), link("n3", "n2", 1000));

        assertThat(RoutePlanner.plan(network, "n1", "n2").orElseThrow())
                .isEqualTo(new Route(List.of("n1", "n2"), 500));
    }

    @Test
    void theDirectLinkWinsATie() {
        Topology network = topology(fourAt1000, link("n1", "n2", 500), link("n1", "n3", 500), link("n3", "n2", 800));

        assertThat(RoutePlanner.plan(network, "n1", "n2").orElseThrow().nodeIds()).containsExactly("n1", "n2");
    }

    @Test
    void aMissingDirectLinkGoesThroughARelay() {
        Topology network = topology(fourAt1000, link("n1", "n3", 300), link("n3", "n2", 200));

        Route route = RoutePlanner.plan(network, "n1", "n2").orElseThrow();

        assertThat(route.nodeIds()).containsExactly("n1", "n3", "n2");
        assertThat(route.relay()).isEqualTo("n3");
        assertThat(route.bottleneckMbps()).isEqualTo(200);
    }

    @Test
    void aRelayPathWiderThanTheDirectLinkWins() {
        Topology network = topology(fourAt1000, link("n1", "n2", 10), link("n1", "n3", 100), link("n3", "n2", 100));

        assertThat(RoutePlanner.plan(network, "n1", "n2").orElseThrow())
                .isEqualTo(new Route(List.of("n1", "n3", "n2"), 100));
    }

    @Test
    void theWidestRelayIsChosenAndTiesGoToTheLowestId() {
        Topology network = topology(fourAt1000, link("n1", "n3", 300), link("n3", "n2", 300), link("n1", "n4", 900),
                link("n4", "n2", 600));
        assertThat(RoutePlanner.plan(network, "n1", "n2").orElseThrow())
                .isEqualTo(new Route(List.of("n1", "n4", "n2"), 600));

        Topology tie = topology(fourAt1000, link("n1", "n4", 300), link("n4", "n2", 300), link("n1", "n3", 300),
                link("n3", "n2", 300));
        assertThat(RoutePlanner.plan(tie, "n1", "n2").orElseThrow().relay()).isEqualTo("n3");
    }

    @Test
    void linksAreUndirected() {
        Topology network = topology(fourAt1000, link("n3", "n1", 300), link("n2", "n3", 200));

        assertThat(RoutePlanner.plan(network, "n2", "n1").orElseThrow().nodeIds()).containsExactly("n2", "n3", "n1");
    }

    @Test
    void onlyLiveNodesRelay() {
        for (State state : List.of(State.STALE, State.DEAD)) {
            Topology network = topology(List.of(node("n1", 1000), node("n2", 1000), node("n3", 1000, state)),
                    link("n1", "n3", 300), link("n3", "n2", 300));
            assertThat(RoutePlanner.plan(network, "n1", "n2")).as("relay %s", state).isEmpty();
        }
        Topology mesh = topology(List.of(node("n1", 1000), node("n2", 1000), node("n3", 1000, State.DEAD)));
        assertThat(mesh.bandwidth("n1", "n3")).isZero();
    }

    @Test
    void atMostOneRelay() {
        // n1 - n3 - n4 - n2 needs two relays: not a route
        Topology chain = topology(fourAt1000, link("n1", "n3", 1000), link("n3", "n4", 1000), link("n4", "n2", 1000));

        assertThat(RoutePlanner.plan(chain, "n1", "n2")).isEmpty();
        assertThat(RoutePlanner.plan(chain, "n1", "n4").orElseThrow().nodeIds()).containsExactly("n1", "n3", "n4");
    }

    @Test
    void anIsolatedNodeHasNoRoute() {
        Topology network = topology(fourAt1000, link("n1", "n2", 100));

        assertThat(RoutePlanner.plan(network, "n1", "n4")).isEmpty();
        assertThat(RoutePlanner.plan(network, "n1", "unknown")).isEmpty();
    }

    @Test
    void aLinkIsNoFasterThanTheNodesAtItsEnds() {
        // n3 throttles to 50 Mbps: the relay path is 50 wide, narrower than the direct 80
        Topology network = topology(List.of(node("n1", 1000), node("n2", 1000), node("n3", 50)),
                link("n1", "n2", 80), link("n1", "n3", 1000), link("n3", "n2", 1000));

        assertThat(RoutePlanner.plan(network, "n1", "n2").orElseThrow())
                .isEqualTo(new Route(List.of("n1", "n2"), 80));
        assertThat(network.bandwidth("n1", "n3")).isEqualTo(50);
    }

    @Test
    void sourceAndTargetMustDiffer() {
        assertThatThrownBy(() -> RoutePlanner.plan(topology(fourAt1000), "n1", "n1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
