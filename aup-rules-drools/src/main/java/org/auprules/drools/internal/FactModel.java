package org.auprules.drools.internal;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.auprules.api.facts.Account;
import org.auprules.drools.rules.Findings;

/**
 * The types rules can match and the fields each has, read by reflection from the fact records of
 * {@code org.auprules.api.facts} and the derived records of {@code org.auprules.drools.rules}, so
 * that a misspelt name gets a suggestion from what really exists.
 */
public final class FactModel {

    // first of all: the static maps below are built with type(), which uses this cache
    private static final java.util.Map<String, Optional<Class<?>>> LOOKED_UP =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final Map<String, Class<?>> TYPES = scan();

    private FactModel() {}

    /** Every matchable type by simple name: facts, derived records and their enums. */
    public static Map<String, Class<?>> types() {
        return TYPES;
    }

    /** A type by its fully qualified name, when the rules can see it. */
    public static Optional<Class<?>> type(String qualifiedName) {
        // every identifier of every rule is looked up, most of them in vain, and a class that is
        // not found costs a search of every jar: remember the answers
        return LOOKED_UP.computeIfAbsent(qualifiedName, name -> {
            try {
                return Optional.of(Class.forName(name, false, FactModel.class.getClassLoader()));
            } catch (ClassNotFoundException | LinkageError e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The names a rule may use on a type: record components, enum constants, and public methods
     * that take no argument and return a value.
     */
    public static Set<String> members(Class<?> type) {
        Set<String> names = new TreeSet<>();
        if (type.isRecord()) {
            for (RecordComponent c : type.getRecordComponents()) {
                names.add(c.getName());
            }
        }
        if (type.isEnum()) {
            for (Object c : type.getEnumConstants()) {
                names.add(((Enum<?>) c).name());
            }
        }
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() == 0
                    && m.getReturnType() != void.class
                    && !Modifier.isStatic(m.getModifiers())
                    && m.getDeclaringClass() != Object.class
                    && !m.getName().equals("withId")
                    && !m.getName().equals("evidenceType")) {
                names.add(m.getName());
            }
        }
        return names;
    }

    private static Map<String, Class<?>> scan() {
        Map<String, Class<?>> types = new TreeMap<>();
        for (Class<?> anchor : new Class<?>[] {Account.class, Findings.class}) {
            String pkg = anchor.getPackageName();
            for (String simple : classNames(anchor)) {
                type(pkg + "." + simple)
                        .filter(c -> Modifier.isPublic(c.getModifiers()))
                        .ifPresent(c -> types.put(c.getSimpleName(), c));
            }
        }
        return types;
    }

    /** The top-level class names in an anchor's package, from its folder or its jar. */
    private static Set<String> classNames(Class<?> anchor) {
        Set<String> names = new TreeSet<>();
        String folder = anchor.getPackageName().replace('.', '/');
        URL url = anchor.getResource(anchor.getSimpleName() + ".class");
        if (url == null) {
            return names;
        }
        try {
            if ("jar".equals(url.getProtocol())) {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                        String entry = e.nextElement().getName();
                        if (entry.startsWith(folder + "/") && entry.indexOf('/', folder.length() + 1) < 0) {
                            add(entry.substring(folder.length() + 1), names);
                        }
                    }
                }
            } else if ("file".equals(url.getProtocol())) {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()).getParent())) {
                    files.forEach(p -> add(p.getFileName().toString(), names));
                }
            }
        } catch (IOException | URISyntaxException e) {
            // Suggestions are a help, not a requirement: without them the message still names the error.
            return names;
        }
        return names;
    }

    private static void add(String file, Set<String> names) {
        if (file.endsWith(".class") && !file.contains("$") && !file.startsWith("package-info")) {
            names.add(file.substring(0, file.length() - ".class".length()));
        }
    }
}
