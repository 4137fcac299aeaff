package org.auprules.drools.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

/**
 * The knowledge packages Drools compiled from a pack, kept as bytes so that a later run builds its
 * knowledge base without parsing, analysing and compiling the DRL again: the default pack's form
 * pre-built at {@code mvn package}, and the disk cache of {@code --policy} packs.
 *
 * <p>An archive names the digest of the pack it was compiled from and the Drools version that
 * compiled it, and carries the SHA-256 of its payload. {@link #read} takes it only when all three
 * match; the payload is then deserialized through an {@link ObjectInputFilter} that accepts only the
 * classes a knowledge package is made of ({@link #FILTER}), so even a tampered file cannot
 * instantiate anything else. Only packages that passed the sandbox's checks are ever written.
 */
public final class KieBaseArchive {

    /** The first field of every archive: what it is and the layout's version. */
    static final String MAGIC = "aup-rules knowledge packages v1";
    /** No archive of a pack is this large; a length field above it means a corrupt file. */
    static final int MAX_PAYLOAD = 64 << 20;

    /**
     * The only classes the payload may hold: Drools' and MVEL's own, the engine's fact and helper
     * types that the rules name, and the JDK's collections, boxes and time types. Anything else,
     * and any graph deeper, longer or larger than a real pack's, stops the read.
     */
    public static final ObjectInputFilter FILTER = ObjectInputFilter.Config.createFilter(String.join(
            ";",
            "maxdepth=200",
            "maxrefs=2000000",
            "maxbytes=" + MAX_PAYLOAD,
            "maxarray=" + MAX_PAYLOAD,
            "org.drools.**",
            "org.kie.**",
            "org.mvel2.**",
            "org.auprules.api.**",
            "org.auprules.drools.rules.*",
            "java.lang.*",
            "java.util.*",
            "java.util.concurrent.*",
            "java.util.concurrent.atomic.*",
            "java.util.concurrent.locks.*",
            "java.util.regex.*",
            "java.math.*",
            "java.time.*",
            "java.time.temporal.*",
            "!*"));

    private KieBaseArchive() {}

    /** Why an archive was not taken; the caller logs it and compiles instead. */
    public static final class Unusable extends Exception {
        private static final long serialVersionUID = 1L;

        Unusable(String message) {
            super(message);
        }

        Unusable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Writes the packages compiled from a pack.
     *
     * @param packages   what {@code KnowledgeBuilder.getKnowledgePackages()} returned, sandbox-checked
     * @param packDigest the digest of the pack they were compiled from
     * @param out        where to write; not closed
     * @throws IOException when writing fails
     */
    public static void write(Collection<KiePackage> packages, String packDigest, OutputStream out) throws IOException {
        ByteArrayOutputStream payload = new ByteArrayOutputStream(1 << 20);
        try (DroolsObjectOutputStream objects = new DroolsObjectOutputStream(payload)) {
            objects.writeObject(new ArrayList<>(packages));
        }
        byte[] bytes = payload.toByteArray();
        DataOutputStream data = new DataOutputStream(out);
        data.writeUTF(MAGIC);
        data.writeUTF(packDigest);
        data.writeUTF(droolsVersion());
        data.writeInt(bytes.length);
        data.write(sha256(bytes));
        data.write(bytes);
        data.flush();
    }

    /**
     * Reads an archive written by {@link #write} for the pack of the given digest.
     *
     * @param in         the archive; read to its end, not closed
     * @param packDigest the digest of the pack being loaded
     * @return the packages, ready for {@link #newKieBase}
     * @throws Unusable when the archive is for another pack or Drools version, truncated, altered,
     *     or holds a class the filter refuses
     */
    public static List<KiePackage> read(InputStream in, String packDigest) throws Unusable {
        byte[] payload;
        try {
            DataInputStream data = new DataInputStream(in);
            if (!MAGIC.equals(data.readUTF())) {
                throw new Unusable("not an archive of knowledge packages");
            }
            String digest = data.readUTF();
            if (!digest.equals(packDigest)) {
                throw new Unusable("it was built from pack " + digest + ", not " + packDigest);
            }
            String version = data.readUTF();
            if (!version.equals(droolsVersion())) {
                throw new Unusable("it was built by Drools " + version + ", this is Drools " + droolsVersion());
            }
            int length = data.readInt();
            if (length < 0 || length > MAX_PAYLOAD) {
                throw new Unusable("its length field (" + length + ") is out of range");
            }
            byte[] expected = data.readNBytes(32);
            payload = data.readNBytes(length);
            if (payload.length != length || expected.length != 32) {
                throw new Unusable("it is truncated");
            }
            if (!Arrays.equals(expected, sha256(payload))) {
                throw new Unusable("its content does not match its SHA-256");
            }
        } catch (IOException e) {
            throw new Unusable("it cannot be read: " + e, e);
        }
        try (DroolsObjectInputStream objects =
                new DroolsObjectInputStream(new ByteArrayInputStream(payload), KieBaseArchive.class.getClassLoader())) {
            objects.setObjectInputFilter(FILTER);
            Object read = objects.readObject();
            if (!(read instanceof List<?> list)) {
                throw new Unusable("it holds a " + read.getClass().getName() + ", not a list of packages");
            }
            List<KiePackage> packages = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof KiePackage p)) {
                    throw new Unusable("it holds a "
                            + Objects.requireNonNull(o).getClass().getName() + ", not a knowledge package");
                }
                packages.add(p);
            }
            return packages;
        } catch (IOException | ClassNotFoundException | RuntimeException e) {
            throw new Unusable("it does not deserialize: " + e, e);
        }
    }

    /**
     * A knowledge base of the given packages, configured as {@code KnowledgeBuilder.newKieBase()}
     * configures one.
     */
    public static KieBase newKieBase(Collection<KiePackage> packages) {
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase();
        kieBase.addPackages(packages);
        return kieBase;
    }

    /**
     * The Drools version on the classpath, from its jar's manifest.
     *
     * @return the version, or {@code unknown} when the manifest does not say
     */
    public static String droolsVersion() {
        String v = KnowledgeBaseFactory.class.getPackage().getImplementationVersion();
        return v == null ? "unknown" : v;
    }

    static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
