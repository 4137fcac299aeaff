package org.auprules.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.auprules.api.InvalidPolicyException;
import org.auprules.api.facts.FactSet;
import org.auprules.drools.CompiledPolicy;
import org.auprules.drools.PolicyPack;
import org.auprules.drools.TrustedReporters;
import org.auprules.ingest.IngestResult;
import org.auprules.ingest.IngestResult.IngestError;
import org.auprules.ingest.ReportFile;
import org.auprules.ingest.ReportFormat;
import org.auprules.ingest.ReportIngestor;
import org.jspecify.annotations.Nullable;

/** What {@code ingest} and {@code evaluate --reports} share: finding report files, ingesting, reporting bad ones. */
final class ReportsSupport {

    /** Exit code when some report files were invalid and the others went through. */
    static final int SOME_REPORTS_INVALID = 4;

    /**
     * Jakarta Mail looks its stream provider up with a ServiceLoader scan of the whole classpath for
     * every header block it parses, which made ARF parsing about four times slower with Drools'
     * jars beside it. Naming the provider skips the scan; the tool is the application, so it may
     * set the property, unless the user already has.
     */
    private static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    private ReportsSupport() {}

    private static void nameTheMailStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }

    /**
     * The trusted reporters of the pack in {@code dir}, or of the default pack. Only the
     * {@code trustedReporters} section is read; on a problem it is printed and the command ends
     * with exit code 3.
     */
    static TrustedReporters trustedReporters(@Nullable Path dir, PrintWriter err) {
        PolicyPack pack = CliSupport.readPack(dir, err);
        try {
            return TrustedReporters.of(pack);
        } catch (InvalidPolicyException e) {
            throw CliSupport.invalidPolicy(pack, dir, e, err);
        }
    }

    /**
     * Ingests the files and folders given, in one format: a folder stands for its files with the
     * format's extension, at any depth.
     */
    static IngestResult ingest(
            ReportFormat format,
            List<Path> paths,
            FactSet facts,
            TrustedReporters trusted,
            ReportVerificationOptions verification,
            Progress progress,
            PrintWriter err) {
        nameTheMailStreamProvider();
        List<Path> files = expand(paths, EnumSet.of(format), err);
        IngestResult result;
        try {
            result = verification
                    .apply(counted(ReportIngestor.builder().facts(facts), progress, files.size()), err)
                    .trustedReporters(trusted)
                    .build()
                    .ingest(format, files);
        } finally {
            progress.done();
        }
        printErrors(result, files.size(), err);
        return result;
    }

    /**
     * Ingests every X-ARF ({@code *.json}) and ARF ({@code *.eml}) file under a folder, for
     * {@code evaluate --reports}. A folder that is not there ends the command with exit code 2.
     */
    static IngestResult ingestFolder(
            Path dir,
            CliSupport.Input input,
            CompiledPolicy policy,
            ReportVerificationOptions verification,
            Progress progress,
            PrintWriter err) {
        if (!Files.isDirectory(dir)) {
            err.println("aup-rules: cannot read reports folder `" + dir + "`: "
                    + (Files.exists(dir) ? "not a folder" : "no such folder"));
            throw new ExitException(ExitException.INVALID_INPUT);
        }
        // The facts document may sit in the same folder; it is input, not a report.
        List<Path> paths = expand(List.of(dir), EnumSet.allOf(ReportFormat.class), err).stream()
                .filter(p -> !sameFile(p, input.source()))
                .toList();
        nameTheMailStreamProvider();
        List<ReportFile> files = new ArrayList<>();
        List<IngestError> unreadable = new ArrayList<>();
        for (Path p : paths) {
            try {
                files.add(
                        ReportFile.read(p, ReportFormat.ofFileName(p.toString()).orElseThrow()));
            } catch (UncheckedIOException e) {
                unreadable.add(new IngestError(p.toString(), List.of(e.getMessage())));
            }
        }
        IngestResult result;
        try {
            result = verification
                    .apply(
                            counted(ReportIngestor.builder().facts(input.facts()), progress, files.size())
                                    .trustedReporters(TrustedReporters.of(policy.pack())),
                            err)
                    .build()
                    .ingest(files);
        } finally {
            progress.done();
        }
        List<IngestError> errors = new ArrayList<>(unreadable);
        errors.addAll(result.errors());
        IngestResult all = new IngestResult(result.facts(), result.ingested(), errors);
        if (paths.isEmpty()) {
            err.println("aup-rules: no report files (*.json, *.eml) in `" + dir + "`");
        }
        printErrors(all, paths.size(), err);
        return all;
    }

    /** The builder, counting the report files it reads on the progress line when that is shown. */
    private static ReportIngestor.Builder counted(ReportIngestor.Builder builder, Progress progress, int files) {
        if (progress.enabled()) {
            Progress.Counter read = progress.counter(files, "report files");
            builder.onFileRead(read::add);
        }
        return builder;
    }

    private static boolean sameFile(Path report, String factsFile) {
        try {
            Path facts = Path.of(factsFile);
            return Files.exists(facts) && Files.isSameFile(report, facts);
        } catch (IOException | java.nio.file.InvalidPathException e) {
            return false;
        }
    }

    private static List<Path> expand(List<Path> paths, EnumSet<ReportFormat> formats, PrintWriter err) {
        try {
            return ReportFile.expand(paths, formats);
        } catch (UncheckedIOException e) {
            err.println("aup-rules: " + e.getMessage());
            throw new ExitException(ExitException.INVALID_INPUT);
        }
    }

    /** One line per problem of each invalid file, then how many went through. */
    private static void printErrors(IngestResult result, int files, PrintWriter err) {
        if (result.complete()) {
            return;
        }
        for (IngestError e : result.errors()) {
            e.lines().forEach(line -> err.println("aup-rules: " + line));
        }
        err.println("aup-rules: " + result.errors().size() + " of " + files + " report file" + (files == 1 ? "" : "s")
                + " invalid, " + result.ingested() + " ingested");
        err.flush();
    }
}
