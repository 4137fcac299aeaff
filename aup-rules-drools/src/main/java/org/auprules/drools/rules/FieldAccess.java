package org.auprules.drools.rules;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link MessageTemplate} reads {@code $b.field}: on a record, or any other object, a public
 * method without arguments of that name ({@code getField()} and {@code isField()} too); on a map,
 * the value of that key; on a collection, {@code size} only. The same rules answer, before any
 * rule fires, which fields a type has, so that {@code validate} can report an unknown one.
 */
public final class FieldAccess {

    /** What a collection offers a template. */
    public static final String SIZE = "size";

    private static final Set<String> OBJECT_METHODS =
            Set.of("getClass", "hashCode", "toString", "clone", "notify", "notifyAll", "wait", "finalize");
    private static final Map<Class<?>, Map<String, Method>> METHODS = new ConcurrentHashMap<>();

    private FieldAccess() {}

    /**
     * Reads a field path from a value, null-safe: a missing value anywhere on the path gives {@code null}.
     *
     * @param value  the binding's value, or {@code null}
     * @param fields the fields to read, in order
     * @return the value at the end of the path, or {@code null}
     */
    public static @Nullable Object read(@Nullable Object value, List<String> fields) {
        Object v = value;
        for (String f : fields) {
            if (v instanceof Optional<?> o) {
                v = o.orElse(null);
            }
            if (v == null) {
                return null;
            }
            v = field(v, f);
        }
        return v;
    }

    private static @Nullable Object field(Object v, String f) {
        if (v instanceof Map<?, ?> m) {
            return m.get(f);
        }
        if (v instanceof Collection<?> c) {
            if (SIZE.equals(f)) {
                return c.size();
            }
            throw new IllegalArgumentException("a collection has no field `" + f + "`; only `size`");
        }
        Method m = methods(v.getClass()).get(f);
        if (m == null) {
            throw new IllegalArgumentException("`" + v.getClass().getSimpleName() + "` has no field `" + f + "`");
        }
        try {
            return m.invoke(v);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(
                    "cannot read `" + f + "` of `" + v.getClass().getName() + "`", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "reading `" + f + "` of `" + v.getClass().getSimpleName() + "` failed", e.getCause());
        }
    }

    /**
     * The type of a field of a type, as templates read it.
     *
     * @param owner the type read from, e.g. {@code HostedProcess.class} or {@code Map<String, String>}
     * @param field the field's name
     * @return its type, or empty when the type has no such field
     */
    public static Optional<Type> fieldType(Type owner, String field) {
        Class<?> raw = raw(owner);
        if (Optional.class.equals(raw)) {
            return fieldType(argument(owner, 0), field);
        }
        if (Map.class.isAssignableFrom(raw)) {
            return Optional.of(argument(owner, 1));
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            return SIZE.equals(field) ? Optional.of(int.class) : Optional.empty();
        }
        Method m = methods(boxed(raw)).get(field);
        return m == null ? Optional.empty() : Optional.of(m.getGenericReturnType());
    }

    /**
     * The fields a type offers templates, sorted, for a did-you-mean; a map's keys are open and not listed.
     *
     * @param owner the type
     * @return the field names
     */
    public static Set<String> fieldNames(Type owner) {
        Class<?> raw = raw(owner);
        if (Optional.class.equals(raw)) {
            return fieldNames(argument(owner, 0));
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            return Set.of(SIZE);
        }
        if (Map.class.isAssignableFrom(raw)) {
            return Set.of();
        }
        return new TreeSet<>(methods(boxed(raw)).keySet());
    }

    /**
     * Whether a type's fields can be read at all: not a number, text, instant, enum or other plain value.
     *
     * @param owner the type
     * @return whether {@code $b.field} can name anything on it
     */
    public static boolean hasFields(Type owner) {
        Class<?> raw = boxed(raw(owner));
        if (Optional.class.equals(raw)) {
            return hasFields(argument(owner, 0));
        }
        return !(raw.isPrimitive()
                || Number.class.isAssignableFrom(raw)
                || CharSequence.class.isAssignableFrom(raw)
                || Boolean.class.equals(raw)
                || Character.class.equals(raw)
                || raw.isEnum()
                || raw.getName().startsWith("java.time.")
                || Object.class.equals(raw));
    }

    /**
     * The class of a type, as validation names it in messages.
     *
     * @param t a class, parameterized type, wildcard or type variable
     * @return {@code List} for {@code List<String>}, the bound of {@code ? extends Fact}, and
     *         {@code Object} for a type variable
     */
    public static Class<?> raw(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return raw(p.getRawType());
        }
        if (t instanceof WildcardType w && w.getUpperBounds().length == 1) {
            return raw(w.getUpperBounds()[0]);
        }
        return Object.class;
    }

    private static Type argument(Type t, int index) {
        if (t instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
            return p.getActualTypeArguments()[index];
        }
        return Object.class;
    }

    private static Class<?> boxed(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return c == int.class
                ? Integer.class
                : c == long.class
                        ? Long.class
                        : c == double.class
                                ? Double.class
                                : c == boolean.class
                                        ? Boolean.class
                                        : c == float.class
                                                ? Float.class
                                                : c == short.class
                                                        ? Short.class
                                                        : c == byte.class
                                                                ? Byte.class
                                                                : c == char.class ? Character.class : Void.class;
    }

    /** The readable methods of a public class, by field name; {@code getX} and {@code isX} also under {@code x}. */
    private static Map<String, Method> methods(Class<?> type) {
        return METHODS.computeIfAbsent(type, FieldAccess::scan);
    }

    private static Map<String, Method> scan(Class<?> type) {
        Class<?> visible = type;
        while (visible != null && !Modifier.isPublic(visible.getModifiers())) {
            visible = visible.getSuperclass();
        }
        Map<String, Method> found = new ConcurrentHashMap<>();
        if (visible == null || visible.isPrimitive()) {
            return found;
        }
        Arrays.stream(visible.getMethods())
                .filter(m -> m.getParameterCount() == 0
                        && m.getReturnType() != void.class
                        && !Modifier.isStatic(m.getModifiers())
                        && !OBJECT_METHODS.contains(m.getName())
                        && Modifier.isPublic(m.getDeclaringClass().getModifiers()))
                .forEach(m -> {
                    found.putIfAbsent(m.getName(), m);
                    String n = m.getName();
                    if (n.length() > 3 && n.startsWith("get") && Character.isUpperCase(n.charAt(3))) {
                        found.putIfAbsent(Character.toLowerCase(n.charAt(3)) + n.substring(4), m);
                    } else if (n.length() > 2 && n.startsWith("is") && Character.isUpperCase(n.charAt(2))) {
                        found.putIfAbsent(Character.toLowerCase(n.charAt(2)) + n.substring(3), m);
                    }
                });
        return found;
    }
}
