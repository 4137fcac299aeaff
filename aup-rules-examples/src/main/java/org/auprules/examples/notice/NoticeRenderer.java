package org.auprules.examples.notice;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheResolver;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.auprules.api.EvaluationResult;
import org.auprules.api.Evidence;
import org.auprules.api.Severity;
import org.auprules.api.Violation;
import org.auprules.api.desk.NoticeRules;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.Fact;
import org.auprules.api.facts.FactSet;
import org.auprules.api.policy.AuthorizedAction;
import org.auprules.api.policy.Modality;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.internal.NoticeFilesReader;
import org.auprules.internal.DidYouMean;
import org.jspecify.annotations.Nullable;

/**
 * Renders customer notices from a pack's {@code notices/} templates. The templates see only what
 * is built here: the clauses broken (quoted from the catalog), the observed facts reduced to the
 * fields {@code notices/masking.json} lists for their type (facts of other accounts are left
 * out entirely), the remedy and the deadline. Violation messages, rule ids, fact ids and the
 * evidence's hidden fields never reach a template, so no template can leak them. Waived
 * violations are not in {@link EvaluationResult#violations()}, so they are not in a notice.
 */
public final class NoticeRenderer {

    private final CompiledPolicy policy;
    private final NoticeRules rules;
    private final Mustache text;
    private final Mustache html;

    private NoticeRenderer(CompiledPolicy policy, NoticeRules rules) {
        this.policy = policy;
        this.rules = rules;
        this.text = compile(new Factory(policy, false), rules.textTemplate(), NoticeFilesReader.TEXT_TEMPLATE);
        this.html = compile(new Factory(policy, true), rules.htmlTemplate(), NoticeFilesReader.HTML_TEMPLATE);
    }

    /**
     * A renderer for a compiled policy.
     *
     * @param policy the policy whose pack holds the notice files
     * @return the renderer
     * @throws IllegalArgumentException when the pack has no notice files, or a template does not parse
     */
    public static NoticeRenderer of(CompiledPolicy policy) {
        NoticeRules rules = policy.noticeRules()
                .orElseThrow(() -> new IllegalArgumentException(
                        "the policy pack `" + policy.pack().location()
                                + "` has no customer notices: add " + NoticeFilesReader.MASKING_FILE + ", "
                                + NoticeFilesReader.TEXT_TEMPLATE + " and " + NoticeFilesReader.HTML_TEMPLATE
                                + " (see docs/analyst-guide.md)"));
        return new NoticeRenderer(policy, rules);
    }

    /**
     * The notice for one account.
     *
     * @param facts     the facts that were evaluated
     * @param result    their evaluation by {@code policy}
     * @param accountId the account to write to
     * @return the notice in both forms
     * @throws IllegalArgumentException when the facts have no such account (with a did-you-mean)
     */
    public CustomerNotice render(FactSet facts, EvaluationResult result, String accountId) {
        Set<String> ids = new LinkedHashSet<>();
        facts.accounts().forEach(a -> ids.add(a.id()));
        if (!ids.contains(accountId)) {
            throw new IllegalArgumentException("unknown account `" + accountId + "`"
                    + DidYouMean.suggest(accountId, ids)
                            .map(s -> "; did you mean `" + s + "`?")
                            .orElse("; the facts hold " + ids.size() + " account(s)"));
        }
        List<Violation> violations = result.violationsOf(accountId);
        Map<String, Object> scope = scope(facts, result, accountId, violations);
        return new CustomerNotice(accountId, violations.size(), execute(text, scope), execute(html, scope));
    }

    /**
     * The model the templates see: the names {@code NoticeTemplates.MODEL} declares, which is what
     * {@code validate} checks the templates' names against.
     */
    Map<String, Object> scope(FactSet facts, EvaluationResult result, String accountId, List<Violation> violations) {
        Map<String, Fact> byEvidence = evidenceIndex(facts);
        Instant at = result.evaluatedAt();
        Map<String, List<Violation>> byClause = new LinkedHashMap<>();
        violations.forEach(v -> byClause.computeIfAbsent(v.clause().id().value(), k -> new ArrayList<>())
                .add(v));
        List<Map<String, Object>> clauses = new ArrayList<>();
        Instant earliest = null;
        for (Map.Entry<String, List<Violation>> e : byClause.entrySet()) {
            List<Violation> vs = e.getValue();
            Violation first = vs.get(0);
            Severity worst =
                    vs.stream().map(Violation::severity).max(Enum::compareTo).orElseThrow();
            Instant due = null;
            Set<String> seen = new LinkedHashSet<>();
            List<Map<String, Object>> observations = new ArrayList<>();
            Set<String> actions = new LinkedHashSet<>();
            List<Map<String, Object>> actionList = new ArrayList<>();
            for (Violation v : vs) {
                Instant d = at.plus(rules.deadline(e.getKey(), v.severity()));
                due = due == null || d.isBefore(due) ? d : due;
                for (Evidence ev : v.evidence()) {
                    Fact fact = byEvidence.get(key(ev.type(), ev.id()));
                    if (fact != null && ownedBy(fact, accountId) && seen.add(key(ev.type(), ev.id()))) {
                        observations.add(observation(ev.type(), fact));
                    }
                }
                for (AuthorizedAction a : v.actions()) {
                    if (a.modality() != Modality.RECOMMENDED && actions.add(a.modality() + " " + a.action())) {
                        actionList.add(Map.of(
                                "modality", a.modality().name().toLowerCase(Locale.ROOT),
                                "action", words(a.action().name())));
                    }
                }
            }
            // every clause group has at least one violation, so one deadline
            Instant clauseDue = Objects.requireNonNull(due, "a clause group has a violation");
            earliest = earliest == null || clauseDue.isBefore(earliest) ? clauseDue : earliest;
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", e.getKey());
            c.put("heading", first.clause().heading());
            c.put("text", first.clause().text());
            c.put("severity", worst.name());
            c.put("deadline", clauseDue.toString());
            c.put("remedy", rules.remedy(e.getKey()));
            c.put("observations", observations);
            c.put("actions", actionList);
            c.put("hasActions", !actionList.isEmpty());
            clauses.add(c);
        }
        Map<String, Object> scope = new LinkedHashMap<>();
        scope.put(
                "policy",
                Map.of("name", policy.info().name(), "version", policy.info().version()));
        scope.put("accountId", accountId);
        scope.put("evaluatedAt", at.toString());
        scope.put("hasViolations", !clauses.isEmpty());
        scope.put("clauseCount", clauses.size());
        scope.put("violationCount", violations.size());
        scope.put("deadline", earliest == null ? "" : earliest.toString());
        scope.put("clauses", clauses);
        return scope;
    }

    /** Whether a fact is the account's own: its account, or a fact attributed to it (no account named). */
    private static boolean ownedBy(Fact fact, String accountId) {
        if (fact instanceof Account a) {
            return a.id().equals(accountId);
        }
        String owner = fact instanceof AccountFact af ? af.accountId() : null;
        return owner == null || owner.equals(accountId);
    }

    private Map<String, Object> observation(String type, Fact fact) {
        List<String> visible = rules.visibleFields().getOrDefault(type, List.of());
        List<Map<String, Object>> fields = new ArrayList<>();
        Record record = (Record) fact;
        for (RecordComponent c : record.getClass().getRecordComponents()) {
            if (!visible.contains(c.getName())) {
                continue;
            }
            Optional<String> value = format(read(c, record));
            value.ifPresent(v -> fields.add(Map.of("name", words(c.getName()), "value", v)));
        }
        Map<String, Object> o = new LinkedHashMap<>();
        String label = words(type);
        o.put("label", label.substring(0, 1).toUpperCase(Locale.ROOT) + label.substring(1));
        o.put("type", type);
        o.put("fields", fields);
        return o;
    }

    private static @Nullable Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read `" + c.getName() + "` of " + r.getClass(), e);
        }
    }

    /** A field's value as a customer reads it; empty for an absent value or an empty list. */
    static Optional<String> format(@Nullable Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Optional<?> o) {
            return o.flatMap(NoticeRenderer::format);
        }
        if (value instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>();
            c.forEach(x -> format(x).ifPresent(parts::add));
            return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
        }
        if (value instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, v) -> format(v).ifPresent(s -> parts.add(k + ": " + s)));
            return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", parts));
        }
        if (value instanceof Record r) {
            List<String> parts = new ArrayList<>();
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                format(read(c, r)).ifPresent(s -> parts.add(c.getName() + ": " + s));
            }
            return Optional.of(String.join(", ", parts));
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Optional.of(Long.toString(d.longValue()));
        }
        if (value instanceof Duration d) {
            return Optional.of(d.toString());
        }
        return Optional.of(value.toString());
    }

    /** {@code cpuPercent} as {@code cpu percent}, {@code TERMINATE_ACCOUNT} as {@code terminate account}. */
    static String words(String name) {
        if (name.equals(name.toUpperCase(Locale.ROOT))) {
            return name.toLowerCase(Locale.ROOT).replace('_', ' ');
        }
        return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }

    /** Every fact by the evidence that names it: its type and id, or its place in the input when it has none. */
    private static Map<String, Fact> evidenceIndex(FactSet facts) {
        Map<String, Fact> index = new LinkedHashMap<>();
        facts.accounts().forEach(a -> index.put(key(a.evidenceType(), a.id()), a));
        for (Map.Entry<String, List<? extends AccountFact>> list :
                facts.accountFactLists().entrySet()) {
            for (int i = 0; i < list.getValue().size(); i++) {
                AccountFact f = list.getValue().get(i);
                String id = f.id() == null ? list.getKey() + "[" + i + "]" : f.id();
                index.put(key(f.evidenceType(), id), f);
            }
        }
        return index;
    }

    private static String key(String type, String id) {
        return type + "\u0000" + id;
    }

    private static Mustache compile(Factory factory, String template, String name) {
        try {
            return factory.compile(new StringReader(template), name);
        } catch (MustacheException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static String execute(Mustache template, Map<String, Object> scope) {
        StringWriter out = new StringWriter();
        try {
            template.execute(out, scope).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * Mustache with partials read from the pack's {@code notices/} folder only, HTML-escaping
     * every {@code {{value}}} in the HTML template and writing values as they are in the text one.
     */
    private static final class Factory extends DefaultMustacheFactory {

        private final boolean escapeHtml;

        Factory(CompiledPolicy policy, boolean escapeHtml) {
            super(packResolver(policy));
            this.escapeHtml = escapeHtml;
        }

        @Override
        public void encode(String value, Writer writer) {
            if (escapeHtml) {
                super.encode(value, writer);
                return;
            }
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new MustacheException("cannot write the notice", e);
            }
        }

        private static MustacheResolver packResolver(CompiledPolicy policy) {
            return (String name) -> {
                String path = name.startsWith("/") ? name.substring(1) : name;
                if (!path.startsWith(NoticeFilesReader.FOLDER) || path.contains("..")) {
                    return null;
                }
                Optional<String> text = policy.pack().text(path);
                return text.<Reader>map(StringReader::new).orElse(null);
            };
        }
    }
}
