package org.auprules.drools;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.Notice;
import org.auprules.api.NoticeKind;
import org.auprules.api.PolicyInfo;
import org.auprules.api.PolicyProblem;
import org.auprules.api.desk.Waiver;
import org.auprules.api.facts.Account;
import org.auprules.api.policy.ClauseCatalog;
import org.auprules.drools.internal.EscalationRow;
import org.auprules.drools.internal.KieBaseArchive;
import org.auprules.drools.internal.PolicyTables;
import org.auprules.drools.rules.CategoryMatch;
import org.auprules.drools.rules.ContentTable;
import org.auprules.drools.rules.Embargo;
import org.auprules.drools.rules.Findings;
import org.auprules.drools.rules.ReportTypeTable;
import org.auprules.drools.rules.RuleSpec;
import org.auprules.drools.rules.SignatureMatch;
import org.auprules.drools.rules.SignatureTable;
import org.auprules.drools.rules.Thresholds;
import org.auprules.internal.DidYouMean;
import org.drools.base.base.ClassObjectType;
import org.drools.core.impl.InternalRuleBase;
import org.drools.core.reteoo.ObjectTypeNode;
import org.jspecify.annotations.Nullable;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;
import org.kie.api.runtime.KieSessionsPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A policy pack compiled and checked: immutable, shared by every thread that evaluates with it.
 * Obtain one with {@link #compile(PolicyPack)}.
 *
 * <pre>{@code
 * CompiledPolicy policy = CompiledPolicy.compile(PolicyPack.defaultPack());
 * }</pre>
 */
public final class CompiledPolicy {

    private final PolicyPack pack;
    private final PolicyDocument document;
    private final KieBase kieBase;
    /** The classes of the rete's object type nodes, read on first use, before any session inserts other types. */
    private volatile @Nullable Set<Class<?>> factTypesRead;

    private final Set<String> globals;
    private final List<RuleInfo> rules;
    private final List<PolicyProblem> warnings;
    private final PolicyInfo info;
    private final Map<String, Thresholds> thresholdsByPlan = new ConcurrentHashMap<>();
    private final Thresholds defaults;
    /** Created on first use by {@link #sessions()}; null until then. */
    private volatile @Nullable KieSessionsPool sessions;

    private final Embargo embargo;
    private final PolicyTables tables;
    private final Set<String> tableClauseIds;
    private final Map<List<String>, RuleSpec> specs;
    /** Whether the rules were compiled without the sandbox: the pack said so and the embedder allowed it. */
    private final boolean trusted;
    /** Whether the knowledge base was built from packages compiled earlier (pre-built or cached), not from the DRL. */
    private final boolean loaded;

    /**
     * The waivers of the pack's {@code waivers.json}, in file order; empty without one.
     *
     * @return the pack's waivers
     */
    public List<Waiver> waivers() {
        return pack.reading().desk().waivers();
    }

    /**
     * What the pack says about customer notices ({@code notices/masking.json} and its two
     * templates); empty for a pack without them.
     *
     * @return the notice rules
     */
    public java.util.Optional<org.auprules.api.desk.NoticeRules> noticeRules() {
        return pack.reading().notices().rules();
    }

    /**
     * The rows of the pack's {@code escalations.json}, in file order; empty without one.
     *
     * @return the escalation table
     */
    List<EscalationRow> escalations() {
        return pack.reading().desk().escalations();
    }

    /** The tables a rule may name in {@code @clauseFrom}. */
    public static final List<String> TABLES =
            List.of(SignatureTable.SOURCE, ContentTable.SOURCE, ReportTypeTable.SOURCE);

    CompiledPolicy(
            PolicyPack pack,
            PolicyDocument document,
            KieBase kieBase,
            Set<String> globals,
            List<RuleInfo> rules,
            List<PolicyProblem> warnings,
            PolicyTables tables,
            Map<List<String>, RuleSpec> specs,
            boolean trusted,
            boolean loaded) {
        this.pack = pack;
        this.loaded = loaded;
        this.trusted = trusted;
        this.document = document;
        this.kieBase = kieBase;
        this.globals = Set.copyOf(globals);
        this.rules = List.copyOf(rules);
        this.warnings = List.copyOf(warnings);
        this.info = new PolicyInfo(document.name(), document.version(), pack.digest());
        this.defaults = document.thresholdsFor(null);
        this.embargo = new Embargo(document.embargoedCountries());
        document.plans().keySet().forEach(p -> thresholdsByPlan.put(p, document.thresholdsFor(p)));
        this.tables = tables;
        this.tableClauseIds = tableClauseIds(this.rules, tables);
        this.specs = Map.copyOf(specs);
    }

    /** The clauses of the rows of every table that some rule reads with {@code @clauseFrom}, in catalog order. */
    private static Set<String> tableClauseIds(List<RuleInfo> rules, PolicyTables tables) {
        Set<String> read = new HashSet<>();
        rules.forEach(r -> {
            if (r.clauseFrom() != null) {
                read.add(r.clauseFrom());
            }
        });
        return Collections.unmodifiableSet(tables.clauseIds(read));
    }

    /**
     * A rule of the compiled policy and its metadata.
     *
     * @param name      the rule's name
     * @param file      the pack file it is in, e.g. {@code rules/spam.drl}
     * @param clause    its {@code @clause}, or {@code null} for a derivation rule
     * @param severity  its {@code @severity}, or {@code null}
     * @param certainty its {@code @certainty}, or {@code null}
     * @param clauseFrom its {@code @clauseFrom}, the table it takes clauses from, or {@code null}
     * @param line      the 1-based line of its {@code rule "name"} in {@code file}, or 0 when not found
     * @param message   its {@code @message}, or {@code null}
     */
    public record RuleInfo(
            String name,
            String file,
            @Nullable String clause,
            @Nullable String severity,
            @Nullable String certainty,
            @Nullable String clauseFrom,
            int line,
            @Nullable String message) {}

    /**
     * Compiles a pack, or throws with every problem found; nothing half-built ever comes out.
     * {@link PolicyValidator#validate(PolicyPack)} reports the problems without throwing. Every
     * rule is sandboxed, whatever the pack's {@code policy.json} says about {@code trusted}.
     *
     * @param pack the pack to compile
     * @return the compiled policy, ready to evaluate
     * @throws InvalidPolicyException when the pack has an error
     */
    public static CompiledPolicy compile(PolicyPack pack) {
        return compile(pack, false);
    }

    /**
     * Compiles a pack as {@link #compile(PolicyPack)} does, honouring its {@code "trusted": true}
     * only when {@code allowTrustedPacks} is set: trust is the embedding application's decision,
     * never the pack's alone. Without it, a pack that says it is trusted is sandboxed like any
     * other, with a warning.
     *
     * @param pack              the pack to compile
     * @param allowTrustedPacks whether a pack that says {@code "trusted": true} may run unsandboxed
     * @return the compiled policy, ready to evaluate
     * @throws InvalidPolicyException when the pack has an error
     */
    public static CompiledPolicy compile(PolicyPack pack, boolean allowTrustedPacks) {
        return PolicyCompiler.compileOrThrow(Objects.requireNonNull(pack, "pack must not be null"), allowTrustedPacks);
    }

    /**
     * Compiles a pack as {@link #compile(PolicyPack, boolean)} does, or loads the knowledge packages
     * an earlier compile of a pack of the same digest left in {@code cache}: the DRL is not compiled
     * again, everything else is checked as always. The default pack loads pre-built whatever the
     * cache.
     *
     * @param pack              the pack to compile
     * @param allowTrustedPacks whether a pack that says {@code "trusted": true} may run unsandboxed
     * @param cache             where earlier compiles are kept, e.g. {@link Cache#userDefault()}
     * @return the compiled policy, ready to evaluate
     * @throws InvalidPolicyException when the pack has an error
     */
    public static CompiledPolicy compile(PolicyPack pack, boolean allowTrustedPacks, Cache cache) {
        return PolicyCompiler.compileOrThrow(
                Objects.requireNonNull(pack, "pack must not be null"),
                allowTrustedPacks,
                Objects.requireNonNull(cache, "cache must not be null"));
    }

    /**
     * Whether the rules run without the sandbox: only when the pack says {@code "trusted": true}
     * and the embedder allowed trusted packs when compiling it.
     *
     * @return {@code true} when the rules were not sandboxed
     */
    public boolean trusted() {
        return trusted;
    }

    /**
     * Whether the DRL was not compiled this time: the knowledge packages of an earlier compile of
     * the same pack digest were loaded, pre-built in the jar or from a {@link Cache}, or a
     * {@link ReloadingAupEvaluator} reused those of a recent clean build of the same rule files.
     *
     * @return {@code true} when the rules were loaded rather than compiled
     */
    public boolean loadedPrecompiled() {
        return loaded;
    }

    /**
     * Name, version and digest of the pack.
     *
     * @return what identifies the pack this policy was compiled from
     */
    public PolicyInfo info() {
        return info;
    }

    /**
     * The pack it was compiled from.
     *
     * @return the source pack, as read
     */
    public PolicyPack pack() {
        return pack;
    }

    /**
     * The parsed {@code policy.json}.
     *
     * @return the pack's policy document
     */
    public PolicyDocument document() {
        return document;
    }

    /**
     * The clause catalog.
     *
     * @return the clauses violations of this policy cite
     */
    public ClauseCatalog catalog() {
        return document.catalog();
    }

    /**
     * Every rule, in file then name order.
     *
     * @return the metadata of each compiled rule
     */
    public List<RuleInfo> rules() {
        return rules;
    }

    /**
     * Warnings found while compiling; an empty list for a clean pack.
     *
     * @return the problems of level warning, which did not stop the compilation
     */
    public List<PolicyProblem> warnings() {
        return warnings;
    }

    /**
     * The thresholds of a plan; the defaults for a plan the pack does not name.
     *
     * @param plan the account's plan, or {@code null} for none
     * @return the thresholds rules judge an account on that plan against
     */
    public Thresholds thresholdsFor(@Nullable String plan) {
        return plan == null ? defaults : thresholdsByPlan.getOrDefault(plan, defaults);
    }

    /**
     * The warning for an account whose plan the pack does not name: it is judged by the default
     * thresholds, as docs/contract.md says, but a typo ({@code shared-pr0}) must not pass for a plan.
     *
     * @param account an account of the input
     * @return an {@link NoticeKind#UNKNOWN_PLAN} notice naming the plan, with a did-you-mean when a
     *     plan of the pack is close; empty when the account has no plan or one the pack names
     */
    public Optional<Notice> unknownPlan(Account account) {
        String plan = account.plan();
        if (plan == null || thresholdsByPlan.containsKey(plan)) {
            return Optional.empty();
        }
        Set<String> known = new TreeSet<>(thresholdsByPlan.keySet());
        String hint = DidYouMean.suggest(plan, known)
                .map(s -> "; did you mean `" + s + "`?")
                .orElse(
                        known.isEmpty()
                                ? "; the pack names no plans"
                                : "; the pack's plans are "
                                        + known.stream().map(p -> "`" + p + "`").collect(Collectors.joining(", ")));
        return Optional.of(new Notice(
                "",
                NoticeKind.UNKNOWN_PLAN,
                List.of(),
                Optional.of(account.id()),
                "account `" + account.id() + "` has plan `" + plan + "`, which the pack does not name, so it is judged"
                        + " by the default thresholds" + hint));
    }

    /**
     * The pack's embargo list, as the fact that every session holds.
     *
     * @return the embargoed countries of the pack
     */
    public Embargo embargo() {
        return embargo;
    }

    /**
     * The rows of {@code signatures.csv}; empty when the pack has none.
     *
     * @return the pack's signature table
     */
    public SignatureTable signatures() {
        return tables.signatures();
    }

    /**
     * The rows of {@code contentCategories} in {@code policy.json}; empty when the pack has none.
     *
     * @return the pack's content category table
     */
    public ContentTable contentTable() {
        return tables.content();
    }

    /**
     * The rows of {@code reportTypes} in {@code policy.json}; empty when the pack has none.
     *
     * @return the pack's report type table
     */
    public ReportTypeTable reportTypes() {
        return tables.reports();
    }

    /**
     * The ids of the clauses the pack's tables can cite, in catalog order: the clauses of the rows of
     * each table that at least one rule reads with {@code @clauseFrom}. A table no rule reads cites nothing.
     *
     * @return the clause ids, in catalog order
     */
    public Set<String> tableClauseIds() {
        return tableClauseIds;
    }

    /** The findings of one account's session, with every rule's metadata read once at compile time. */
    Findings newFindings(String accountId) {
        return new Findings(accountId, catalog(), specs);
    }

    KieBase kieBase() {
        return kieBase;
    }

    /** Sessions to evaluate with, reused across accounts and threads; created on first use. */
    KieSessionsPool sessions() {
        KieSessionsPool pool = sessions;
        if (pool == null) {
            synchronized (this) {
                pool = sessions;
                if (pool == null) {
                    pool = kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors());
                    sessions = pool;
                }
            }
        }
        return pool;
    }

    boolean declaresGlobal(String name) {
        return globals.contains(name);
    }

    /**
     * Whether some rule matches facts of this type in working memory (not only with {@code from}):
     * the evaluator computes and inserts {@link SignatureMatch} and {@link CategoryMatch} facts
     * only for a pack whose rules read them.
     */
    boolean readsFactType(Class<?> type) {
        Set<Class<?>> read = factTypesRead;
        if (read == null) {
            read = new HashSet<>();
            if (kieBase instanceof InternalRuleBase base) {
                for (ObjectTypeNode node : base.getRete().getObjectTypeNodes()) {
                    if (node.getObjectType() instanceof ClassObjectType c) {
                        read.add(c.getClassType());
                    }
                }
            }
            factTypesRead = read;
        }
        return read.contains(type);
    }

    /**
     * Where compiled packs are kept between runs, so that a pack compiles once and later runs only
     * load it. Two places are looked in, in this order:
     *
     * <ul>
     *   <li>the default pack, pre-built at {@code mvn package} and shipped in this library's jar
     *       ({@link PrebuiltPack}); it serves any pack whose digest is the default pack's;
     *   <li>a private folder on disk, when the cache has one: one file per pack digest, written only
     *       after the pack compiled and passed the sandbox's checks, and taken again only when the
     *       digest, the Drools version and the SHA-256 of its content all match. A file that does not
     *       is ignored (and replaced by the next compile).
     * </ul>
     *
     * <pre>{@code
     * CompiledPolicy p = CompiledPolicy.compile(PolicyPack.fromDirectory(dir), false, Cache.userDefault());
     * }</pre>
     *
     * A pack compiled with {@code "trusted": true} honoured is never cached: its code was not checked.
     */
    public static final class Cache {

        /** Set to {@code false} to turn the disk cache of {@link #userDefault()} off. */
        public static final String CACHE_PROPERTY = "aup-rules.cache";
        /** Where {@link #userDefault()} keeps its files, when set; overrides the XDG folder. */
        public static final String CACHE_DIR_PROPERTY = "aup-rules.cache.dir";
        /** The extension of an entry: the pack digest's hex, then this. */
        static final String EXTENSION = ".kpkg";

        private static final Logger LOG = LoggerFactory.getLogger(Cache.class);
        private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
        private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");
        private static final Cache NONE = new Cache(PrebuiltPack.shipped(), null);

        private final PrebuiltPack prebuilt;
        private final @Nullable Path dir;

        private Cache(PrebuiltPack prebuilt, @Nullable Path dir) {
            this.prebuilt = prebuilt;
            this.dir = dir;
        }

        /**
         * No disk cache: every pack compiles, except that the default pack loads pre-built.
         *
         * @return the cache of the shipped default pack only
         */
        public static Cache none() {
            return NONE;
        }

        /**
         * A disk cache in {@code dir}, created private to the user (0700) when it is missing.
         *
         * @param dir the folder to keep compiled packs in
         * @return the cache
         */
        public static Cache directory(Path dir) {
            return new Cache(PrebuiltPack.shipped(), Objects.requireNonNull(dir, "dir must not be null"));
        }

        /**
         * The user's cache: {@code -Daup-rules.cache.dir}, else {@code $XDG_CACHE_HOME/aup-rules}, else
         * {@code ~/.cache/aup-rules}; {@link #none()} when {@code -Daup-rules.cache=false}.
         *
         * @return the cache the command line uses
         */
        public static Cache userDefault() {
            if ("false".equalsIgnoreCase(System.getProperty(CACHE_PROPERTY))) {
                return NONE;
            }
            String configured = System.getProperty(CACHE_DIR_PROPERTY);
            if (configured != null && !configured.isBlank()) {
                return directory(Path.of(configured));
            }
            String xdg = System.getenv("XDG_CACHE_HOME");
            if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
                return directory(Path.of(xdg, "aup-rules"));
            }
            return directory(Path.of(System.getProperty("user.home"), ".cache", "aup-rules"));
        }

        /** A cache with the given pre-built form, for tests. */
        static Cache of(PrebuiltPack prebuilt, @Nullable Path dir) {
            return new Cache(prebuilt, dir);
        }

        /**
         * The folder of the disk cache, if there is one.
         *
         * @return the folder, or empty for {@link #none()}
         */
        public Optional<Path> directory() {
            return Optional.ofNullable(dir);
        }

        /** The packages compiled from the pack earlier, pre-built or from disk, when some are there and intact. */
        Optional<List<KiePackage>> load(PolicyPack pack) {
            Optional<List<KiePackage>> shipped = prebuilt.find(pack);
            if (shipped.isPresent() || dir == null) {
                return shipped;
            }
            Path entry = entry(pack);
            if (!Files.isRegularFile(entry)) {
                return Optional.empty();
            }
            try (InputStream in = Files.newInputStream(entry)) {
                List<KiePackage> packages = KieBaseArchive.read(in, pack.digest());
                LOG.debug("loaded policy pack `{}` ({}) from the cache `{}`", pack.location(), pack.digest(), entry);
                return Optional.of(packages);
            } catch (IOException | KieBaseArchive.Unusable e) {
                LOG.warn(
                        "ignoring the cached build `{}` of policy pack `{}`: {}; compiling it",
                        entry,
                        pack,
                        e.getMessage());
                return Optional.empty();
            }
        }

        /**
         * Keeps the packages compiled from a pack; a cache that cannot be written is skipped with a
         * warning. A pack that declares fact types ({@code declare}) is not kept: their classes are
         * generated into the build's own class loader, which a later process does not have, so the
         * entry would never load and every run would warn and compile again.
         */
        void store(PolicyPack pack, Collection<KiePackage> packages) {
            if (dir == null || prebuilt.covers(pack) || declaresTypes(packages)) {
                return;
            }
            Path entry = entry(pack);
            Path temp = null;
            try {
                createPrivateDirectory(dir);
                temp = Files.createTempFile(dir, ".entry-", ".tmp", PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
                try (OutputStream out = Files.newOutputStream(temp)) {
                    KieBaseArchive.write(packages, pack.digest(), out);
                }
                try {
                    Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, entry, StandardCopyOption.REPLACE_EXISTING);
                }
                temp = null;
            } catch (IOException | UnsupportedOperationException e) {
                LOG.warn("cannot cache policy pack `{}` in `{}`: {}", pack, dir, e.toString());
            } finally {
                if (temp != null) {
                    try {
                        Files.deleteIfExists(temp);
                    } catch (IOException ignored) {
                        // the temporary file is hidden and replaced by the next store
                    }
                }
            }
        }

        private static boolean declaresTypes(Collection<KiePackage> packages) {
            // Drools keeps a type declaration for every fact class a rule uses; only a definition is a generated class
            return packages.stream()
                    .filter(p -> p instanceof org.drools.base.definitions.InternalKnowledgePackage)
                    .flatMap(p -> ((org.drools.base.definitions.InternalKnowledgePackage) p)
                            .getTypeDeclarations().values().stream())
                    .anyMatch(org.drools.base.rule.TypeDeclaration::isDefinition);
        }

        /** The file that holds the pack's build: its digest's hex and {@link #EXTENSION}. */
        Path entry(PolicyPack pack) {
            String digest = pack.digest();
            return Objects.requireNonNull(dir).resolve(digest.substring(digest.indexOf(':') + 1) + EXTENSION);
        }

        /** Creates the folder, and any missing parent, readable by its owner only; an existing folder is left as it is. */
        private static void createPrivateDirectory(Path dir) throws IOException {
            if (Files.isDirectory(dir)) {
                return;
            }
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
            } catch (FileAlreadyExistsException e) {
                return; // made by another process meanwhile
            }
            // the umask may have taken bits off, never added any; set them exactly
            Files.setPosixFilePermissions(dir, PRIVATE_DIR);
        }

        @Override
        public String toString() {
            return dir == null ? "no cache" : "cache " + dir;
        }
    }
}
