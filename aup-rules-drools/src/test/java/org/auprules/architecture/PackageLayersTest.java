package org.auprules.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The packages of aup-rules-drools depend on each other one way only, as docs/architecture.md
 * draws them: the entry points of {@code testing}, {@code decisionlog}, {@code ingest} and
 * {@code json} use {@code drools}, which uses {@code drools.internal}, which uses
 * {@code drools.rules} and the shared helpers of {@code org.auprules.internal}; nothing points back
 * up. Read from the compiled classes, so a name in a comment is no dependency.
 */
class PackageLayersTest {

    /** Each package's layer: a package may use only packages of lower layers (the top layer's siblings excepted). */
    static final Map<String, Integer> LAYERS = Map.of(
            "org.auprules.internal", 0,
            "org.auprules.drools.rules", 1,
            "org.auprules.drools.internal", 2,
            "org.auprules.drools", 3,
            "org.auprules.json", 4,
            "org.auprules.ingest", 4,
            "org.auprules.decisionlog", 4,
            "org.auprules.testing", 4);

    static final int TOP = 4;

    static final List<String> CLASSES = CompiledClasses.names();
    static final Set<String> MODULE = new HashSet<>(CLASSES);

    /** Package to the packages it uses, each with one class-to-class reference that shows it. */
    static Map<String, Map<String, String>> packageGraph() {
        Map<String, Map<String, String>> graph = new TreeMap<>();
        for (String c : CLASSES) {
            String from = CompiledClasses.packageOf(c);
            Map<String, String> edges = graph.computeIfAbsent(from, k -> new TreeMap<>());
            for (String r : CompiledClasses.moduleReferences(c, MODULE)) {
                String to = CompiledClasses.packageOf(r);
                if (!to.equals(from)) {
                    edges.putIfAbsent(to, c + " -> " + r);
                }
            }
        }
        return graph;
    }

    @Test
    void everyPackageHasALayer() {
        assertThat(new TreeSet<>(packageGraph().keySet()))
                .as("packages of aup-rules-drools; add a new one to LAYERS")
                .isSubsetOf(LAYERS.keySet());
    }

    @Test
    void noImportRunsAgainstTheLayers() {
        List<String> upward = new ArrayList<>();
        packageGraph()
                .forEach((from, edges) -> edges.forEach((to, example) -> {
                    int a = LAYERS.getOrDefault(from, -1);
                    int b = LAYERS.getOrDefault(to, -1);
                    boolean siblingsAtTheTop = a == TOP && b == TOP;
                    if (b >= a && !siblingsAtTheTop) {
                        upward.add(from + " uses " + to + " (" + example + ")");
                    }
                }));
        assertThat(upward).as("references that run up the layers").isEmpty();
    }

    @Test
    void noPackageCycle() {
        assertThat(cycle(packageGraph())).as("a cycle of packages").isEmpty();
    }

    @Test
    void theCycleFinderFindsACycle() {
        Map<String, Map<String, String>> graph =
                Map.of("a", Map.of("b", ""), "b", Map.of("c", ""), "c", Map.of("a", ""), "d", Map.of("a", ""));
        assertThat(cycle(graph))
                .hasValueSatisfying(c -> assertThat(c).contains("a", "b", "c").doesNotContain("d"));
        assertThat(cycle(Map.of("a", Map.of("b", ""), "b", Map.of()))).isEmpty();
    }

    /** One cycle of the graph, as the packages on it in order, or empty when there is none. */
    static Optional<List<String>> cycle(Map<String, Map<String, String>> graph) {
        Set<String> done = new HashSet<>();
        for (String start : new TreeSet<>(graph.keySet())) {
            Deque<String> path = new ArrayDeque<>();
            Optional<List<String>> found = visit(start, graph, path, new HashSet<>(), done);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<List<String>> visit(
            String node,
            Map<String, Map<String, String>> graph,
            Deque<String> path,
            Set<String> onPath,
            Set<String> done) {
        if (onPath.contains(node)) {
            List<String> ring = new ArrayList<>();
            boolean in = false;
            for (String p : (Iterable<String>) path::descendingIterator) {
                in |= p.equals(node);
                if (in) {
                    ring.add(p);
                }
            }
            ring.add(node);
            return Optional.of(ring);
        }
        if (!done.add(node)) {
            return Optional.empty();
        }
        path.push(node);
        onPath.add(node);
        for (String next : graph.getOrDefault(node, Map.of()).keySet()) {
            Optional<List<String>> found = visit(next, graph, path, onPath, done);
            if (found.isPresent()) {
                return found;
            }
        }
        onPath.remove(node);
        path.pop();
        return Optional.empty();
    }
}
