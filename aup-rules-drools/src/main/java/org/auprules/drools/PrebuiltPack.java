package org.auprules.drools;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.internal.KieBaseArchive;
import org.jspecify.annotations.Nullable;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default pack compiled at {@code mvn package}: {@link #main} compiles it with every sandbox
 * check, validates it, and writes its knowledge packages beside the pack's folder in the jar
 * ({@link #RESOURCE}). At run time a pack whose digest is the one recorded there loads them
 * instead of compiling its DRL; a pack of another digest compiles, and when that pack is the
 * default pack itself (the jar's pack was changed after the build) a warning says so.
 */
final class PrebuiltPack {

    /** Where the archive is on the classpath: beside the pack's folder, so it is no part of the pack's digest. */
    static final String RESOURCE = PolicyPack.DEFAULT_PACK_RESOURCE + ".kpkg";
    /** Set to {@code false} to compile the default pack as any other pack (to measure, or to compare). */
    static final String PROPERTY = "aup-rules.prebuilt";

    private static final Logger LOG = LoggerFactory.getLogger(PrebuiltPack.class);
    private static final String DEFAULT_LOCATION = "classpath:" + PolicyPack.DEFAULT_PACK_RESOURCE;

    private final byte @Nullable [] archive;
    private final @Nullable String digest;
    private final String name;

    private PrebuiltPack(byte @Nullable [] archive, String name) {
        this.archive = archive;
        this.name = name;
        this.digest = archive == null ? null : recordedDigest(archive);
    }

    /** The archive shipped in this library's jar, read once; absent when the build did not make one. */
    static PrebuiltPack shipped() {
        return Shipped.INSTANCE;
    }

    /** An archive given as bytes, for tests. */
    static PrebuiltPack of(byte[] archive, String name) {
        return new PrebuiltPack(archive.clone(), name);
    }

    /** No archive at all: every pack compiles. */
    static PrebuiltPack absent() {
        return new PrebuiltPack(null, "no pre-built pack");
    }

    /** Holder of the shipped archive, so that nothing is read until a pack is loaded. */
    private static final class Shipped {
        static final PrebuiltPack INSTANCE = read();

        private static PrebuiltPack read() {
            try (InputStream in = PrebuiltPack.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                return in == null ? absent() : new PrebuiltPack(in.readAllBytes(), "classpath:" + RESOURCE);
            } catch (IOException e) {
                LOG.warn("cannot read the pre-built default pack `{}`: {}", RESOURCE, e.toString());
                return absent();
            }
        }
    }

    /** Whether the archive is of this pack: its recorded digest is the pack's. */
    boolean covers(PolicyPack pack) {
        return digest != null && digest.equals(pack.digest());
    }

    /** The pack's knowledge packages when the archive is of it and intact; empty, and a warning for the default pack, when not. */
    Optional<List<KiePackage>> find(PolicyPack pack) {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            return Optional.empty();
        }
        boolean isDefault = DEFAULT_LOCATION.equals(pack.location());
        if (archive == null) {
            if (isDefault) {
                LOG.debug("no pre-built default pack on the classpath (`{}`); compiling it", RESOURCE);
            }
            return Optional.empty();
        }
        if (!covers(pack)) {
            if (isDefault) {
                LOG.warn(
                        "the pre-built default pack `{}` is of {}, but the pack on the classpath is {}; compiling it",
                        name,
                        digest,
                        pack.digest());
            }
            return Optional.empty();
        }
        try {
            return Optional.of(KieBaseArchive.read(new ByteArrayInputStream(archive), pack.digest()));
        } catch (KieBaseArchive.Unusable e) {
            LOG.warn("the pre-built default pack `{}` is unusable: {}; compiling it", name, e.getMessage());
            return Optional.empty();
        }
    }

    /** The pack digest an archive records, or null when its header does not read. */
    private static @Nullable String recordedDigest(byte[] archive) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(archive));
            in.readUTF(); // the magic; KieBaseArchive.read checks it
            return in.readUTF();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Compiles and validates the default pack and writes its archive; run by the build at
     * {@code prepare-package}, so the jar ships it. Fails (exit status 1) when the pack has any
     * error, or when Drools or the sandbox has anything to say about it: a pre-built pack must be
     * what a clean, checked compile gives.
     *
     * @param args the file to write, e.g. {@code target/classes/org/auprules/packs/entrecloud.kpkg}
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: PrebuiltPack OUTPUT_FILE");
            System.exit(2);
        }
        PolicyPack pack = PolicyPack.defaultPack();
        List<KiePackage> compiled = new ArrayList<>();
        PolicyCompiler.Compilation c =
                PolicyCompiler.compile(pack, false, CompiledPolicy.Cache.of(absent(), null), compiled::addAll);
        PolicyValidator.Validation v = PolicyValidator.validate(pack);
        List<PolicyProblem> errors = new ArrayList<>(c.problems());
        errors.addAll(v.problems());
        errors.removeIf(p -> !p.isError());
        if (!c.succeeded() || !v.valid() || compiled.isEmpty()) {
            System.err.println("the default pack does not build cleanly, so it cannot ship pre-built:");
            errors.forEach(p -> System.err.println("  " + p));
            if (compiled.isEmpty() && errors.isEmpty()) {
                System.err.println("  Drools or the sandbox reported warnings: "
                        + c.problems().stream().map(PolicyProblem::toString).toList());
            }
            System.exit(1);
        }
        Path out = Path.of(args[0]);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (OutputStream o = Files.newOutputStream(out)) {
            KieBaseArchive.write(compiled, pack.digest(), o);
        }
        check(Files.readAllBytes(out), pack, compiled);
        System.out.println("pre-built default pack " + pack.digest() + ": " + Files.size(out) + " bytes, "
                + c.policy().orElseThrow().rules().size() + " rules -> " + out);
    }

    /** Reads the archive back and builds a knowledge base of it with the same rules, or fails the build. */
    private static void check(byte[] written, PolicyPack pack, Collection<KiePackage> compiled) {
        try {
            KieBase loaded =
                    KieBaseArchive.newKieBase(KieBaseArchive.read(new ByteArrayInputStream(written), pack.digest()));
            long rules = loaded.getKiePackages().stream()
                    .mapToLong(p -> p.getRules().size())
                    .sum();
            long expected =
                    compiled.stream().mapToLong(p -> p.getRules().size()).sum();
            if (rules != expected) {
                throw new IllegalStateException("the archive holds " + rules + " rules, the compile " + expected);
            }
        } catch (KieBaseArchive.Unusable e) {
            throw new UncheckedIOException(new IOException("the archive just written does not read back", e));
        }
    }
}
