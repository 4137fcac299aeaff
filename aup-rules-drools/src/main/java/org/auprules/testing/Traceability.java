package org.auprules.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.auprules.api.facts.Account;
import org.auprules.api.policy.Clause;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.rules.CategoryRow;
import org.auprules.drools.rules.ContentTable;
import org.auprules.drools.rules.ReportTypeRow;
import org.auprules.drools.rules.ReportTypeTable;
import org.auprules.drools.rules.Signature;
import org.auprules.drools.rules.SignatureTable;
import org.auprules.drools.rules.TableRow;
import org.auprules.testing.Scenario.Expectation;
import org.auprules.testing.Scenario.SourceLocation;

/**
 * Traces every PROHIBITION clause of a policy to what can cite it and what tests it: the rules
 * whose {@code @clause} names it, the rows of the data tables that a {@code @clauseFrom} rule reads,
 * the scenarios that expect it violated and those that show it kept (the sides {@link Coverage}
 * counts). A clause that lacks any of the three has a {@link Gap}; a rule, row or scenario that
 * names anything but a PROHIBITION of the catalog is a stray citation. The compiler already refuses
 * rules and rows that cite such a clause, so in a compiled policy strays come from scenarios.
 *
 * <pre>{@code
 * Traceability t = Traceability.of(CompiledPolicy.compile(PolicyPack.defaultPack()));
 * t.problems().forEach(System.out::println);   // 2.15: no scenario shows it kept
 * }</pre>
 *
 * @param clauses one trace per PROHIBITION clause, in catalog order
 * @param strays  citations of ids that are not PROHIBITION clauses of the catalog, in the order found
 */
public record Traceability(List<ClauseTrace> clauses, List<Citation> strays) {

    /**
     * Copies both lists.
     *
     * @param clauses one trace per PROHIBITION clause, in catalog order
     * @param strays  citations of ids that are not PROHIBITION clauses of the catalog, in the order found
     */
    public Traceability {
        clauses = List.copyOf(clauses);
        strays = List.copyOf(strays);
    }

    /** What cites a clause. */
    public enum By {
        /** A DRL rule, by its {@code @clause}. */
        RULE("rule"),
        /** A row of a data table that a {@code @clauseFrom} rule reads. */
        TABLE_ROW("table row"),
        /** A scenario that expects the clause violated. */
        VIOLATING_SCENARIO("scenario"),
        /** A scenario that shows an account keeping the clause. */
        INNOCENT_SCENARIO("scenario");

        private final String noun;

        By(String noun) {
            this.noun = noun;
        }

        /**
         * What it is, in a word or two, for messages.
         *
         * @return {@code rule}, {@code table row} or {@code scenario}
         */
        public String noun() {
            return noun;
        }
    }

    /** What a PROHIBITION clause lacks. */
    public enum Gap {
        /** No rule and no table row can cite it: nothing enforces it. */
        NO_RULE("no rule or table row can cite it"),
        /** No scenario expects it violated. */
        NO_VIOLATING_SCENARIO("no scenario expects it violated"),
        /** No scenario shows an account keeping it. */
        NO_INNOCENT_SCENARIO("no scenario shows it kept");

        private final String phrase;

        Gap(String phrase) {
            this.phrase = phrase;
        }

        /**
         * The gap in words, as {@link Traceability#problems()} prints it after the clause id.
         *
         * @return e.g. {@code no scenario shows it kept}
         */
        public String phrase() {
            return phrase;
        }
    }

    /**
     * One thing that cites a clause, and where it is written.
     *
     * @param by       what kind of thing it is
     * @param clause   the id it cites, as written
     * @param file     the file, relative to the pack when it is in the pack: {@code rules/spam.drl},
     *                 {@code signatures.csv}, {@code scenarios/content.json}
     * @param line     the 1-based line, or 0 when unknown
     * @param name     the rule's name; a row's rule id ({@code 2.12 IRC server process}); a scenario's description
     * @param detail   what a row matches, e.g. {@code PROCESS `unrealircd`}; empty for rules and scenarios
     * @param accounts the accounts a scenario expects to break or keep the clause; empty for rules and rows
     */
    public record Citation(
            By by, String clause, String file, int line, String name, String detail, List<String> accounts) {

        /**
         * Checks every text is there and copies the accounts.
         *
         * @param by       what kind of thing it is
         * @param clause   the id it cites, as written
         * @param file     the file, relative to the pack when it is in the pack
         * @param line     the 1-based line, or 0 when unknown
         * @param name     the rule's name; a row's rule id; a scenario's description
         * @param detail   what a row matches; empty for rules and scenarios
         * @param accounts the accounts a scenario expects to break or keep the clause; empty for rules and rows
         */
        public Citation {
            Objects.requireNonNull(by, "by must not be null");
            Objects.requireNonNull(clause, "clause must not be null");
            Objects.requireNonNull(file, "file must not be null");
            Objects.requireNonNull(name, "name must not be null");
            Objects.requireNonNull(detail, "detail must not be null");
            accounts = List.copyOf(accounts);
        }

        /**
         * Where the citation is written, as an editor or a terminal links it.
         *
         * @return {@code file:line}, or the file alone when the line is unknown
         */
        public String where() {
            return line > 0 ? file + ":" + line : file;
        }

        /** {@code file:line name (detail)}, or {@code file:line name (accounts)} for a scenario. */
        @Override
        public String toString() {
            String more = accounts.isEmpty() ? detail : String.join(", ", accounts);
            return where() + " " + name + (more.isEmpty() ? "" : " (" + more + ")");
        }
    }

    /**
     * One PROHIBITION clause and everything that cites it.
     *
     * @param clause    the clause
     * @param rules     the DRL rules whose {@code @clause} names it, in file and line order
     * @param rows      the table rows that name it, of tables some rule reads, in file and line order
     * @param violating the scenarios that expect it violated, in the order read
     * @param innocent  the scenarios that show an account keeping it, in the order read
     */
    public record ClauseTrace(
            Clause clause,
            List<Citation> rules,
            List<Citation> rows,
            List<Citation> violating,
            List<Citation> innocent) {

        /**
         * Checks the clause is there and copies the four lists.
         *
         * @param clause    the clause
         * @param rules     the DRL rules whose {@code @clause} names it, in file and line order
         * @param rows      the table rows that name it, of tables some rule reads, in file and line order
         * @param violating the scenarios that expect it violated, in the order read
         * @param innocent  the scenarios that show an account keeping it, in the order read
         */
        public ClauseTrace {
            Objects.requireNonNull(clause, "clause must not be null");
            rules = List.copyOf(rules);
            rows = List.copyOf(rows);
            violating = List.copyOf(violating);
            innocent = List.copyOf(innocent);
        }

        /**
         * The clause's id.
         *
         * @return e.g. {@code 2.12}
         */
        public String id() {
            return clause.id().value();
        }

        /**
         * What the clause lacks.
         *
         * @return the gaps in the order of {@link Gap}; empty when the clause is fully traced
         */
        public List<Gap> gaps() {
            List<Gap> gaps = new ArrayList<>(3);
            if (rules.isEmpty() && rows.isEmpty()) {
                gaps.add(Gap.NO_RULE);
            }
            if (violating.isEmpty()) {
                gaps.add(Gap.NO_VIOLATING_SCENARIO);
            }
            if (innocent.isEmpty()) {
                gaps.add(Gap.NO_INNOCENT_SCENARIO);
            }
            return gaps;
        }
    }

    /**
     * The traceability of a policy by the scenarios of its own pack ({@code scenarios/*.json}).
     *
     * @param policy the compiled policy
     * @return one trace per PROHIBITION clause and the stray citations
     * @throws org.auprules.api.InvalidInputException when a scenario file of the pack is broken
     */
    public static Traceability of(CompiledPolicy policy) {
        return of(policy, ScenarioReader.fromPack(policy.pack()));
    }

    /**
     * The traceability of a policy by the given scenarios. Scenarios are read, not run: a scenario
     * that fails still says what it means to test, and {@code aup-rules test} reports failures.
     *
     * @param policy    the compiled policy
     * @param scenarios the scenarios, e.g. {@link ScenarioReader#fromPack(PolicyPack)}
     * @return one trace per PROHIBITION clause and the stray citations
     */
    public static Traceability of(CompiledPolicy policy, List<Scenario> scenarios) {
        Objects.requireNonNull(policy, "policy must not be null");
        Objects.requireNonNull(scenarios, "scenarios must not be null");
        Map<String, Map<By, List<Citation>>> byClause = new LinkedHashMap<>();
        for (Clause c : policy.catalog().prohibitions()) {
            byClause.put(c.id().value(), new LinkedHashMap<>());
        }
        List<Citation> all = new ArrayList<>(ruleCitations(policy));
        all.addAll(rowCitations(policy));
        String packPrefix = policy.pack().location() + "/";
        for (Scenario s : scenarios) {
            for (Citation c : scenarioCitations(s)) {
                all.add(
                        c.file().startsWith(packPrefix)
                                ? new Citation(
                                        c.by(),
                                        c.clause(),
                                        c.file().substring(packPrefix.length()),
                                        c.line(),
                                        c.name(),
                                        c.detail(),
                                        c.accounts())
                                : c);
            }
        }
        List<Citation> strays = new ArrayList<>();
        for (Citation c : all) {
            Map<By, List<Citation>> cited = byClause.get(c.clause());
            if (cited == null) {
                strays.add(c);
            } else {
                cited.computeIfAbsent(c.by(), b -> new ArrayList<>()).add(c);
            }
        }
        List<ClauseTrace> traces = new ArrayList<>();
        for (Clause c : policy.catalog().prohibitions()) {
            Map<By, List<Citation>> cited = Objects.requireNonNull(
                    byClause.get(c.id().value()), "byClause has an entry for every PROHIBITION clause");
            traces.add(new ClauseTrace(
                    c,
                    cited.getOrDefault(By.RULE, List.of()),
                    cited.getOrDefault(By.TABLE_ROW, List.of()),
                    cited.getOrDefault(By.VIOLATING_SCENARIO, List.of()),
                    cited.getOrDefault(By.INNOCENT_SCENARIO, List.of())));
        }
        return new Traceability(traces, strays);
    }

    /**
     * The trace of one PROHIBITION clause.
     *
     * @param clauseId the clause id, e.g. {@code 2.12}
     * @return its trace, or empty when the catalog has no PROHIBITION with that id
     */
    public Optional<ClauseTrace> trace(String clauseId) {
        return clauses.stream().filter(t -> t.id().equals(clauseId)).findFirst();
    }

    /**
     * The clauses that have a gap.
     *
     * @return the traces whose {@link ClauseTrace#gaps()} is not empty, in catalog order
     */
    public List<ClauseTrace> gaps() {
        return clauses.stream().filter(t -> !t.gaps().isEmpty()).toList();
    }

    /**
     * Whether every PROHIBITION clause is fully traced and nothing cites anything else.
     *
     * <pre>{@code
     * assertThat(Traceability.of(policy).problems()).isEmpty();   // the same test, with the reasons on failure
     * }</pre>
     *
     * @return true when there is no gap and no stray citation
     */
    public boolean complete() {
        return strays.isEmpty() && gaps().isEmpty();
    }

    /**
     * Every gap and stray citation as a line an auditor reads: {@code 2.15: no scenario shows it
     * kept}, {@code scenarios/x.json:12: scenario `…` cites `2.99`, which is not a PROHIBITION
     * clause of the catalog}. Empty when {@link #complete()}.
     *
     * @return the gaps in catalog order, then the strays in the order found
     */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (ClauseTrace t : clauses) {
            t.gaps().forEach(g -> out.add(t.id() + ": " + g.phrase()));
        }
        for (Citation c : strays) {
            out.add(c.where() + ": " + c.by().noun() + " `" + c.name() + "` cites `" + c.clause()
                    + "`, which is not a PROHIBITION clause of the catalog");
        }
        return out;
    }

    private static List<Citation> ruleCitations(CompiledPolicy policy) {
        List<Citation> out = new ArrayList<>();
        for (CompiledPolicy.RuleInfo r : policy.rules()) {
            if (r.clause() != null) {
                out.add(new Citation(By.RULE, r.clause(), r.file(), r.line(), r.name(), "", List.of()));
            }
        }
        out.sort(Comparator.comparing(Citation::file).thenComparingInt(Citation::line));
        return out;
    }

    /** The rows of the tables some rule reads with {@code @clauseFrom}; a table no rule reads cites nothing. */
    private static List<Citation> rowCitations(CompiledPolicy policy) {
        Set<String> read = new LinkedHashSet<>();
        policy.rules().stream()
                .map(CompiledPolicy.RuleInfo::clauseFrom)
                .filter(Objects::nonNull)
                .forEach(read::add);
        List<Citation> out = new ArrayList<>();
        if (read.contains(ContentTable.SOURCE)) {
            for (CategoryRow row : policy.contentTable().rows()) {
                out.add(rowCitation(
                        row,
                        "category `" + row.category() + "`"
                                + row.liftedByPermit()
                                        .map(p -> ", unless a valid `" + p + "` permit is on file")
                                        .orElse("")));
            }
        }
        if (read.contains(ReportTypeTable.SOURCE)) {
            for (ReportTypeRow row : policy.reportTypes().rows()) {
                out.add(rowCitation(row, "verified `" + row.type() + "` report"));
            }
        }
        if (read.contains(SignatureTable.SOURCE)) {
            for (Signature row : policy.signatures().rows()) {
                out.add(rowCitation(row, row.kind() + " `" + row.pattern() + "`"));
            }
        }
        out.sort(Comparator.comparing(Citation::file).thenComparingInt(Citation::line));
        return out;
    }

    private static Citation rowCitation(TableRow row, String matches) {
        String source = row.source();
        int hash = source.indexOf('#');
        return new Citation(
                By.TABLE_ROW,
                row.clause(),
                hash < 0 ? source : source.substring(0, hash),
                row.line(),
                row.ruleId(),
                matches,
                List.of());
    }

    /**
     * The clauses a scenario cites, each side once per scenario: violating for every entry of
     * {@code expect.violations}; innocent for every entry of {@code noViolations} that names a
     * clause, and, for a clause the scenario expects violated by one account, for each other account
     * that a whole-account {@code noViolations} entry or {@code "exactly": true} keeps clean of it.
     * Those implicit forms count only beside a violating account: a lone clean account under
     * {@code exactly} would otherwise "keep" every clause at once while testing none.
     */
    static List<Citation> scenarioCitations(Scenario s) {
        Map<String, Cited> cited = new LinkedHashMap<>();
        Expectation expect = s.expect();
        Set<String> expectedHere = new LinkedHashSet<>();
        for (ViolationPattern p : expect.violations()) {
            String clause = p.clause().orElseThrow();
            expectedHere.add(clause);
            cite(cited, By.VIOLATING_SCENARIO, clause, p.location(), p.accountId());
        }
        for (ViolationPattern p : expect.noViolations()) {
            p.clause().ifPresent(clause -> cite(cited, By.INNOCENT_SCENARIO, clause, p.location(), p.accountId()));
        }
        for (String clause : expectedHere) {
            for (Account a : s.facts().accounts()) {
                boolean expectedForA = expect.violations().stream()
                        .anyMatch(p -> p.accountId().equals(a.id())
                                && p.clause().orElseThrow().equals(clause));
                if (expectedForA) {
                    continue;
                }
                Optional<ViolationPattern> whole = expect.noViolations().stream()
                        .filter(p -> p.accountId().equals(a.id()) && p.isWholeAccount())
                        .findFirst();
                if (whole.isPresent()) {
                    cite(cited, By.INNOCENT_SCENARIO, clause, whole.get().location(), a.id());
                } else if (expect.exactly()) {
                    cite(cited, By.INNOCENT_SCENARIO, clause, s.location(), a.id());
                }
            }
        }
        return cited.values().stream()
                .map(c -> new Citation(
                        c.by(),
                        c.clause(),
                        c.at().source(),
                        c.at().line(),
                        s.description(),
                        "",
                        List.copyOf(c.accounts())))
                .toList();
    }

    /** A clause a scenario cites on one side: where it first does, and the accounts it names for it. */
    private record Cited(By by, String clause, SourceLocation at, Set<String> accounts) {}

    private static void cite(Map<String, Cited> cited, By by, String clause, SourceLocation at, String account) {
        cited.computeIfAbsent(by + "\u0000" + clause, k -> new Cited(by, clause, at, new LinkedHashSet<>()))
                .accounts()
                .add(account);
    }
}
