package org.auprules.drools.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.WildcardType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.auprules.drools.rules.Findings;

/**
 * What the code of an untrusted pack may name: the types and members of the resource
 * {@code sandbox-allowlist.txt} (JDK values, the rule context), and every public member of the
 * fact types and of the pack's helper types, found by reflection so that a helper added later is
 * allowed as it is. Everything else is refused.
 */
public final class SandboxAllowlist {

    /** The resource a reviewer reads: one line per type and its members. */
    public static final String RESOURCE = "sandbox-allowlist.txt";

    /** The member name a constructor is listed under. */
    public static final String CONSTRUCTOR = "new";

    /**
     * Names refused on every type, whatever the allowlist says: reflection, monitors, threads,
     * the JVM, and every way from the rule context to the engine.
     */
    public static final Set<String> ALWAYS_REFUSED = Set.of(
            "getClass",
            "class",
            "wait",
            "notify",
            "notifyAll",
            "finalize",
            "clone",
            "parallel",
            "parallelStream",
            "getRuntime",
            "getClassLoader",
            "classLoader",
            "forName",
            "loadClass",
            "defineClass",
            "newInstance",
            "invoke",
            "invokeExact",
            "setAccessible",
            "getKieRuntime",
            "getKnowledgeRuntime",
            "getKieBase",
            "getKieSession",
            "getWorkingMemory",
            "getEntryPoint",
            "getEntryPoints",
            "getChannels",
            "getGlobals",
            "getGlobal",
            "setGlobal",
            "halt",
            "getEnvironment",
            "getSession",
            "removeRule",
            "kieRuntime",
            "kieBase",
            "workingMemory",
            "channels",
            "globals",
            "environment",
            "session");

    /** Members of Object, Record and Enum that reflection adds to our own types. */
    private static final Set<String> ROOT_MEMBERS_KEPT =
            Set.of("equals", "hashCode", "toString", "name", "ordinal", "compareTo");

    private static final SandboxAllowlist INSTANCE = load();

    /** Allowed types by binary name ({@code java.util.Map$Entry}) to the members listed on them. */
    private final Map<String, Set<String>> types;
    /** Engine members Drools writes around the analyst's code in a rule's class. */
    private final Map<String, Set<String>> scaffolding;
    /** Every member name allowed on some type, with the bean-property names of its getters. */
    private final Set<String> memberNames;
    /** Every type's own members plus those of its allowed supertypes, computed once per type. */
    private final Map<String, Set<String>> effective = new ConcurrentHashMap<>();

    private SandboxAllowlist(Map<String, Set<String>> types, Map<String, Set<String>> scaffolding) {
        this.types = types;
        this.scaffolding = scaffolding;
        Set<String> names = new HashSet<>();
        for (Set<String> members : types.values()) {
            for (String m : members) {
                names.add(m);
                property(m).ifPresent(names::add);
            }
        }
        names.removeAll(ALWAYS_REFUSED);
        this.memberNames = Set.copyOf(names);
    }

    /** The allowlist of this library. */
    public static SandboxAllowlist get() {
        return INSTANCE;
    }

    /** Whether code may name a type, by its binary name ({@code java.util.Map$Entry}). */
    public boolean allowsType(String binaryName) {
        return types.containsKey(binaryName);
    }

    /**
     * Whether code may use a member ({@link #CONSTRUCTOR} for a constructor) on a type: listed on
     * it or on one of its allowed supertypes, and not refused on every type.
     */
    public boolean allowsMember(String binaryName, String member) {
        if (ALWAYS_REFUSED.contains(member) || !types.containsKey(binaryName)) {
            return false;
        }
        return effective.computeIfAbsent(binaryName, this::effectiveMembers).contains(member);
    }

    /** Whether some allowed type allows a member of this name (or a getter of this property). */
    public boolean allowsMemberName(String name) {
        return memberNames.contains(name);
    }

    /** Whether Drools' own code around a consequence or an accumulate expression may use this engine member. */
    public boolean allowsScaffolding(String binaryName, String member) {
        Set<String> members = scaffolding.get(binaryName);
        return members != null && (members.isEmpty() || members.contains(member));
    }

    /** Whether a type is one Drools' code around the analyst's may name. */
    public boolean isScaffoldingType(String binaryName) {
        return scaffolding.containsKey(binaryName);
    }

    /** The allowed types and their listed members, sorted: what docs/security.md shows. */
    public Map<String, Set<String>> types() {
        Map<String, Set<String>> sorted = new TreeMap<>();
        types.forEach((t, m) -> sorted.put(t, new TreeSet<>(m)));
        return sorted;
    }

    /** The bean property a getter reads ({@code getName} and {@code isEmpty} give {@code name}, {@code empty}). */
    static Optional<String> property(String method) {
        for (String prefix : List.of("get", "is")) {
            if (method.length() > prefix.length()
                    && method.startsWith(prefix)
                    && Character.isUpperCase(method.charAt(prefix.length()))) {
                String rest = method.substring(prefix.length());
                return Optional.of(Character.toLowerCase(rest.charAt(0)) + rest.substring(1));
            }
        }
        return Optional.empty();
    }

    private Set<String> effectiveMembers(String binaryName) {
        Set<String> all = new HashSet<>(types.getOrDefault(binaryName, Set.of()));
        Optional<Class<?>> type = FactModel.type(binaryName);
        if (type.isEmpty()) {
            return all;
        }
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type.get());
        Set<Class<?>> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (!seen.add(c)) {
                continue;
            }
            Set<String> listed = types.get(c.getName());
            if (listed != null) {
                listed.stream().filter(m -> !m.equals(CONSTRUCTOR)).forEach(all::add);
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(List.of(c.getInterfaces()));
        }
        if (type.get().isInterface()) {
            all.addAll(types.get(Object.class.getName()));
        }
        return all;
    }

    private static SandboxAllowlist load() {
        Map<String, Set<String>> types = new HashMap<>();
        Map<String, Set<String>> scaffolding = new HashMap<>();
        try (InputStream in = SandboxAllowlist.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the sandbox allowlist `" + RESOURCE + "` is missing from the jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String l = line.strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                boolean scaffold = l.startsWith("scaffolding ");
                if (scaffold) {
                    l = l.substring("scaffolding ".length()).strip();
                }
                int colon = l.indexOf(':');
                if (colon < 0) {
                    throw new IllegalStateException("sandbox allowlist line without `:`: `" + line + "`");
                }
                String type = l.substring(0, colon).strip();
                Set<String> members = new HashSet<>();
                for (String m : l.substring(colon + 1).strip().split("\\s+", -1)) {
                    if (m.equals("*")) {
                        members.addAll(publicMembers(requireType(type)));
                    } else if (!m.isEmpty()) {
                        members.add(m);
                    }
                }
                members.removeAll(ALWAYS_REFUSED);
                (scaffold ? scaffolding : types)
                        .computeIfAbsent(type, t -> new HashSet<>())
                        .addAll(members);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (Class<?> own : ownTypes()) {
            types.computeIfAbsent(own.getName(), t -> new HashSet<>()).addAll(publicMembers(own));
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        types.forEach((t, m) -> frozen.put(t, Set.copyOf(m)));
        Map<String, Set<String>> frozenScaffolding = new HashMap<>();
        scaffolding.forEach((t, m) -> frozenScaffolding.put(t, Set.copyOf(m)));
        return new SandboxAllowlist(Map.copyOf(frozen), Map.copyOf(frozenScaffolding));
    }

    private static Class<?> requireType(String binaryName) {
        return FactModel.type(binaryName)
                .orElseThrow(() -> new IllegalStateException(
                        "the sandbox allowlist names `" + binaryName + "`, which is not found"));
    }

    /** The fact types and the pack's helper types, with their public nested types, as they are at runtime. */
    private static Set<Class<?>> ownTypes() {
        Set<Class<?>> own = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(FactModel.types().values());
        todo.add(Findings.class);
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (Modifier.isPublic(c.getModifiers()) && own.add(c)) {
                todo.addAll(List.of(c.getClasses()));
            }
        }
        return own;
    }

    /**
     * Every public constructor, method and field of a type, without the members of Object, Record
     * and Enum other than value semantics.
     */
    static Set<String> publicMembers(Class<?> type) {
        Set<String> names = new HashSet<>();
        if (type.getConstructors().length > 0) {
            names.add(CONSTRUCTOR);
        }
        for (Method m : type.getMethods()) {
            if (!m.isSynthetic()
                    && keep(m)
                    && !mentionsReflective(m.getGenericReturnType(), 0)
                    && noneReflective(m.getGenericParameterTypes())) {
                names.add(m.getName());
            }
        }
        for (Field f : type.getFields()) {
            if (keep(f) && !mentionsReflective(f.getGenericType(), 0)) {
                names.add(f.getName());
            }
        }
        return names;
    }

    /**
     * Whether a type hands out the machinery of the JVM: a helper method that returns a
     * {@code Class} (or takes one) would lead a rule straight to reflection, so it is left out
     * even on the pack's own types.
     */
    private static boolean reflective(Class<?> type) {
        Class<?> t = type.isArray() ? type.getComponentType() : type;
        String pkg = t.getPackageName();
        return t == Class.class
                || t == ClassLoader.class
                || t == Thread.class
                || t == Runtime.class
                || t == System.class
                || pkg.equals("java.lang.reflect")
                || pkg.equals("java.lang.invoke")
                || pkg.startsWith("org.drools")
                || (pkg.startsWith("org.kie") && !pkg.equals("org.kie.api.runtime.rule"));
    }

    private static boolean noneReflective(java.lang.reflect.Type[] types) {
        for (java.lang.reflect.Type t : types) {
            if (mentionsReflective(t, 0)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a type, or any type argument of it ({@code Map<String, Class<?>>}), is reflective. */
    private static boolean mentionsReflective(java.lang.reflect.Type type, int depth) {
        if (depth > 8) {
            return false;
        }
        if (type instanceof Class<?> c) {
            return reflective(c);
        }
        if (type instanceof ParameterizedType p) {
            if (mentionsReflective(p.getRawType(), depth + 1)) {
                return true;
            }
            for (java.lang.reflect.Type a : p.getActualTypeArguments()) {
                if (mentionsReflective(a, depth + 1)) {
                    return true;
                }
            }
            return false;
        }
        if (type instanceof WildcardType w) {
            return anyReflective(w.getUpperBounds(), depth) || anyReflective(w.getLowerBounds(), depth);
        }
        if (type instanceof GenericArrayType g) {
            return mentionsReflective(g.getGenericComponentType(), depth + 1);
        }
        return false;
    }

    private static boolean anyReflective(java.lang.reflect.Type[] types, int depth) {
        for (java.lang.reflect.Type t : types) {
            if (mentionsReflective(t, depth + 1)) {
                return true;
            }
        }
        return false;
    }

    private static boolean keep(Member m) {
        Class<?> declaring = m.getDeclaringClass();
        boolean root = declaring == Object.class || declaring == Record.class || declaring == Enum.class;
        return !root || ROOT_MEMBERS_KEPT.contains(m.getName());
    }
}
