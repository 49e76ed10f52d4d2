package com.smartlinkauto.storage.topology;

import static com.smartlinkauto.storage.topology.TestTopologies.link;
import static com.smartlinkauto.storage.topology.TestTopologies.node;
import static com.smartlinkauto.storage.topology.TestTopologies.topology;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.storage.node.StorageNode.State;

class TopologyTest {

    @Test
    void meshEdgesJoinEveryPairOfLiveNodes() {
        Topology mesh = topology(List.of(node("n1", 100), node("n2", 1000), node("n3", 300), node("n4", 1000, State.DEAD)));

        assertThat(mesh.edges()).containsExactly(
                new Topology.Edge("n1", "n2", 100, false, true, 100),
                new Topology.Edge("n1", "n3", 100, false, true, 100),
                new Topology.Edge("n2", "n3", 300, false, true, 300));
    }

    @Test
    void definedLinksAreTheOnlyEdgesAndShowWhetherTheyAreUp() {
        Topology network = topology(List.of(node("n1", 100), node("n2", 1000), node("n3", 1000, State.STALE)),
                link("n2", "n1", 1000), link("n1", "n3", 10));

        assertThat(network.mode()).isEqualTo(Topology.Mode.LINKS);
        assertThat(network.edges()).containsExactlyInAnyOrder(
                new Topology.Edge("n1", "n2", 1000, true, true, 100),
                new Topology.Edge("n1", "n3", 10, true, false, 0));
        assertThat(network.bandwidth("n2", "n1")).isEqualTo(100);
        assertThat(network.bandwidth("n2", "n3")).isZero();
    }

    @Test
    void linkEndsAreNormalised() {
        assertThat(Link.Ends.of("node-2", "node-1")).isEqualTo(new Link.Ends("node-1", "node-2"));
        assertThat(Link.Ends.of("node-1", "node-2")).isEqualTo(new Link.Ends("node-1", "node-2"));
        assertThat(new LinkRequest("b", "a", 5).ends()).isEqualTo(new Link.Ends("a", "b"));
    }

    @Test
    void aLinkFromANodeToItselfIsInvalid() {
        assertThatThrownBy(() -> new LinkRequest("node-1", "node-1", 100).ends())
                .isInstanceOfSatisfying(ApiException.class, ex -> {
                    assertThat(ex.status().value()).isEqualTo(400);
                    assertThat(ex.type()).isEqualTo(ProblemTypes.VALIDATION);
                    assertThat(ex.properties()).containsKey("errors");
                });
    }
}
