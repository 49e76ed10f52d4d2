package com.smartlinkauto.storage.topology;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.smartlinkauto.storage.StorageTestSupport;
import com.smartlinkauto.testsupport.security.TestTokens;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Links: created, updated, listed, deleted; the topology they make; bad input changes nothing. */
class LinksIT extends StorageTestSupport {

    private String a;
    private String b;
    private String c;

    @BeforeEach
    void noLinks() {
        deleteAllLinks();
        a = nodes.get(0).id;
        b = nodes.get(1).id;
        c = nodes.get(2).id;
    }

    @AfterEach
    void cleanUp() {
        deleteAllLinks();
    }

    @Test
    void aLinkIsCreatedThenItsBandwidthUpdatedWhicheverWayRoundItIsNamed() {
        HttpResponse<String> created = postLink(b, a, 250);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode link = json.readTree(created.body());
        assertThat(link.path("nodeA").asString()).isEqualTo(a);   // stored normalised: nodeA < nodeB
        assertThat(link.path("nodeB").asString()).isEqualTo(b);
        assertThat(link.path("bandwidthMbps").asInt()).isEqualTo(250);
        assertThat(link.path("createdAt").asString()).isNotBlank();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/storage/links?nodeA=" + a + "&nodeB=" + b);

        HttpResponse<String> updated = postLink(a, b, 1000);
        assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
        assertThat(json.readTree(updated.body()).path("bandwidthMbps").asInt()).isEqualTo(1000);
        assertThat(json.readTree(updated.body()).path("createdAt").asString()).isEqualTo(link.path("createdAt").asString());

        JsonNode links = getJson("/api/storage/links");
        assertThat(links.size()).isEqualTo(1);
        assertThat(links.get(0).path("nodeA").asString()).isEqualTo(a);
        assertThat(links.get(0).path("nodeB").asString()).isEqualTo(b);
        assertThat(links.get(0).path("bandwidthMbps").asInt()).isEqualTo(1000);
    }

    @Test
    void withoutLinksTheTopologyIsAMeshOfLiveNodesAndWithLinksOnlyTheDefinedOnesExist() {
        JsonNode mesh = getJson("/api/storage/topology");
        assertThat(mesh.path("mode").asString()).isEqualTo("MESH");
        JsonNode nodeA = find(mesh.path("nodes"), "nodeId", a);
        assertThat(nodeA.path("state").asString()).isEqualTo("LIVE");
        assertThat(nodeA.path("adminState").asString()).isEqualTo("ACTIVE");
        assertThat(nodeA.path("zone").asString()).isEqualTo(nodes.get(0).zone);
        assertThat(nodeA.path("baseUrl").asString()).isEqualTo(nodes.get(0).url());
        assertThat(nodeA.path("bandwidthMbps").asInt()).isPositive();
        long live = 0;
        for (JsonNode node : mesh.path("nodes")) {
            live += node.path("state").asString().equals("LIVE") ? 1 : 0;
        }
        // every pair of live nodes, implicit, at the lower of their bandwidths
        assertThat(mesh.path("links").size()).isEqualTo((int) (live * (live - 1) / 2));
        JsonNode ab = link(mesh, a, b);
        assertThat(ab.path("defined").asBoolean()).isFalse();
        assertThat(ab.path("up").asBoolean()).isTrue();
        assertThat(ab.path("bandwidthMbps").asInt()).isEqualTo(Math.min(nodeA.path("bandwidthMbps").asInt(),
                find(mesh.path("nodes"), "nodeId", b).path("bandwidthMbps").asInt()));

        assertThat(postLink(a, b, 40).statusCode()).isEqualTo(201);
        assertThat(postLink(c, b, 1_000_000).statusCode()).isEqualTo(201);

        JsonNode linked = getJson("/api/storage/topology");
        assertThat(linked.path("mode").asString()).isEqualTo("LINKS");
        assertThat(linked.path("links").size()).isEqualTo(2);
        JsonNode slow = link(linked, a, b);
        assertThat(slow.path("defined").asBoolean()).isTrue();
        assertThat(slow.path("up").asBoolean()).isTrue();
        assertThat(slow.path("bandwidthMbps").asInt()).isEqualTo(40);
        assertThat(slow.path("effectiveMbps").asInt()).isEqualTo(40);
        JsonNode fast = link(linked, b, c);
        assertThat(fast.path("bandwidthMbps").asInt()).isEqualTo(1_000_000);
        // never faster than the nodes at its ends
        assertThat(fast.path("effectiveMbps").asInt()).isEqualTo(Math.min(
                find(linked.path("nodes"), "nodeId", b).path("bandwidthMbps").asInt(),
                find(linked.path("nodes"), "nodeId", c).path("bandwidthMbps").asInt()));
    }

    @Test
    void aLinkIsDeletedByItsTwoNodesInEitherOrderOnce() {
        assertThat(postLink(a, c, 100).statusCode()).isEqualTo(201);

        assertThat(send(request("/api/storage/links?nodeA=" + c + "&nodeB=" + a).DELETE()).statusCode())
                .isEqualTo(204);
        assertThat(getJson("/api/storage/links").size()).isZero();
        assertThat(getJson("/api/storage/topology").path("mode").asString()).isEqualTo("MESH");

        HttpResponse<String> again = send(request("/api/storage/links?nodeA=" + a + "&nodeB=" + c).DELETE());
        assertThat(again.statusCode()).isEqualTo(404);
        assertProblem(again, "link-not-found");
        HttpResponse<String> missing = send(request("/api/storage/links?nodeA=" + a).DELETE());
        assertThat(missing.statusCode()).isEqualTo(400);
        assertProblem(missing, null);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "{\"nodeA\":\"%A\",\"nodeB\":\"%B\",\"bandwidthMbps\":0}",
            "{\"nodeA\":\"%A\",\"nodeB\":\"%B\",\"bandwidthMbps\":1000001}",
            "{\"nodeA\":\"%A\",\"nodeB\":\"%B\",\"bandwidthMbps\":-5}",
            "{\"nodeA\":\"%A\",\"nodeB\":\"%B\"}",
            "{\"nodeA\":\"%A\",\"bandwidthMbps\":100}",
            "{\"nodeA\":\"\",\"nodeB\":\"%B\",\"bandwidthMbps\":100}",
            "{\"nodeA\":\"%A\",\"nodeB\":\"%B\",\"bandwidthMbps\":100,\"latencyMs\":3}",
            "{\"nodeA\":\"%A\",\"nodeB\":\"%B\",\"bandwidthMbps\":\"fast\"}",
            "{\"nodeA\":\"%A\",\"nodeB\":\"%A\",\"bandwidthMbps\":100}",
            "not json",
            "" })
    void badLinksAre400AndChangeNothing(String template) {
        assertThat(postLink(a, c, 77).statusCode()).isEqualTo(201);
        String before = send(request("/api/storage/links").GET()).body();

        HttpResponse<String> response = send(request("/api/storage/links").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(template.replace("%A", a).replace("%B", b))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertProblem(response, null);
        assertThat(send(request("/api/storage/links").GET()).body()).isEqualTo(before);
    }

    @Test
    void bothNodesMustBeKnown() {
        HttpResponse<String> response = postLink(a, "no-such-node", 100);
        assertThat(response.statusCode()).isEqualTo(404);
        assertProblem(response, "node-not-found");
        assertThat(json.readTree(response.body()).path("nodeId").asString()).isEqualTo("no-such-node");
        assertThat(getJson("/api/storage/links").size()).isZero();
    }

    @Test
    void theValidationErrorNamesTheField() {
        HttpResponse<String> response = postLink(a, b, 0);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("type").asString()).endsWith("/validation");
        assertThat(problem.path("errors").get(0).path("field").asString()).isEqualTo("bandwidthMbps");
        HttpResponse<String> unknown = send(request("/api/storage/links").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"nodeA\":\"" + a + "\",\"nodeB\":\"" + b + "\",\"bandwidthMbps\":1,\"cost\":1}")));
        assertThat(json.readTree(unknown.body()).path("errors").get(0).path("field").asString()).isEqualTo("cost");
    }

    @Test
    void onlyAdminsManageLinks() throws Exception {
        for (String role : new String[] { "RENTER", "PARTNER" }) {
            HttpResponse<String> denied = HTTP.send(HttpRequest.newBuilder(java.net.URI.create(base() + "/api/storage/links"))
                    .header("Authorization", "Bearer " + TestTokens.token(role)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"nodeA\":\"" + a + "\",\"nodeB\":\"" + b + "\",\"bandwidthMbps\":10}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(denied.statusCode()).isEqualTo(403);
        }
        HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(java.net.URI.create(base() + "/api/storage/topology"))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(getJson("/api/storage/links").size()).isZero();
    }

    // ------------------------------------------------------------------ helpers

    private HttpResponse<String> postLink(String nodeA, String nodeB, int mbps) {
        return send(request("/api/storage/links").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"nodeA\":\"" + nodeA + "\",\"nodeB\":\"" + nodeB + "\",\"bandwidthMbps\":" + mbps + "}")));
    }

    private void deleteAllLinks() {
        List<JsonNode> links = new ArrayList<>();
        getJson("/api/storage/links").forEach(links::add);
        for (JsonNode link : links) {
            send(request("/api/storage/links?nodeA=" + link.path("nodeA").asString() + "&nodeB="
                    + link.path("nodeB").asString()).DELETE());
        }
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (item.path(field).asString().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no " + field + "=" + value + " in " + array);
    }

    private static JsonNode link(JsonNode topology, String one, String other) {
        Link.Ends ends = Link.Ends.of(one, other);
        for (JsonNode link : topology.path("links")) {
            if (link.path("nodeA").asString().equals(ends.nodeA()) && link.path("nodeB").asString().equals(ends.nodeB())) {
                return link;
            }
        }
        throw new AssertionError("no link " + ends + " in " + topology);
    }

    private void assertProblem(HttpResponse<String> response, String slug) {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(response.statusCode());
        assertThat(problem.path("type").asString()).startsWith("https://smartlinkauto.com/problems/");
        if (slug != null) {
            assertThat(problem.path("type").asString()).endsWith("/" + slug);
        }
    }
}
