package org.auprules.drools.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ConstantDynamic;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The allowlist check of the bytecode Drools compiled from a pack, read with ASM: every method
 * call, field access, {@code new}, type reference (casts, {@code instanceof}, arrays, class and
 * method-handle constants) and {@code invokedynamic} of every method, static initialisers
 * included. Drools' own invokers may use the engine; the analyst's code (rule classes with their
 * consequences, evals and accumulate code, and functions) only the allowlist, the pack's own
 * classes, and the few engine members Drools writes around a consequence.
 */
final class CompiledCodeCheck {

    /** One refused reference: the class it is in and what it names. */
    record Finding(String className, String reference) {}

    /** What wrote a class, which decides what it may name. */
    enum Origin {
        /** Rule classes and functions: the analyst's code with Drools' preamble. */
        ANALYST,
        /** The invokers Drools generates from a template to call the analyst's methods. */
        INVOKER,
        /** The bean Drools generates for a {@code declare}d type. */
        DECLARED_TYPE
    }

    /** The bootstrap methods javac uses, by owner and name. */
    private static final Map<String, Set<String>> BOOTSTRAPS = Map.of(
            "java/lang/invoke/StringConcatFactory", Set.of("makeConcatWithConstants", "makeConcat"),
            "java/lang/invoke/LambdaMetafactory", Set.of("metafactory", "altMetafactory"),
            "java/lang/runtime/ObjectMethods", Set.of("bootstrap"),
            "java/lang/runtime/SwitchBootstraps", Set.of("typeSwitch", "enumSwitch"));

    /** What code may call on an array. */
    private static final Set<String> ARRAY_MEMBERS = Set.of("clone", "equals", "hashCode", "toString");

    private static final String COMPILED_INVOKER = "org/drools/base/rule/accessor/CompiledInvoker";

    private final SandboxAllowlist allow = SandboxAllowlist.get();
    /** Every class of the pack by internal name, with its superclass. */
    private final Map<String, String> packClasses;
    /** Member names each class of the pack declares. */
    private final Map<String, Set<String>> declared = new HashMap<>();

    private CompiledCodeCheck(Map<String, byte[]> classes) {
        packClasses = new HashMap<>();
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            ClassReader r = new ClassReader(e.getValue());
            packClasses.put(r.getClassName(), r.getSuperName() == null ? "java/lang/Object" : r.getSuperName());
            Set<String> names = new HashSet<>();
            r.accept(
                    new ClassVisitor(Opcodes.ASM9) {
                        @Override
                        public MethodVisitor visitMethod(
                                int access, String name, String descriptor, String signature, String[] exceptions) {
                            names.add(name);
                            // no delegate: ASM's own visitor skips the method's body
                            return super.visitMethod(access, name, descriptor, signature, exceptions);
                        }

                        @Override
                        public FieldVisitor visitField(
                                int access, String name, String descriptor, String signature, Object value) {
                            names.add(name);
                            return super.visitField(access, name, descriptor, signature, value);
                        }
                    },
                    ClassReader.SKIP_CODE);
            declared.put(r.getClassName(), names);
        }
    }

    /**
     * Every refused reference in the classes of a pack.
     *
     * @param classes       every class Drools compiled for the pack, by resource name
     * @param declaredTypes the resource names of those that are declared types
     */
    static List<Finding> check(Map<String, byte[]> classes, Set<String> declaredTypes) {
        CompiledCodeCheck c = new CompiledCodeCheck(classes);
        Set<Finding> out = new LinkedHashSet<>();
        for (Map.Entry<String, byte[]> e : classes.entrySet()) {
            ClassReader r = new ClassReader(e.getValue());
            Set<String> interfaces = Set.of(r.getInterfaces());
            Origin origin = declaredTypes.contains(e.getKey())
                    ? Origin.DECLARED_TYPE
                    : interfaces.contains(COMPILED_INVOKER) && r.getClassName().endsWith("Invoker")
                            ? Origin.INVOKER
                            : Origin.ANALYST;
            c.checkClass(r, origin, out);
        }
        return new ArrayList<>(out);
    }

    private void checkClass(ClassReader reader, Origin origin, Set<Finding> out) {
        String self = reader.getClassName();
        boolean ruleClass = self.substring(self.lastIndexOf('/') + 1).startsWith("Rule_");
        reader.accept(
                new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(
                            int access, String name, String descriptor, String signature, String[] exceptions) {
                        return new MethodVisitor(Opcodes.ASM9) {
                            @Override
                            public void visitMethodInsn(
                                    int opcode, String owner, String member, String desc, boolean isInterface) {
                                reference(owner, member.equals("<init>") ? SandboxAllowlist.CONSTRUCTOR : member);
                            }

                            @Override
                            public void visitFieldInsn(int opcode, String owner, String member, String desc) {
                                boolean write = opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC;
                                if (write && !packClasses.containsKey(owner)) {
                                    out.add(new Finding(self, "writes " + dotted(owner) + "." + member));
                                } else {
                                    reference(owner, member);
                                }
                            }

                            @Override
                            public void visitTypeInsn(int opcode, String type) {
                                type(Type.getObjectType(type));
                            }

                            @Override
                            public void visitMultiANewArrayInsn(String descriptor, int dimensions) {
                                type(Type.getType(descriptor));
                            }

                            @Override
                            public void visitLdcInsn(Object value) {
                                constant(value);
                            }

                            @Override
                            public void visitInvokeDynamicInsn(
                                    String member, String desc, Handle bootstrap, Object... arguments) {
                                Set<String> allowed = BOOTSTRAPS.get(bootstrap.getOwner());
                                if (allowed == null || !allowed.contains(bootstrap.getName())) {
                                    out.add(new Finding(
                                            self,
                                            "invokedynamic " + dotted(bootstrap.getOwner()) + "."
                                                    + bootstrap.getName()));
                                    return;
                                }
                                for (Object a : arguments) {
                                    constant(a);
                                }
                            }

                            private void constant(Object value) {
                                if (value instanceof Type type) {
                                    if (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY) {
                                        type(type);
                                    }
                                } else if (value instanceof Handle h) {
                                    reference(
                                            h.getOwner(),
                                            h.getName().equals("<init>") ? SandboxAllowlist.CONSTRUCTOR : h.getName());
                                } else if (value instanceof ConstantDynamic d) {
                                    out.add(new Finding(self, "dynamic constant " + d.getName()));
                                }
                            }

                            private void type(Type type) {
                                Type t = type.getSort() == Type.ARRAY ? type.getElementType() : type;
                                if (t.getSort() != Type.OBJECT) {
                                    return;
                                }
                                String internal = t.getInternalName();
                                if (!typeAllowed(internal, origin, ruleClass)) {
                                    out.add(new Finding(self, dotted(internal)));
                                }
                            }

                            private void reference(String owner, String member) {
                                if (!memberAllowed(self, owner, member, origin, ruleClass)) {
                                    out.add(new Finding(self, dotted(owner) + "." + member));
                                }
                            }
                        };
                    }
                },
                0);
    }

    private boolean typeAllowed(String internal, Origin origin, boolean ruleClass) {
        String binary = internal.replace('/', '.');
        return packClasses.containsKey(internal)
                || allow.allowsType(binary)
                || (origin == Origin.INVOKER && engine(binary))
                || (origin == Origin.ANALYST && ruleClass && allow.isScaffoldingType(binary));
    }

    private boolean memberAllowed(String self, String owner, String member, Origin origin, boolean ruleClass) {
        if (owner.startsWith("[")) {
            // arrays: clone() (what an enum's values() does) copies one, and value semantics
            Type element = Type.getType(owner).getElementType();
            boolean elementAllowed =
                    element.getSort() != Type.OBJECT || typeAllowed(element.getInternalName(), origin, ruleClass);
            return elementAllowed && ARRAY_MEMBERS.contains(member);
        }
        String binary = owner.replace('/', '.');
        if (owner.equals("java/lang/Object") && member.equals(SandboxAllowlist.CONSTRUCTOR)) {
            return true;
        }
        if (origin == Origin.INVOKER) {
            return engine(binary)
                    || packClasses.containsKey(owner)
                    || allow.allowsMember(binary, member)
                    || (member.equals("getClass") && owner.equals("java/lang/Object"));
        }
        if (origin == Origin.DECLARED_TYPE
                && ((member.equals("getClass") && owner.equals(self))
                        || (owner.equals("java/lang/Class") && member.equals("getSimpleName")))) {
            return true;
        }
        if (origin == Origin.ANALYST && ruleClass && allow.allowsScaffolding(binary, member)) {
            return true;
        }
        if (SandboxAllowlist.ALWAYS_REFUSED.contains(member)) {
            return false;
        }
        if (packClasses.containsKey(owner)) {
            return ownMember(owner, member);
        }
        return allow.allowsMember(binary, member);
    }

    /** A member of a class of the pack: one it declares, or one its allowed superclass allows. */
    private boolean ownMember(String owner, String member) {
        String c = owner;
        for (int depth = 0; depth < 32 && c != null; depth++) {
            if (packClasses.containsKey(c)) {
                if (declared.getOrDefault(c, Set.of())
                        .contains(member.equals(SandboxAllowlist.CONSTRUCTOR) ? "<init>" : member)) {
                    return true;
                }
                c = packClasses.get(c);
            } else {
                return allow.allowsMember(c.replace('/', '.'), member);
            }
        }
        return false;
    }

    private static boolean engine(String binary) {
        return binary.startsWith("org.drools.") || binary.startsWith("org.kie.");
    }

    private static String dotted(String internal) {
        return internal.replace('/', '.');
    }
}
