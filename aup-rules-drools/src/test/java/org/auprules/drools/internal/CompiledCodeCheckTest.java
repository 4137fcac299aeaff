package org.auprules.drools.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The bytecode check on classes made here with ASM, one instruction each: what the allowlist
 * admits, what it refuses, and the engine scaffolding it admits only where Drools writes it.
 */
class CompiledCodeCheckTest {

    private static final String RULE_CLASS = "rules/Rule_3$u46$7_probe123";
    private static final String FUNCTION_CLASS = "rules/Probe";
    private static final String INVOKER = RULE_CLASS + "DefaultConsequenceInvoker";
    private static final String COMPILED_INVOKER = "org/drools/base/rule/accessor/CompiledInvoker";
    private static final Handle METAFACTORY = new Handle(
            Opcodes.H_INVOKESTATIC,
            "java/lang/invoke/LambdaMetafactory",
            "metafactory",
            "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                    + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)"
                    + "Ljava/lang/invoke/CallSite;",
            false);

    /** A class with one static method {@code probe()} whose body the consumer writes. */
    private static byte[] classWith(String name, String[] interfaces, Consumer<MethodVisitor> body) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", interfaces);
        MethodVisitor m = w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "probe", "()V", null, null);
        m.visitCode();
        body.accept(m);
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }

    private static List<String> refused(String name, String[] interfaces, Consumer<MethodVisitor> body) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        classes.put(name + ".class", classWith(name, interfaces, body));
        return CompiledCodeCheck.check(classes, Set.of()).stream()
                .map(CompiledCodeCheck.Finding::reference)
                .toList();
    }

    private static List<String> inRuleClass(Consumer<MethodVisitor> body) {
        return refused(RULE_CLASS, new String[0], body);
    }

    private static void call(MethodVisitor m, int opcode, String owner, String name, String descriptor) {
        m.visitMethodInsn(opcode, owner, name, descriptor, opcode == Opcodes.INVOKEINTERFACE);
    }

    @Test
    void allowedJdkMembersFactsAndTheRuleContextPass() {
        assertThat(inRuleClass(m -> {
                    call(m, Opcodes.INVOKESTATIC, "java/lang/Math", "max", "(II)I");
                    call(m, Opcodes.INVOKESTATIC, "java/util/List", "of", "()Ljava/util/List;");
                    call(m, Opcodes.INVOKEINTERFACE, "java/util/List", "size", "()I");
                    call(
                            m,
                            Opcodes.INVOKEVIRTUAL,
                            "org/auprules/api/facts/HostedProcess",
                            "name",
                            "()Ljava/lang/String;");
                    call(
                            m,
                            Opcodes.INVOKEINTERFACE,
                            "org/kie/api/runtime/rule/RuleContext",
                            "getRule",
                            "()Lorg/kie/api/definition/rule/Rule;");
                    m.visitFieldInsn(Opcodes.GETSTATIC, "java/lang/Boolean", "FALSE", "Ljava/lang/Boolean;");
                    m.visitTypeInsn(Opcodes.NEW, "java/lang/StringBuilder");
                    m.visitLdcInsn(Type.getObjectType("org/auprules/api/facts/HostedProcess"));
                }))
                .isEmpty();
    }

    @Test
    void everyKindOfReferenceOutsideTheAllowlistIsRefused() {
        assertThat(inRuleClass(m -> call(m, Opcodes.INVOKESTATIC, "java/lang/System", "exit", "(I)V")))
                .containsExactly("java.lang.System.exit");
        assertThat(inRuleClass(m -> call(m, Opcodes.INVOKEVIRTUAL, "java/lang/String", "getBytes", "()[B")))
                .containsExactly("java.lang.String.getBytes");
        assertThat(inRuleClass(
                        m -> call(m, Opcodes.INVOKEVIRTUAL, "java/lang/Object", "getClass", "()Ljava/lang/Class;")))
                .containsExactly("java.lang.Object.getClass");
        assertThat(inRuleClass(m -> call(
                        m, Opcodes.INVOKEINTERFACE, "org/kie/api/runtime/rule/RuleContext", "getKieRuntime", "()V")))
                .containsExactly("org.kie.api.runtime.rule.RuleContext.getKieRuntime");
        assertThat(inRuleClass(m -> call(m, Opcodes.INVOKEVIRTUAL, "[I", "getClass", "()Ljava/lang/Class;")))
                .containsExactly("[I.getClass");
        assertThat(inRuleClass(m -> call(m, Opcodes.INVOKEVIRTUAL, "[I", "clone", "()Ljava/lang/Object;")))
                .as("copying an array")
                .isEmpty();
        assertThat(inRuleClass(m -> m.visitTypeInsn(Opcodes.CHECKCAST, "java/beans/Expression")))
                .containsExactly("java.beans.Expression");
        assertThat(inRuleClass(m -> m.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Thread")))
                .containsExactly("java.lang.Thread");
        assertThat(inRuleClass(m -> m.visitLdcInsn(Type.getObjectType("java/lang/Runtime"))))
                .containsExactly("java.lang.Runtime");
        assertThat(inRuleClass(m -> m.visitFieldInsn(
                        Opcodes.PUTSTATIC, "org/auprules/api/facts/HostedProcess", "x", "Ljava/lang/String;")))
                .containsExactly("writes org.auprules.api.facts.HostedProcess.x");
        assertThat(inRuleClass(m -> m.visitLdcInsn(new Handle(
                        Opcodes.H_INVOKESTATIC, "java/lang/Runtime", "getRuntime", "()Ljava/lang/Runtime;", false))))
                .containsExactly("java.lang.Runtime.getRuntime");
        assertThat(inRuleClass(m -> m.visitLdcInsn(new ConstantDynamic("x", "Ljava/lang/Object;", METAFACTORY))))
                .containsExactly("dynamic constant x");
    }

    @Test
    void onlyJavacsBootstrapsPass_andALambdaOnlyWhenItsImplementationIsAllowed() {
        Handle bootstrap =
                new Handle(Opcodes.H_INVOKESTATIC, "org/example/Evil", "bootstrap", METAFACTORY.getDesc(), false);
        assertThat(inRuleClass(m -> m.visitInvokeDynamicInsn("run", "()Ljava/lang/Runnable;", bootstrap)))
                .containsExactly("invokedynamic org.example.Evil.bootstrap");
        Handle exit = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/System", "exit", "(I)V", false);
        assertThat(inRuleClass(m -> m.visitInvokeDynamicInsn(
                        "accept",
                        "()Ljava/util/function/IntConsumer;",
                        METAFACTORY,
                        Type.getType("(I)V"),
                        exit,
                        Type.getType("(I)V"))))
                .containsExactly("java.lang.System.exit");
        Handle max = new Handle(Opcodes.H_INVOKESTATIC, "java/lang/Math", "abs", "(I)I", false);
        assertThat(inRuleClass(m -> m.visitInvokeDynamicInsn(
                        "applyAsInt",
                        "()Ljava/util/function/IntUnaryOperator;",
                        METAFACTORY,
                        Type.getType("(I)I"),
                        max,
                        Type.getType("(I)I"))))
                .isEmpty();
    }

    @Test
    void engineScaffoldingPassesOnlyWhereDroolsWritesIt() {
        Consumer<MethodVisitor> fieldValue = m -> call(
                m,
                Opcodes.INVOKESTATIC,
                "org/drools/mvel/field/FieldFactory",
                "getInstance",
                "()Lorg/drools/mvel/field/FieldFactory;");
        Consumer<MethodVisitor> engine = m -> call(
                m,
                Opcodes.INVOKEVIRTUAL,
                "org/drools/core/common/InternalWorkingMemory",
                "getKnowledgeBase",
                "()Ljava/lang/Object;");

        assertThat(inRuleClass(fieldValue)).as("the preamble of a rule class").isEmpty();
        assertThat(refused(FUNCTION_CLASS, new String[0], fieldValue))
                .as("a function is the analyst's alone")
                .containsExactly("org.drools.mvel.field.FieldFactory.getInstance");
        assertThat(inRuleClass(engine))
                .containsExactly("org.drools.core.common.InternalWorkingMemory.getKnowledgeBase");
        assertThat(refused(INVOKER, new String[] {COMPILED_INVOKER}, engine))
                .as("an invoker Drools generated")
                .isEmpty();
        assertThat(refused(INVOKER, new String[0], engine))
                .as("a class named like an invoker that is not one")
                .containsExactly("org.drools.core.common.InternalWorkingMemory.getKnowledgeBase");
        assertThat(refused(
                        INVOKER,
                        new String[] {COMPILED_INVOKER},
                        m -> call(m, Opcodes.INVOKESTATIC, "java/lang/System", "exit", "(I)V")))
                .as("not even an invoker may leave the engine and the allowlist")
                .containsExactly("java.lang.System.exit");
    }

    @Test
    void aStaticInitialiserIsCheckedLikeAnyMethod() {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, FUNCTION_CLASS, null, "java/lang/Object", null);
        MethodVisitor m = w.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        m.visitCode();
        call(m, Opcodes.INVOKESTATIC, "java/lang/System", "gc", "()V");
        m.visitInsn(Opcodes.RETURN);
        m.visitMaxs(0, 0);
        m.visitEnd();
        w.visitEnd();

        assertThat(CompiledCodeCheck.check(Map.of(FUNCTION_CLASS + ".class", w.toByteArray()), Set.of()))
                .extracting(CompiledCodeCheck.Finding::reference)
                .containsExactly("java.lang.System.gc");
    }
}
