package org.auprules.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What embedders see of aup-rules-drools stays small: at most {@value #BUDGET} public top-level
 * types outside the {@code …internal} packages and the helpers DRL calls
 * ({@code org.auprules.drools.rules}), and no Drools type, nor any internal type, in a public
 * signature, except the {@code RuleContext} that DRL consequences hand to {@code Findings}.
 */
class PublicSurfaceTest {

    static final int BUDGET = 30;
    static final String RULES = "org.auprules.drools.rules";
    static final String RULE_CONTEXT = "org.kie.api.runtime.rule.RuleContext";
    private static final Pattern TYPE_NAME = Pattern.compile("[\\w.$]+");

    static boolean internal(String pkg) {
        return pkg.endsWith(".internal");
    }

    static List<Class<?>> publicTopLevelTypes() {
        List<Class<?>> out = new ArrayList<>();
        for (String name : CompiledClasses.names()) {
            if (name.contains("$")) {
                continue;
            }
            Class<?> c = load(name);
            if (Modifier.isPublic(c.getModifiers())) {
                out.add(c);
            }
        }
        return out;
    }

    static Class<?> load(String name) {
        try {
            return Class.forName(name, false, PublicSurfaceTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void atMostThirtyPublicTypesOutsideTheInternalPackagesAndTheDrlHelpers() {
        List<String> api = publicTopLevelTypes().stream()
                .map(Class::getName)
                .filter(n -> !internal(CompiledClasses.packageOf(n))
                        && !CompiledClasses.packageOf(n).equals(RULES))
                .toList();
        assertThat(api)
                .as("the public types of aup-rules-drools (%d)", api.size())
                .hasSizeLessThanOrEqualTo(BUDGET);
        assertThat(api)
                .as("the entry points")
                .contains(
                        "org.auprules.drools.DroolsAupEvaluator",
                        "org.auprules.drools.CompiledPolicy",
                        "org.auprules.drools.PolicyPack");
    }

    @Test
    void theEngineInternalsAreNotPublicApi() {
        List<String> api = publicTopLevelTypes().stream().map(Class::getName).toList();
        assertThat(api)
                .doesNotContain(
                        "org.auprules.drools.PolicyCompiler",
                        "org.auprules.drools.RuleSandbox",
                        "org.auprules.drools.RuleLocator",
                        "org.auprules.drools.DidYouMean",
                        "org.auprules.drools.FactsValidator");
        List<String> evaluatorApi = new ArrayList<>();
        for (Method m : load("org.auprules.drools.DroolsAupEvaluator").getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers())) {
                evaluatorApi.add(m.getName() + "/" + m.getParameterCount());
            }
        }
        assertThat(evaluatorApi).doesNotContain("swap/1", "evaluate/2");
        for (Field f : load("org.auprules.drools.DroolsAupEvaluator").getDeclaredFields()) {
            assertThat(f.getName().endsWith("_GLOBAL") && Modifier.isPublic(f.getModifiers()))
                    .as(f.getName())
                    .isFalse();
        }
    }

    @Test
    void noDroolsNorInternalTypeInAPublicSignature() {
        List<String> leaks = new ArrayList<>();
        for (Class<?> c : publicTopLevelTypes()) {
            if (!internal(c.getPackageName())) {
                leaks(c, leaks);
            }
        }
        assertThat(leaks)
                .as("public signatures that name a Drools or internal type")
                .isEmpty();
    }

    @Test
    void theSignatureCheckSeesADroolsType() {
        List<String> leaks = new ArrayList<>();
        leaks(Leaky.class, leaks);
        assertThat(leaks).hasSize(2).allSatisfy(l -> assertThat(l).contains("org.kie.api.KieBase"));
    }

    /** A type that shows a Drools type in two public places, to prove the check sees them. */
    public static final class Leaky {
        /** A public field of a Drools type. */
        public org.kie.api.KieBase base;

        /** A public method that returns a list of a Drools type. */
        public List<org.kie.api.KieBase> bases() {
            return List.of();
        }
    }

    /** Adds every public member signature of {@code c} and its public nested types that names a forbidden type. */
    static void leaks(Class<?> c, List<String> out) {
        check(c.getName() + " extends", c.getGenericSuperclass(), false, out);
        for (Type t : c.getGenericInterfaces()) {
            check(c.getName() + " implements", t, false, out);
        }
        for (Field f : c.getDeclaredFields()) {
            if (visible(f)) {
                check(c.getName() + "." + f.getName(), f.getGenericType(), false, out);
            }
        }
        for (Constructor<?> k : c.getDeclaredConstructors()) {
            if (visible(k)) {
                signature(c, k, false, out);
            }
        }
        for (Method m : c.getDeclaredMethods()) {
            if (visible(m) && !m.isSynthetic() && !m.isBridge()) {
                boolean drlEntry = c.getName().equals(RULES + ".Findings");
                check(c.getName() + "." + m.getName() + " returns", m.getGenericReturnType(), false, out);
                signature(c, m, drlEntry, out);
            }
        }
        for (Class<?> nested : c.getDeclaredClasses()) {
            if (Modifier.isPublic(nested.getModifiers()) || Modifier.isProtected(nested.getModifiers())) {
                leaks(nested, out);
            }
        }
    }

    private static void signature(Class<?> c, Executable e, boolean ruleContextAllowed, List<String> out) {
        for (Type p : e.getGenericParameterTypes()) {
            check(c.getName() + "." + e.getName() + " takes", p, ruleContextAllowed, out);
        }
        for (Type x : e.getGenericExceptionTypes()) {
            check(c.getName() + "." + e.getName() + " throws", x, false, out);
        }
    }

    private static boolean visible(Member m) {
        return Modifier.isPublic(m.getModifiers()) || Modifier.isProtected(m.getModifiers());
    }

    private static void check(String where, Type t, boolean ruleContextAllowed, List<String> out) {
        if (t == null) {
            return;
        }
        Matcher m = TYPE_NAME.matcher(t.getTypeName());
        while (m.find()) {
            String name = m.group();
            boolean drools = name.startsWith("org.kie.") || name.startsWith("org.drools.");
            boolean internalType = name.startsWith("org.auprules.") && name.contains(".internal.");
            if (drools && ruleContextAllowed && name.equals(RULE_CONTEXT)) {
                continue;
            }
            if (drools || internalType) {
                out.add(where + " " + name);
            }
        }
    }
}
