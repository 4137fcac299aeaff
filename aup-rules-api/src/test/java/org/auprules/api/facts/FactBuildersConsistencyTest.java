package org.auprules.api.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The builders are written by hand, one per record; this test walks every record of the package by
 * reflection so that none drifts from its record: a setter per component, each writing its own
 * component, and {@code build()} giving what the canonical constructor gives.
 */
class FactBuildersConsistencyTest {

    static Stream<Class<?>> records() throws IOException, URISyntaxException {
        Path folder = Path.of(Account.class
                        .getProtectionDomain()
                        .getCodeSource()
                        .getLocation()
                        .toURI())
                .resolve(Account.class.getPackageName().replace('.', '/'));
        List<Class<?>> records = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$") && !name.startsWith("package-info")) {
                    Class<?> type = load(Account.class.getPackageName() + "." + name.replace(".class", ""));
                    if (type.isRecord() && Modifier.isPublic(type.getModifiers())) {
                        records.add(type);
                    }
                }
            }
        }
        return records.stream();
    }

    @Test
    void theWalkFindsEveryRecordOfThePackage() throws Exception {
        assertThat(records().map(Class::getSimpleName))
                .contains(
                        "AbuseReport",
                        "AccessAttempt",
                        "Account",
                        "AudioStream",
                        "BlacklistListing",
                        "DmcaNotice",
                        "EmailMessage",
                        "Export",
                        "FactSet",
                        "HostedFile",
                        "HostedProcess",
                        "Login",
                        "MailingList",
                        "NetworkActivity",
                        "OptOutRequest",
                        "Permit",
                        "ResourceUsage",
                        "Website")
                .doesNotContain("Fact", "AccountFact", "ReportType");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void everyComponentHasASetterNamedLikeIt(Class<?> type) throws Exception {
        Class<?> builder = builderType(type);
        assertThat(Modifier.isFinal(builder.getModifiers()))
                .as("%s.Builder is final", type.getSimpleName())
                .isTrue();
        for (RecordComponent c : type.getRecordComponents()) {
            Method setter = builder.getMethod(c.getName(), c.getType());
            assertThat(setter.getReturnType())
                    .as("%s.%s", type.getSimpleName(), c.getName())
                    .isEqualTo(builder);
            if (c.getType() == List.class) {
                assertThat(builder.getMethod(c.getName(), varargsType(c)).isVarArgs())
                        .isTrue();
            }
        }
        assertThat(builder.getMethod("build").getReturnType()).isEqualTo(type);
        assertThat(type.getMethod("toBuilder").getReturnType()).isEqualTo(builder);
        assertThat(Modifier.isStatic(type.getMethod("builder").getModifiers())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void buildGivesWhatTheCanonicalConstructorGives(Class<?> type) throws Exception {
        Object[] values = values(type, 1);
        Object builder = type.getMethod("builder").invoke(null);
        RecordComponent[] components = type.getRecordComponents();
        for (int i = 0; i < components.length; i++) {
            set(builder, components[i], values[i]);
        }
        Object built = builder.getClass().getMethod("build").invoke(builder);
        assertThat(built).isEqualTo(construct(type, values));
    }

    /** Changing one field at a time catches a setter that writes another field, or swapped build arguments. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void eachSetterSetsItsOwnComponentAndNoOther(Class<?> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] base = values(type, 1);
        Object[] changed = values(type, 2);
        for (int i = 0; i < components.length; i++) {
            Object builder = type.getMethod("builder").invoke(null);
            Object[] expected = base.clone();
            for (int j = 0; j < components.length; j++) {
                set(builder, components[j], base[j]);
            }
            set(builder, components[i], changed[i]);
            expected[i] = changed[i];
            assertThat(builder.getClass().getMethod("build").invoke(builder))
                    .as("%s.Builder.%s", type.getSimpleName(), components[i].getName())
                    .isEqualTo(construct(type, expected))
                    .isNotEqualTo(construct(type, base));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void theVarargsSetterAndTheListSetterAgree(Class<?> type) throws Exception {
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getType() != List.class) {
                continue;
            }
            List<?> list = (List<?>) sample(c.getGenericType(), c.getName(), 2);
            Object array = Array.newInstance(varargsType(c).getComponentType(), list.size());
            for (int i = 0; i < list.size(); i++) {
                Array.set(array, i, list.get(i));
            }
            // every other component set alike, so that a record with a required id builds
            Object byList = type.getMethod("builder").invoke(null);
            Object byVarargs = type.getMethod("builder").invoke(null);
            RecordComponent[] components = type.getRecordComponents();
            Object[] base = values(type, 1);
            for (int i = 0; i < components.length; i++) {
                set(byList, components[i], base[i]);
                set(byVarargs, components[i], base[i]);
            }
            set(byList, c, list);
            byVarargs.getClass().getMethod(c.getName(), varargsType(c)).invoke(byVarargs, array);
            Method build = byList.getClass().getMethod("build");
            assertThat(build.invoke(byVarargs))
                    .as("%s.%s", type.getSimpleName(), c.getName())
                    .isEqualTo(build.invoke(byList));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("records")
    void toBuilderStartsFromEveryField(Class<?> type) throws Exception {
        Object original = construct(type, values(type, 2));
        Object copy = type.getMethod("toBuilder").invoke(original);
        assertThat(copy.getClass().getMethod("build").invoke(copy))
                .isEqualTo(original)
                .isNotSameAs(original);
    }

    private static Class<?> builderType(Class<?> type) throws NoSuchMethodException {
        Class<?> builder = type.getMethod("builder").getReturnType();
        assertThat(builder.getEnclosingClass()).isEqualTo(type);
        assertThat(builder.getSimpleName()).isEqualTo("Builder");
        return builder;
    }

    private static Class<?> varargsType(RecordComponent c) {
        Type element = ((ParameterizedType) c.getGenericType()).getActualTypeArguments()[0];
        return element == Integer.class
                ? int[].class
                : Array.newInstance((Class<?>) element, 0).getClass();
    }

    private static void set(Object builder, RecordComponent c, Object value) throws Exception {
        call(builder.getClass().getMethod(c.getName(), c.getType()), builder, value);
    }

    private static Object construct(Class<?> type, Object[] values) throws Exception {
        Class<?>[] types = Stream.of(type.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new);
        Constructor<?> canonical = type.getDeclaredConstructor(types);
        try {
            return canonical.newInstance(values);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    private static void call(Method method, Object target, Object value) throws Exception {
        try {
            method.invoke(target, value);
        } catch (InvocationTargetException e) {
            throw (Exception) e.getCause();
        }
    }

    /** A value for every component; variant 1 and variant 2 differ in every component. */
    private static Object[] values(Class<?> type, int variant) {
        return Stream.of(type.getRecordComponents())
                .map(c -> sample(c.getGenericType(), c.getName(), variant))
                .toArray();
    }

    private static Object sample(Type type, String name, int variant) {
        if (type instanceof ParameterizedType p) {
            Type raw = p.getRawType();
            if (raw == List.class) {
                return List.of(sample(p.getActualTypeArguments()[0], name, variant));
            }
            if (raw == Map.class) {
                return Map.of(name, "value-" + variant);
            }
            throw new IllegalArgumentException("no sample for " + type);
        }
        Class<?> c = (Class<?>) type;
        if (c == String.class) {
            return name + "-" + variant;
        }
        if (c == long.class || c == Long.class) {
            return (long) variant * 10;
        }
        if (c == int.class || c == Integer.class) {
            return variant * 10;
        }
        if (c == double.class) {
            return variant * 10.5;
        }
        if (c == boolean.class || c == Boolean.class) {
            return variant == 2;
        }
        if (c == Instant.class) {
            return Instant.parse("2026-11-28T12:00:00Z").plusSeconds(variant);
        }
        if (c.isEnum()) {
            Object[] constants = c.getEnumConstants();
            return constants[variant == 1 ? 0 : constants.length - 1];
        }
        if (c == org.auprules.api.desk.Waiver.class) {
            return new org.auprules.api.desk.Waiver(
                    name + "-" + variant, "acc-" + variant, List.of("2.1" + variant), null, null, null, null, null);
        }
        if (c == org.auprules.api.desk.PriorFinding.class) {
            return new org.auprules.api.desk.PriorFinding(
                    "acc-" + variant,
                    "1.A." + variant,
                    Instant.parse("2026-11-28T12:00:00Z").plusSeconds(variant),
                    org.auprules.api.desk.PriorFinding.Outcome.VIOLATION);
        }
        if (c == DmcaNotice.class) {
            boolean v = variant == 2;
            return new DmcaNotice(v, v, v, v, v, v);
        }
        if (c.isRecord() && Fact.class.isAssignableFrom(c)) {
            try {
                return construct(c, values(c, variant));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException("no sample for " + type);
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
