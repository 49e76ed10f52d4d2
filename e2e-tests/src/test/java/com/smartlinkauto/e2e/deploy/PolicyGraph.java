package com.smartlinkauto.e2e.deploy;

import static com.smartlinkauto.e2e.deploy.MiniKustomize.list;
import static com.smartlinkauto.e2e.deploy.MiniKustomize.map;
import static com.smartlinkauto.e2e.deploy.MiniKustomize.mapAt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which connections the rendered NetworkPolicies allow, worked out the way Kubernetes does: a pod selected by
 * some policy of a type (Ingress/Egress) accepts/sends only what one of those policies' rules allows; a
 * connection needs the sender's egress and the receiver's ingress. Evaluated between the pods of the
 * rendered workloads (one per workload, its template labels, its container ports), plus two outsiders: a
 * client somewhere on the internet ({@link #ANYWHERE}) and a Prometheus pod in the namespace
 * {@code monitoring} ({@link #MONITORING}). Supports what policies here use: podSelector / namespaceSelector
 * (matchLabels, matchExpressions In/NotIn/Exists/DoesNotExist), ipBlock (IPv4, with except), numbered and
 * named ports, protocols.
 */
final class PolicyGraph {

    static final String ANYWHERE = "*";
    static final String MONITORING = "monitoring";
    /** The outsider's address: a documentation address (RFC 5737), outside any cluster. */
    private static final String ANYWHERE_IP = "203.0.113.10";

    record Pod(String name, String namespace, Map<String, String> labels, Map<String, String> namespaceLabels,
            Map<String, Integer> ports, String ip) {
    }

    private final List<Map<String, Object>> policies;
    private final List<Pod> pods = new ArrayList<>();
    private final Pod anywhere = new Pod(ANYWHERE, null, Map.of(), Map.of(), Map.of(), ANYWHERE_IP);
    private final Pod monitoring = new Pod(MONITORING, "monitoring", Map.of("app.kubernetes.io/name", "prometheus"),
            Map.of("kubernetes.io/metadata.name", "monitoring"), Map.of(), null);

    PolicyGraph(List<Map<String, Object>> objects, Set<String> workloadKinds) {
        List<Map<String, Object>> found = new ArrayList<>();
        for (Map<String, Object> obj : objects) {
            if ("NetworkPolicy".equals(obj.get("kind"))) {
                found.add(obj);
            }
            else if (workloadKinds.contains(obj.get("kind"))) {
                String ns = Objects.toString(mapAt(obj, false, "metadata").get("namespace"), "default");
                Map<String, String> labels = strings(mapAt(obj, false, "spec", "template", "metadata", "labels"));
                Map<String, Integer> ports = new LinkedHashMap<>();
                for (Object c : list(mapAt(obj, false, "spec", "template", "spec").get("containers"))) {
                    for (Object p : list(map(c).get("ports"))) {
                        Map<String, Object> port = map(p);
                        Integer number = (Integer) port.get("containerPort");
                        ports.put(port.get("name") == null ? String.valueOf(number) : port.get("name").toString(), number);
                    }
                }
                pods.add(new Pod(Objects.toString(mapAt(obj, false, "metadata").get("name")), ns, labels,
                        Map.of("kubernetes.io/metadata.name", ns), ports, null));
            }
        }
        this.policies = found;
    }

    List<Map<String, Object>> policies() {
        return policies;
    }

    List<Pod> pods() {
        return pods;
    }

    /** Every allowed "from -> to:port" between the rendered pods and from the two outsiders (TCP). */
    Set<String> edges() {
        Set<String> edges = new TreeSet<>();
        List<Pod> sources = new ArrayList<>(pods);
        sources.add(anywhere);
        sources.add(monitoring);
        for (Pod to : pods) {
            for (int port : new TreeSet<>(to.ports().values())) {
                for (Pod from : sources) {
                    if (allowed(from, to, port, "TCP")) {
                        edges.add(from.name() + " -> " + to.name() + ":" + port);
                    }
                }
            }
        }
        return edges;
    }

    /** Egress rules to addresses outside the cluster: "from -> cidr:port" for every rendered pod. */
    Set<String> addressEdges() {
        Set<String> edges = new TreeSet<>();
        for (Pod from : pods) {
            for (Map<String, Object> policy : selecting(from, "Egress")) {
                for (Object r : list(map(policy.get("spec")).get("egress"))) {
                    Map<String, Object> rule = map(r);
                    for (Object t : list(rule.get("to"))) {
                        Object block = map(t).get("ipBlock");
                        if (block != null) {
                            for (Object p : list(rule.get("ports"))) {
                                edges.add(from.name() + " -> " + map(block).get("cidr") + ":" + map(p).get("port"));
                            }
                        }
                    }
                }
            }
        }
        return edges;
    }

    /** Whether {@code from} may open a connection to {@code to} on that port and protocol. */
    boolean allowed(Pod from, Pod to, int port, String protocol) {
        return egressAllows(from, to, port, protocol) && ingressAllows(from, to, port, protocol);
    }

    /** An address outside the cluster (no namespace, no labels): only ipBlock peers match it. */
    static Pod outside(String ip) {
        return new Pod(ip, null, Map.of(), Map.of(), Map.of(), ip);
    }

    /** A pod that is not in the rendered objects, e.g. the cluster DNS. */
    static Pod external(String name, String namespace, Map<String, String> labels, Map<String, Integer> ports) {
        return new Pod(name, namespace, labels, Map.of("kubernetes.io/metadata.name", namespace), ports, null);
    }

    private boolean ingressAllows(Pod from, Pod to, int port, String protocol) {
        List<Map<String, Object>> isolating = selecting(to, "Ingress");
        if (isolating.isEmpty()) {
            return true;
        }
        for (Map<String, Object> policy : isolating) {
            for (Object r : list(map(policy.get("spec")).get("ingress"))) {
                Map<String, Object> rule = map(r);
                if (portsMatch(rule.get("ports"), to, port, protocol)
                        && peersMatch(rule.get("from"), from, namespaceOf(policy))) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean egressAllows(Pod from, Pod to, int port, String protocol) {
        if (from == anywhere || from == monitoring) {
            return true; // not governed by these policies
        }
        List<Map<String, Object>> isolating = selecting(from, "Egress");
        if (isolating.isEmpty()) {
            return true;
        }
        for (Map<String, Object> policy : isolating) {
            for (Object r : list(map(policy.get("spec")).get("egress"))) {
                Map<String, Object> rule = map(r);
                if (portsMatch(rule.get("ports"), to, port, protocol)
                        && peersMatch(rule.get("to"), to, namespaceOf(policy))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The policies of a type that select a pod (same namespace, podSelector matches). */
    List<Map<String, Object>> selecting(Pod pod, String type) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> policy : policies) {
            Map<String, Object> spec = map(policy.get("spec"));
            if (!Objects.equals(namespaceOf(policy), pod.namespace())) {
                continue;
            }
            List<Object> types = list(spec.get("policyTypes"));
            boolean ofType = types.isEmpty() ? "Ingress".equals(type) || ("Egress".equals(type) && spec.containsKey("egress"))
                    : types.contains(type);
            if (ofType && selects(map(spec.get("podSelector")), pod.labels())) {
                out.add(policy);
            }
        }
        return out;
    }

    private static String namespaceOf(Map<String, Object> obj) {
        return Objects.toString(mapAt(obj, false, "metadata").get("namespace"), "default");
    }

    private boolean peersMatch(Object peers, Pod pod, String policyNamespace) {
        List<Object> list = list(peers);
        if (list.isEmpty()) {
            return true; // no from/to: every peer
        }
        for (Object p : list) {
            Map<String, Object> peer = map(p);
            if (peer.containsKey("ipBlock")) {
                Map<String, Object> block = map(peer.get("ipBlock"));
                if (pod.ip() != null && inCidr(pod.ip(), block.get("cidr").toString())
                        && list(block.get("except")).stream().noneMatch(e -> inCidr(pod.ip(), e.toString()))) {
                    return true;
                }
                continue;
            }
            if (pod.namespace() == null) {
                continue; // outside the cluster: only ipBlocks match
            }
            boolean namespaceMatches = peer.containsKey("namespaceSelector")
                    ? selects(map(peer.get("namespaceSelector")), pod.namespaceLabels())
                    : pod.namespace().equals(policyNamespace);
            boolean podMatches = !peer.containsKey("podSelector") || selects(map(peer.get("podSelector")), pod.labels());
            if (namespaceMatches && podMatches) {
                return true;
            }
        }
        return false;
    }

    private static boolean portsMatch(Object ports, Pod to, int port, String protocol) {
        List<Object> list = list(ports);
        if (list.isEmpty()) {
            return true;
        }
        for (Object p : list) {
            Map<String, Object> spec = map(p);
            if (!Objects.toString(spec.get("protocol"), "TCP").equals(protocol)) {
                continue;
            }
            Object value = spec.get("port");
            if (value == null) {
                return true;
            }
            Integer number = value instanceof Integer i ? i : to.ports().get(value.toString());
            Object end = spec.get("endPort");
            if (number != null && (number == port || (end instanceof Integer e && port >= number && port <= e))) {
                return true;
            }
        }
        return false;
    }

    static boolean selects(Map<String, Object> selector, Map<String, String> labels) {
        for (Map.Entry<String, Object> e : map(selector.get("matchLabels")).entrySet()) {
            if (!Objects.equals(labels.get(e.getKey()), Objects.toString(e.getValue()))) {
                return false;
            }
        }
        for (Object x : list(selector.get("matchExpressions"))) {
            Map<String, Object> expr = map(x);
            String key = expr.get("key").toString();
            List<String> values = list(expr.get("values")).stream().map(Object::toString).toList();
            boolean ok = switch (expr.get("operator").toString()) {
                case "In" -> labels.containsKey(key) && values.contains(labels.get(key));
                case "NotIn" -> !labels.containsKey(key) || !values.contains(labels.get(key));
                case "Exists" -> labels.containsKey(key);
                case "DoesNotExist" -> !labels.containsKey(key);
                default -> throw new IllegalStateException("operator " + expr.get("operator"));
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    static boolean inCidr(String ip, String cidr) {
        String[] parts = cidr.split("/");
        int bits = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
        long mask = bits == 0 ? 0 : 0xFFFFFFFFL << (32 - bits) & 0xFFFFFFFFL;
        return (ipv4(ip) & mask) == (ipv4(parts[0]) & mask);
    }

    private static long ipv4(String ip) {
        long value = 0;
        for (String octet : ip.split("\\.")) {
            value = value << 8 | Integer.parseInt(octet);
        }
        return value;
    }

    private static Map<String, String> strings(Map<String, Object> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Objects.toString(v)));
        return out;
    }
}
