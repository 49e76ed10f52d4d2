package com.smartlinkauto.e2e.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A small kustomize renderer, used by {@link K8sManifestsTest} where {@code kubectl} is not
 * installed. It implements the subset of kustomize that k8s/ uses (documented in k8s/README.md)
 * and fails loudly on anything else, so the manifests cannot drift outside what it checks:
 *
 * <ul>
 *   <li>{@code resources}: files (multi-document YAML) and directories (nested kustomizations)</li>
 *   <li>{@code components}: {@code kind: Component} directories, run after the including
 *       kustomization's resources and generators; their resources and generated objects join it
 *       and their transformers apply to everything accumulated so far</li>
 *   <li>{@code configMapGenerator} / {@code secretGenerator} with {@code files}, {@code literals},
 *       {@code envs}/{@code env}, {@code type}; only with {@code disableNameSuffixHash: true}</li>
 *   <li>{@code patches} (and {@code patchesStrategicMerge}): strategic-merge patches from
 *       {@code path} or inline {@code patch}, optional {@code target} by kind/name/namespace;
 *       maps merge, {@code null} deletes, lists of named items merge by key (containers, env,
 *       volumes, volumeMounts, ports, ...), other lists are replaced</li>
 *   <li>{@code namespace}, {@code labels} (pairs, includeSelectors, includeTemplates),
 *       {@code commonLabels}, {@code replicas}, {@code images}</li>
 * </ul>
 *
 * Transformers run in kustomize's order: patches, namespace, labels, replicas, images.
 */
final class MiniKustomize {

    private static final Set<String> SUPPORTED_KEYS = Set.of(
            "apiVersion", "kind", "resources", "components", "configMapGenerator", "secretGenerator",
            "generatorOptions", "patches", "patchesStrategicMerge", "namespace", "labels",
            "commonLabels", "replicas", "images");

    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition",
            "PersistentVolume", "StorageClass", "PriorityClass", "IngressClass", "RuntimeClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService",
            "CSIDriver", "CSINode", "VolumeAttachment", "Node", "ComponentStatus");

    private static final Set<String> POD_TEMPLATE_KINDS = Set.of(
            "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job");

    private static final Set<String> REPLICA_KINDS = Set.of(
            "Deployment", "StatefulSet", "ReplicaSet", "ReplicationController");

    /** Renders the kustomization in {@code dir}, like {@code kubectl kustomize dir}. */
    List<Map<String, Object>> build(Path dir) {
        return accumulate(dir.toAbsolutePath().normalize(), new ArrayList<>(), false);
    }

    // ------------------------------------------------------------------------------------------
    // accumulation
    // ------------------------------------------------------------------------------------------

    private List<Map<String, Object>> accumulate(Path dir, List<Map<String, Object>> acc, boolean asComponent) {
        Map<String, Object> k = loadKustomization(dir);
        String kind = Objects.toString(k.get("kind"), "Kustomization");
        if (asComponent != "Component".equals(kind)) {
            throw unsupported(dir, asComponent
                    ? "listed under components: but is kind " + kind
                    : "a kind: Component must be listed under components:, not resources:");
        }
        for (String key : k.keySet()) {
            if (!SUPPORTED_KEYS.contains(key)) {
                throw unsupported(dir, "field '" + key + "'");
            }
        }
        for (String res : strings(k, "resources", dir)) {
            Path p = dir.resolve(res).normalize();
            List<Map<String, Object>> loaded = Files.isDirectory(p)
                    ? accumulate(p, new ArrayList<>(), false)
                    : loadDocuments(p);
            for (Map<String, Object> obj : loaded) {
                add(acc, obj, dir);
            }
        }
        // kustomize >= 5.1: own generators, then components, then own transformers
        for (Map<String, Object> generated : generate(k, dir)) {
            add(acc, generated, dir);
        }
        for (String comp : strings(k, "components", dir)) {
            accumulate(dir.resolve(comp).normalize(), acc, true);
        }
        transform(k, dir, acc);
        return acc;
    }

    private void add(List<Map<String, Object>> acc, Map<String, Object> obj, Path dir) {
        String id = id(obj);
        for (Map<String, Object> existing : acc) {
            if (id(existing).equals(id)) {
                throw new IllegalStateException(dir + ": duplicate resource " + id);
            }
        }
        acc.add(obj);
    }

    static String id(Map<String, Object> obj) {
        Map<String, Object> md = map(obj.get("metadata"));
        return obj.get("kind") + "/" + Objects.toString(md.get("namespace"), "") + "/" + md.get("name");
    }

    // ------------------------------------------------------------------------------------------
    // generators
    // ------------------------------------------------------------------------------------------

    private List<Map<String, Object>> generate(Map<String, Object> k, Path dir) {
        List<Map<String, Object>> out = new ArrayList<>();
        Map<String, Object> options = map(k.get("generatorOptions"));
        for (String key : options.keySet()) {
            if (!key.equals("disableNameSuffixHash")) {
                throw unsupported(dir, "generatorOptions." + key);
            }
        }
        boolean noHash = Boolean.TRUE.equals(options.get("disableNameSuffixHash"));
        for (Object g : list(k.get("configMapGenerator"))) {
            out.add(generateOne(map(g), dir, false, noHash));
        }
        for (Object g : list(k.get("secretGenerator"))) {
            out.add(generateOne(map(g), dir, true, noHash));
        }
        return out;
    }

    private Map<String, Object> generateOne(Map<String, Object> g, Path dir, boolean secret, boolean noHash) {
        for (String key : g.keySet()) {
            if (!Set.of("name", "namespace", "behavior", "files", "literals", "envs", "env", "type", "options")
                    .contains(key)) {
                throw unsupported(dir, "generator field '" + key + "'");
            }
        }
        Object behavior = g.getOrDefault("behavior", "create");
        if (!"create".equals(behavior)) {
            throw unsupported(dir, "generator behavior '" + behavior + "'");
        }
        Map<String, Object> opts = map(g.get("options"));
        for (String key : opts.keySet()) {
            if (!key.equals("disableNameSuffixHash")) {
                throw unsupported(dir, "generator options." + key);
            }
        }
        if (opts.containsKey("disableNameSuffixHash")) {
            noHash = Boolean.TRUE.equals(opts.get("disableNameSuffixHash"));
        }
        if (!noHash) {
            throw unsupported(dir, "generator '" + g.get("name")
                    + "' without disableNameSuffixHash: true (name hash suffixes are not implemented)");
        }
        Map<String, String> data = new LinkedHashMap<>();
        List<String> envFiles = new ArrayList<>(strings(g, "envs", dir));
        if (g.get("env") != null) {
            envFiles.add(g.get("env").toString());
        }
        for (String envFile : envFiles) {
            for (String line : read(dir.resolve(envFile)).split("\n", -1)) {
                String l = line.stripLeading();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                int eq = l.indexOf('=');
                if (eq < 0) {
                    throw unsupported(dir, "env file line without '=' (value from the environment) in " + envFile);
                }
                put(data, l.substring(0, eq), l.substring(eq + 1), dir);
            }
        }
        for (String literal : strings(g, "literals", dir)) {
            int eq = literal.indexOf('=');
            if (eq < 0) {
                throw unsupported(dir, "literal without '=': " + literal);
            }
            put(data, literal.substring(0, eq), literal.substring(eq + 1), dir);
        }
        for (String file : strings(g, "files", dir)) {
            int eq = file.indexOf('=');
            String key = eq < 0 ? Path.of(file).getFileName().toString() : file.substring(0, eq);
            String path = eq < 0 ? file : file.substring(eq + 1);
            put(data, key, read(dir.resolve(path)), dir);
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", g.get("name"));
        if (g.get("namespace") != null) {
            metadata.put("namespace", g.get("namespace"));
        }
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("apiVersion", "v1");
        obj.put("kind", secret ? "Secret" : "ConfigMap");
        obj.put("metadata", metadata);
        Map<String, Object> outData = new LinkedHashMap<>();
        data.forEach((key, value) -> outData.put(key, secret
                ? Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
                : value));
        obj.put("data", outData);
        if (secret) {
            obj.put("type", g.getOrDefault("type", "Opaque"));
        }
        return obj;
    }

    private static void put(Map<String, String> data, String key, String value, Path dir) {
        if (data.put(key, value) != null) {
            throw new IllegalStateException(dir + ": generator key '" + key + "' defined twice");
        }
    }

    // ------------------------------------------------------------------------------------------
    // transformers
    // ------------------------------------------------------------------------------------------

    private void transform(Map<String, Object> k, Path dir, List<Map<String, Object>> acc) {
        // 1. patches
        List<Map<String, Object>> patches = new ArrayList<>();
        for (Object p : list(k.get("patchesStrategicMerge"))) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("path", p.toString());
            patches.add(entry);
        }
        for (Object p : list(k.get("patches"))) {
            patches.add(map(p));
        }
        for (Map<String, Object> entry : patches) {
            applyPatch(entry, dir, acc);
        }
        // 2. namespace
        if (k.get("namespace") != null) {
            String ns = k.get("namespace").toString();
            for (Map<String, Object> obj : acc) {
                Map<String, Object> md = map(obj.get("metadata"));
                if ("Namespace".equals(obj.get("kind"))) {
                    md.put("name", ns);
                } else if (!CLUSTER_SCOPED.contains(obj.get("kind"))) {
                    md.put("namespace", ns);
                }
            }
        }
        // 3. labels
        if (k.get("commonLabels") != null) {
            applyLabels(stringMap(k.get("commonLabels")), true, true, acc, dir);
        }
        for (Object l : list(k.get("labels"))) {
            Map<String, Object> entry = map(l);
            for (String key : entry.keySet()) {
                if (!Set.of("pairs", "includeSelectors", "includeTemplates").contains(key)) {
                    throw unsupported(dir, "labels." + key);
                }
            }
            boolean selectors = Boolean.TRUE.equals(entry.get("includeSelectors"));
            boolean templates = selectors || Boolean.TRUE.equals(entry.get("includeTemplates"));
            applyLabels(stringMap(entry.get("pairs")), selectors, templates, acc, dir);
        }
        // 4. replicas
        for (Object r : list(k.get("replicas"))) {
            Map<String, Object> entry = map(r);
            int matched = 0;
            for (Map<String, Object> obj : acc) {
                if (REPLICA_KINDS.contains(obj.get("kind"))
                        && Objects.equals(map(obj.get("metadata")).get("name"), entry.get("name"))) {
                    mapAt(obj, true, "spec").put("replicas", entry.get("count"));
                    matched++;
                }
            }
            if (matched == 0) {
                throw new IllegalStateException(dir + ": replicas: no workload named " + entry.get("name"));
            }
        }
        // 5. images
        for (Object i : list(k.get("images"))) {
            Map<String, Object> entry = map(i);
            for (String key : entry.keySet()) {
                if (!Set.of("name", "newName", "newTag", "digest").contains(key)) {
                    throw unsupported(dir, "images." + key);
                }
            }
            for (Map<String, Object> obj : acc) {
                forEachContainer(obj, container -> {
                    Object image = container.get("image");
                    if (image != null) {
                        container.put("image", retag(image.toString(), entry));
                    }
                });
            }
        }
    }

    private void applyLabels(Map<String, String> labels, boolean selectors, boolean templates,
                             List<Map<String, Object>> acc, Path dir) {
        for (Map<String, Object> obj : acc) {
            String kind = Objects.toString(obj.get("kind"));
            mapAt(obj, true, "metadata", "labels").putAll(labels);
            if (templates) {
                if (POD_TEMPLATE_KINDS.contains(kind)) {
                    mapAt(obj, true, "spec", "template", "metadata", "labels").putAll(labels);
                }
                if (kind.equals("StatefulSet")) {
                    for (Object vct : list(mapAt(obj, false, "spec").get("volumeClaimTemplates"))) {
                        mapAt(map(vct), true, "metadata", "labels").putAll(labels);
                    }
                }
                if (kind.equals("CronJob")) {
                    throw unsupported(dir, "labels on a CronJob");
                }
            }
            if (selectors) {
                Map<String, Object> podSpec = mapAt(obj, false, "spec", "template", "spec");
                if (podSpec.containsKey("affinity") || podSpec.containsKey("topologySpreadConstraints")
                        || kind.equals("NetworkPolicy")) {
                    throw unsupported(dir, "selector labels (commonLabels / includeSelectors) on " + id(obj)
                            + " with affinity, topologySpreadConstraints or NetworkPolicy selectors");
                }
                switch (kind) {
                    case "Service", "ReplicationController" -> mapAt(obj, true, "spec", "selector").putAll(labels);
                    case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet" ->
                            mapAt(obj, true, "spec", "selector", "matchLabels").putAll(labels);
                    case "Job", "PodDisruptionBudget" -> {
                        if (map(map(obj.get("spec")).get("selector")).containsKey("matchLabels")) {
                            mapAt(obj, true, "spec", "selector", "matchLabels").putAll(labels);
                        }
                    }
                    default -> { }
                }
            }
        }
    }

    private static String retag(String image, Map<String, Object> entry) {
        String name = image;
        String tag = null;
        String digest = null;
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at + 1);
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        if (!name.equals(entry.get("name"))) {
            return image;
        }
        if (entry.get("newName") != null) {
            name = entry.get("newName").toString();
        }
        if (entry.get("digest") != null) {
            return name + "@" + entry.get("digest");
        }
        if (entry.get("newTag") != null) {
            return name + ":" + entry.get("newTag");
        }
        return name + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    private static void forEachContainer(Map<String, Object> obj, Consumer<Map<String, Object>> action) {
        Map<String, Object> podSpec = "Pod".equals(obj.get("kind"))
                ? mapAt(obj, false, "spec")
                : "CronJob".equals(obj.get("kind"))
                        ? mapAt(obj, false, "spec", "jobTemplate", "spec", "template", "spec")
                        : mapAt(obj, false, "spec", "template", "spec");
        for (String field : List.of("initContainers", "containers")) {
            for (Object c : list(podSpec.get(field))) {
                action.accept(map(c));
            }
        }
    }

    // ------------------------------------------------------------------------------------------
    // strategic merge patches
    // ------------------------------------------------------------------------------------------

    private void applyPatch(Map<String, Object> entry, Path dir, List<Map<String, Object>> acc) {
        for (String key : entry.keySet()) {
            if (!Set.of("path", "patch", "target").contains(key)) {
                throw unsupported(dir, "patches." + key);
            }
        }
        String text = entry.get("path") != null
                ? read(dir.resolve(entry.get("path").toString()))
                : Objects.toString(entry.get("patch"), "");
        Map<String, Object> target = map(entry.get("target"));
        for (String key : target.keySet()) {
            if (!Set.of("kind", "name", "namespace").contains(key)) {
                throw unsupported(dir, "patches.target." + key + " (only kind, name, namespace)");
            }
        }
        for (Object doc : yaml().loadAll(text)) {
            if (doc == null) {
                continue;
            }
            if (!(doc instanceof Map)) {
                throw unsupported(dir, "JSON 6902 patches (a patch must be a strategic-merge YAML map)");
            }
            Map<String, Object> patch = map(doc);
            Map<String, Object> selector = new LinkedHashMap<>(target);
            if (selector.isEmpty()) {
                selector.put("kind", patch.get("kind"));
                selector.put("name", map(patch.get("metadata")).get("name"));
                if (map(patch.get("metadata")).get("namespace") != null) {
                    selector.put("namespace", map(patch.get("metadata")).get("namespace"));
                }
            }
            int matched = 0;
            for (Map<String, Object> obj : acc) {
                Map<String, Object> md = map(obj.get("metadata"));
                if (matches(selector.get("kind"), obj.get("kind"))
                        && matches(selector.get("name"), md.get("name"))
                        && matches(selector.get("namespace"), md.get("namespace"))) {
                    Map<String, Object> p = copy(patch);
                    if (!target.isEmpty()) {
                        // with a target, the patch's own name does not rename the object
                        mapAt(p, true, "metadata").put("name", md.get("name"));
                        p.remove("kind");
                        p.remove("apiVersion");
                    }
                    mergeMap(obj, p, new ArrayList<>(), dir);
                    matched++;
                }
            }
            if (matched == 0) {
                throw new IllegalStateException(dir + ": patch matches no resource: " + selector);
            }
        }
    }

    private static boolean matches(Object wanted, Object actual) {
        return wanted == null || wanted.equals(actual);
    }

    private void mergeMap(Map<String, Object> dest, Map<String, Object> patch, List<String> path, Path dir) {
        for (Map.Entry<String, Object> e : patch.entrySet()) {
            String key = e.getKey();
            Object value = e.getValue();
            if (key.startsWith("$")) {
                throw unsupported(dir, "patch directive " + key);
            }
            List<String> childPath = new ArrayList<>(path);
            childPath.add(key);
            if (value == null) {
                dest.remove(key);
            } else if (value instanceof Map && (dest.get(key) instanceof Map || !dest.containsKey(key))) {
                mergeMap(mapAt(dest, true, key), map(value), childPath, dir);
            } else if (value instanceof List && dest.get(key) instanceof List) {
                dest.put(key, mergeList(list(dest.get(key)), list(value), childPath, dir));
            } else {
                dest.put(key, copyValue(value));
            }
        }
    }

    private List<Object> mergeList(List<Object> dest, List<Object> patch, List<String> path, Path dir) {
        String mergeKey = mergeKey(path);
        if (mergeKey == null) {
            return copyList(patch);
        }
        // kustomize (kyaml) order: the patch's items in patch order, then the untouched items
        List<Object> result = new ArrayList<>();
        Set<Object> patched = new LinkedHashSet<>();
        for (Object p : patch) {
            Map<String, Object> item = map(p);
            Object key = item.get(mergeKey);
            if (key == null) {
                throw unsupported(dir, "list item without merge key '" + mergeKey + "' at " + String.join(".", path));
            }
            if (item.keySet().stream().anyMatch(k -> k.startsWith("$"))) {
                throw unsupported(dir, "patch directives in list " + String.join(".", path));
            }
            patched.add(key);
            Map<String, Object> existing = null;
            for (Object d : dest) {
                if (key.equals(map(d).get(mergeKey))) {
                    existing = map(d);
                }
            }
            if (existing == null) {
                result.add(copy(item));
            } else {
                List<String> itemPath = new ArrayList<>(path);
                itemPath.add("[]");
                mergeMap(existing, item, itemPath, dir);
                result.add(existing);
            }
        }
        for (Object d : dest) {
            if (!patched.contains(map(d).get(mergeKey))) {
                result.add(d);
            }
        }
        return result;
    }

    /** The Kubernetes patchMergeKey of a list, by its field name (and, for ports, its owner). */
    private static String mergeKey(List<String> path) {
        String field = path.get(path.size() - 1);
        switch (field) {
            case "containers", "initContainers", "ephemeralContainers", "env", "volumes",
                    "imagePullSecrets", "resourceClaims":
                return "name";
            case "volumeMounts":
                return "mountPath";
            case "volumeDevices":
                return "devicePath";
            case "hostAliases":
                return "ip";
            case "topologySpreadConstraints":
                return "topologyKey";
            case "conditions":
                return "type";
            case "ports":
                // container ports merge on containerPort, Service ports on port
                return path.size() >= 3 && path.get(path.size() - 2).equals("[]")
                        && path.get(path.size() - 3).endsWith("ontainers") ? "containerPort" : "port";
            default:
                return null;
        }
    }

    // ------------------------------------------------------------------------------------------
    // YAML and small helpers
    // ------------------------------------------------------------------------------------------

    static Yaml yaml() {
        return new Yaml(new SafeConstructor(new LoaderOptions()));
    }

    private Map<String, Object> loadKustomization(Path dir) {
        for (String name : List.of("kustomization.yaml", "kustomization.yml", "Kustomization")) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                Object doc = yaml().load(read(p));
                return doc == null ? new LinkedHashMap<>() : map(doc);
            }
        }
        throw new IllegalStateException("no kustomization.yaml in " + dir);
    }

    private static List<Map<String, Object>> loadDocuments(Path file) {
        List<Map<String, Object>> docs = new ArrayList<>();
        for (Object doc : yaml().loadAll(read(file))) {
            if (doc == null) {
                continue;
            }
            if (!(doc instanceof Map) || map(doc).get("kind") == null
                    || map(map(doc).get("metadata")).get("name") == null) {
                throw new IllegalStateException(file + ": every document needs kind and metadata.name");
            }
            if (map(doc).get("kind").toString().endsWith("List")) {
                throw new UnsupportedOperationException(file + ": List documents are not supported");
            }
            docs.add(map(doc));
        }
        return docs;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p, e);
        }
    }

    private static List<String> strings(Map<String, Object> m, String key, Path dir) {
        List<String> out = new ArrayList<>();
        for (Object o : list(m.get(key))) {
            if (o instanceof Map || o instanceof List) {
                throw unsupported(dir, key + " entries must be strings");
            }
            out.add(o.toString());
        }
        return out;
    }

    private static Map<String, String> stringMap(Object o) {
        Map<String, String> out = new LinkedHashMap<>();
        map(o).forEach((k, v) -> out.put(k, Objects.toString(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        if (o == null) {
            return new LinkedHashMap<>();
        }
        if (!(o instanceof Map)) {
            throw new IllegalStateException("expected a map, got: " + o);
        }
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object o) {
        if (o == null) {
            return new ArrayList<>();
        }
        if (!(o instanceof List)) {
            throw new IllegalStateException("expected a list, got: " + o);
        }
        return (List<Object>) o;
    }

    /** The map at {@code keys} below {@code root}; created on the way when {@code create}. */
    static Map<String, Object> mapAt(Map<String, Object> root, boolean create, String... keys) {
        Map<String, Object> current = root;
        for (String key : keys) {
            Object next = current.get(key);
            if (next == null) {
                if (!create) {
                    return new LinkedHashMap<>();
                }
                next = new LinkedHashMap<String, Object>();
                current.put(key, next);
            }
            current = map(next);
        }
        return current;
    }

    private static Map<String, Object> copy(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, copyValue(v)));
        return out;
    }

    private static List<Object> copyList(List<Object> l) {
        List<Object> out = new ArrayList<>();
        l.forEach(v -> out.add(copyValue(v)));
        return out;
    }

    private static Object copyValue(Object v) {
        if (v instanceof Map) {
            return copy(map(v));
        }
        if (v instanceof List) {
            return copyList(list(v));
        }
        return v;
    }

    private static UnsupportedOperationException unsupported(Path dir, String what) {
        return new UnsupportedOperationException(dir + ": " + what
                + " is not supported by the fallback renderer (see k8s/README.md for the subset)");
    }
}
