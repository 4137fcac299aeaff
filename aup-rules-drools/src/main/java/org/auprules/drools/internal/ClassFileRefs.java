package org.auprules.drools.internal;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The methods and fields a compiled class refers to, read from its constant pool. The sandbox uses
 * it on the classes Drools compiles from consequences, so that a call is seen however its source
 * was spelt.
 */
public final class ClassFileRefs {

    /**
     * One reference from the class to a member of another.
     *
     * @param owner     the class that declares the member, dotted ({@code java.lang.System})
     * @param name      the member's name ({@code exit})
     * @param bootstrap whether the reference is only a bootstrap method of an {@code invokedynamic}
     *                  (string concatenation, lambdas), which the compiler adds by itself
     */
    public record MemberRef(String owner, String name, boolean bootstrap) {}

    private ClassFileRefs() {}

    /**
     * The member references of a class file.
     *
     * @throws IllegalArgumentException when the bytes are not a class file
     */
    public static List<MemberRef> of(byte[] classFile) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalArgumentException("not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            Object[] pool = new Object[count];
            int[][] refs = new int[count][];
            int[] tags = new int[count];
            Set<Integer> handleTargets = new HashSet<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                tags[i] = tag;
                switch (tag) {
                    case 1 -> pool[i] = in.readUTF();
                    case 3, 4 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    }
                    case 7, 8, 16, 19, 20 -> refs[i] = new int[] {in.readUnsignedShort()};
                    case 9, 10, 11, 12, 17, 18 -> refs[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                    case 15 -> {
                        in.readUnsignedByte();
                        handleTargets.add(in.readUnsignedShort());
                    }
                    default -> throw new IllegalArgumentException("unknown constant pool tag " + tag);
                }
            }
            List<MemberRef> members = new ArrayList<>();
            for (int i = 1; i < count; i++) {
                if (tags[i] == 9 || tags[i] == 10 || tags[i] == 11) {
                    String owner = (String) pool[refs[refs[i][0]][0]];
                    String name = (String) pool[refs[refs[i][1]][0]];
                    members.add(new MemberRef(owner.replace('/', '.'), name, handleTargets.contains(i)));
                }
            }
            return members;
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("cannot read class file: " + e.getMessage(), e);
        }
    }
}
