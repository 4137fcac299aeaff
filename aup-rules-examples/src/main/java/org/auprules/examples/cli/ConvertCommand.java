package org.auprules.examples.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.auprules.api.InvalidFactsException;
import org.auprules.api.InvalidInputException;
import org.auprules.api.Notice;
import org.auprules.api.desk.PriorFinding;
import org.auprules.api.desk.Waiver;
import org.auprules.api.facts.AbuseReport;
import org.auprules.api.facts.AccessAttempt;
import org.auprules.api.facts.Account;
import org.auprules.api.facts.AccountFact;
import org.auprules.api.facts.AudioStream;
import org.auprules.api.facts.BlacklistListing;
import org.auprules.api.facts.EmailMessage;
import org.auprules.api.facts.Export;
import org.auprules.api.facts.FactSet;
import org.auprules.api.facts.HostedFile;
import org.auprules.api.facts.HostedProcess;
import org.auprules.api.facts.Login;
import org.auprules.api.facts.MailingList;
import org.auprules.api.facts.NetworkActivity;
import org.auprules.api.facts.OptOutRequest;
import org.auprules.api.facts.Permit;
import org.auprules.api.facts.ResourceUsage;
import org.auprules.api.facts.Website;
import org.auprules.drools.internal.FactsNormalizer;
import org.auprules.json.FactsJsonLines;
import org.auprules.json.FactsJsonWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aup-rules convert}: a whole facts document to JSON Lines, or back. */
@Command(
        name = "convert",
        mixinStandardHelpOptions = true,
        description = {
            "Converts facts between the whole document and JSON Lines.",
            "",
            "Both forms are described in docs/contract.md. The input's form is told from its content; the output, "
                    + "to standard output, is the other form unless --to says.",
            "",
            "To JSON Lines, each account's line gets every fact of it, reports and listings attributed as evaluate "
                    + "attributes them, and facts without an id get the name the document gives them "
                    + "(`resourceUsage[2]`) as their id, so both forms cite the same evidence. A report or listing "
                    + "that no single account can be cited for has no line to go on: convert names it and fails.",
            "",
            "To a document, the lines are merged in order and the header's evaluatedAt kept; facts without an id "
                    + "are then named by their place in the document."
        },
        footer = {
            "",
            "Examples:",
            "  aup-rules convert aup-rules-examples/samples/fleet.json > fleet.jsonl",
            "  aup-rules convert fleet.jsonl > fleet.json",
            "  aup-rules generate --accounts 1000 --seed 1 | aup-rules convert --to json -",
            "",
            "Exit codes:",
            "  0  success",
            "  2  unreadable or invalid input, or a report that no single account",
            "     can be cited for"
        })
final class ConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(
            names = "--to",
            paramLabel = "FORM",
            description = "The form to write: json (a whole document) or jsonl (JSON Lines); default: the other one.")
    GenerateCommand.@Nullable Format to;

    @Parameters(
            index = "0",
            paramLabel = "FILE|-",
            description = "The facts, a document or JSON Lines, or - to read them from standard input.")
    String file;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        String source = CliSupport.sourceName(file);
        FactsJsonLines.Form.Sniffed sniffed = CliSupport.sniffFacts(file, err);
        GenerateCommand.Format target = to != null
                ? to
                : sniffed.form() == FactsJsonLines.Form.DOCUMENT
                        ? GenerateCommand.Format.jsonl
                        : GenerateCommand.Format.json;
        FactSet facts = sniffed.form() == FactsJsonLines.Form.DOCUMENT
                ? CliSupport.readFacts(sniffed.input(), source, err).facts()
                : readLines(sniffed.input(), source, err);
        Writer out = new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), 1 << 16);
        try {
            if (target == GenerateCommand.Format.json) {
                out.write(FactsJsonWriter.write(facts));
            } else {
                writeLines(facts, source, out, err);
            }
            out.flush();
        } catch (IOException e) {
            err.println("aup-rules: cannot write: " + e.getMessage());
            return ExitException.INVALID_INPUT;
        }
        return ExitException.OK;
    }

    /** Merges the lines into one fact set, in order; the header's moment becomes the document's. */
    private static FactSet readLines(InputStream in, String source, PrintWriter err) {
        List<Account> accounts = new ArrayList<>();
        List<AccountFact> facts = new ArrayList<>();
        List<Waiver> waivers = new ArrayList<>();
        List<PriorFinding> history = new ArrayList<>();
        Instant[] at = {null};
        try (in) {
            FactsJsonLines.forEachLine(in, source, line -> {
                if (line instanceof FactsJsonLines.Header h) {
                    at[0] = h.evaluatedAt();
                } else if (line instanceof FactsJsonLines.AccountLine a) {
                    accounts.addAll(a.facts().accounts());
                    a.facts().accountFacts().forEach(facts::add);
                    waivers.addAll(a.facts().waivers());
                    history.addAll(a.facts().history());
                }
            });
        } catch (InvalidInputException e) {
            err.println("aup-rules: " + CliSupport.describe(e));
            throw new ExitException(ExitException.INVALID_INPUT);
        } catch (IOException | UncheckedIOException e) {
            err.println("aup-rules: cannot read `" + source + "`: " + e.getMessage());
            throw new ExitException(ExitException.INVALID_INPUT);
        }
        return factSet(at[0], accounts, facts, waivers, history);
    }

    /** The fact set of these accounts and facts, each list in the order its facts come. */
    static FactSet factSet(@Nullable Instant evaluatedAt, List<Account> accounts, List<AccountFact> facts) {
        return factSet(evaluatedAt, accounts, facts, List.of(), List.of());
    }

    /** The fact set of these accounts, facts, waivers and prior findings, each list in the order it comes. */
    static FactSet factSet(
            @Nullable Instant evaluatedAt,
            List<Account> accounts,
            List<AccountFact> facts,
            List<Waiver> waivers,
            List<PriorFinding> history) {
        Map<Class<?>, List<AccountFact>> byType = new HashMap<>();
        facts.forEach(f ->
                byType.computeIfAbsent(f.getClass(), k -> new ArrayList<>()).add(f));
        return FactSet.builder()
                .evaluatedAt(evaluatedAt)
                .accounts(accounts)
                .emails(of(byType, EmailMessage.class))
                .mailingLists(of(byType, MailingList.class))
                .optOutRequests(of(byType, OptOutRequest.class))
                .blacklistListings(of(byType, BlacklistListing.class))
                .files(of(byType, HostedFile.class))
                .processes(of(byType, HostedProcess.class))
                .websites(of(byType, Website.class))
                .audioStreams(of(byType, AudioStream.class))
                .networkActivity(of(byType, NetworkActivity.class))
                .accessAttempts(of(byType, AccessAttempt.class))
                .resourceUsage(of(byType, ResourceUsage.class))
                .exports(of(byType, Export.class))
                .logins(of(byType, Login.class))
                .permits(of(byType, Permit.class))
                .reports(of(byType, AbuseReport.class))
                .waivers(waivers)
                .history(history)
                .build();
    }

    private static <T> List<T> of(Map<Class<?>, List<AccountFact>> byType, Class<T> type) {
        return byType.getOrDefault(type, List.of()).stream().map(type::cast).toList();
    }

    /**
     * Writes one line per account, in account-id order, after a header when the document has an
     * {@code evaluatedAt}: the grouping and attribution are the evaluator's own.
     */
    private static void writeLines(FactSet facts, String source, Writer out, PrintWriter err) throws IOException {
        FactsNormalizer.Grouped grouped;
        try {
            grouped = FactsNormalizer.group(facts);
        } catch (InvalidFactsException e) {
            err.println("aup-rules: " + source + ": " + e.getMessage());
            throw new ExitException(ExitException.INVALID_INPUT);
        }
        if (!grouped.notices().isEmpty()) {
            // a report several accounts may own has a notice for each of them: name it once
            Map<String, Notice> unplaced = new java.util.LinkedHashMap<>();
            grouped.notices().forEach(n -> unplaced.putIfAbsent(n.reportId(), n));
            err.println("aup-rules: " + source + ": " + unplaced.size()
                    + (unplaced.size() == 1 ? " report or listing has" : " reports or listings have")
                    + " no single account to go with, and JSON Lines puts every fact on its account's line; give "
                    + "each an `accountId`, or evaluate the whole document:");
            unplaced.values().forEach(n -> err.println("  " + n.message()));
            throw new ExitException(ExitException.INVALID_INPUT);
        }
        Set<String> ids = new HashSet<>();
        grouped.accounts().keySet().forEach(a -> ids.add(a.id()));
        List<String> homeless = new ArrayList<>();
        facts.waivers().stream()
                .filter(w -> !ids.contains(w.accountId()))
                .forEach(w -> homeless.add("waiver `" + w.id() + "` of account `" + w.accountId() + "`"));
        facts.history().stream()
                .filter(h -> !ids.contains(h.accountId()))
                .forEach(h -> homeless.add(
                        "prior finding " + h.clause() + " of " + h.date() + " of account `" + h.accountId() + "`"));
        if (!homeless.isEmpty()) {
            err.println("aup-rules: " + source + ": " + homeless.size()
                    + (homeless.size() == 1 ? " waiver or prior finding names" : " waivers or prior findings name")
                    + " an account the document does not have, and JSON Lines puts each on its account's line:");
            homeless.forEach(h -> err.println("  " + h));
            throw new ExitException(ExitException.INVALID_INPUT);
        }
        if (facts.evaluatedAt() != null) {
            out.write(FactsJsonLines.writeHeader(facts.evaluatedAt()));
            out.write('\n');
        }
        for (Map.Entry<Account, List<AccountFact>> e : grouped.accounts().entrySet()) {
            String id = e.getKey().id();
            out.write(FactsJsonLines.writeLine(factSet(
                    null,
                    List.of(e.getKey()),
                    e.getValue(),
                    facts.waivers().stream()
                            .filter(w -> w.accountId().equals(id))
                            .toList(),
                    facts.history().stream()
                            .filter(h -> h.accountId().equals(id))
                            .toList())));
            out.write('\n');
        }
    }
}
