package org.auprules.architecture;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.auprules.drools.DroolsAupEvaluator;

/**
 * The classes of aup-rules-drools as compiled (not as written: a name in a comment is no
 * dependency), and the classes each one refers to, read from its constant pool.
 */
final class CompiledClasses {

    private static final Pattern DESCRIPTOR_CLASS = Pattern.compile("L(org/auprules/[\\w/$]+)[;<]");

    private CompiledClasses() {}

    /** The folder of the module's compiled main classes. */
    static Path mainClasses() {
        try {
            return Path.of(DroolsAupEvaluator.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the compiled classes", e);
        }
    }

    /** Every compiled main class, by binary name ({@code org.auprules.drools.CompiledPolicy$RuleInfo}). */
    static List<String> names() {
        Path root = mainClasses();
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> root.relativize(p)
                            .toString()
                            .replace(root.getFileSystem().getSeparator(), "."))
                    .map(n -> n.substring(0, n.length() - ".class".length()))
                    .filter(n -> !n.endsWith("package-info") && !n.equals("module-info"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The package of a binary class name. */
    static String packageOf(String binaryName) {
        return binaryName.substring(0, binaryName.lastIndexOf('.'));
    }

    /** The {@code org.auprules} classes a compiled class refers to, by binary name; string constants do not count. */
    static Set<String> references(String binaryName) {
        Path file = mainClasses().resolve(binaryName.replace('.', '/') + ".class");
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(file)))) {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IllegalStateException(file + " is not a class file");
            }
            in.readUnsignedShort();
            in.readUnsignedShort();
            int count = in.readUnsignedShort();
            String[] utf8 = new String[count];
            Set<Integer> classNames = new HashSet<>();
            Set<Integer> stringConstants = new HashSet<>();
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                switch (tag) {
                    case 1 -> utf8[i] = in.readUTF();
                    case 7 -> classNames.add(in.readUnsignedShort());
                    case 8 -> stringConstants.add(in.readUnsignedShort());
                    case 16, 19, 20 -> in.readUnsignedShort();
                    case 15 -> {
                        in.readUnsignedByte();
                        in.readUnsignedShort();
                    }
                    case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt();
                    case 5, 6 -> {
                        in.readLong();
                        i++;
                    }
                    default -> throw new IllegalStateException(file + ": unknown constant pool tag " + tag);
                }
            }
            Set<String> refs = new TreeSet<>();
            for (int i = 1; i < count; i++) {
                if (utf8[i] == null || (stringConstants.contains(i) && !classNames.contains(i))) {
                    continue;
                }
                if (classNames.contains(i) && utf8[i].startsWith("org/auprules/")) {
                    refs.add(utf8[i].replace('/', '.'));
                }
                Matcher m = DESCRIPTOR_CLASS.matcher(utf8[i]);
                while (m.find()) {
                    refs.add(m.group(1).replace('/', '.'));
                }
            }
            refs.remove(binaryName);
            return refs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code org.auprules} class of the module that {@code binaryName} refers to. */
    static List<String> moduleReferences(String binaryName, Set<String> moduleClasses) {
        List<String> out = new ArrayList<>();
        for (String r : references(binaryName)) {
            if (moduleClasses.contains(r)) {
                out.add(r);
            }
        }
        return out;
    }
}
