package org.auprules.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.auprules.drools.PolicyDocument;
import org.auprules.drools.PolicyPack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code aup-rules init-pack}: copy the default pack into a folder for editing. */
@Command(
        name = "init-pack",
        mixinStandardHelpOptions = true,
        description = {
            "Copies the default policy pack into a folder, to edit.",
            "",
            "Copies the Entrecloud AUP (policy.json, rules/*.drl, the data tables and the scenarios) into "
                    + "DIR, to edit and then use with --policy DIR. DIR must not exist or must be an empty "
                    + "folder: nothing is ever overwritten."
        },
        footer = {
            "",
            "Example:",
            "  aup-rules init-pack my-pack && aup-rules validate my-pack",
            "",
            "Exit codes:",
            "  0  copied",
            "  2  DIR is not empty, is a file, or cannot be written"
        })
final class InitPackCommand implements Callable<Integer> {

    /** The folder scenarios go in; created empty when the default pack has none, so analysts find it. */
    static final String SCENARIOS = "scenarios";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "The folder to create (or an empty folder).")
    Path dir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        refuseToOverwrite(err);
        PolicyPack pack = PolicyPack.defaultPack();
        try {
            Files.createDirectories(dir);
            for (Map.Entry<String, byte[]> file : pack.files().entrySet()) {
                Path target = dir.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.write(target, file.getValue());
            }
            Files.createDirectories(dir.resolve(SCENARIOS));
        } catch (IOException e) {
            err.println("aup-rules: cannot write the pack into `" + dir + "`: " + e.getMessage());
            throw new ExitException(ExitException.INVALID_INPUT);
        }
        String policy = PolicyDocument.parse(pack)
                .document()
                .map(d -> d.name() + " (version " + d.version() + ")")
                .orElse("the default pack");
        out.println("copied " + policy + ", " + pack.files().size() + " files, into " + dir + ":");
        pack.files().keySet().forEach(f -> out.println("  " + dir.resolve(f)));
        out.println("next: edit the pack, then run `aup-rules validate " + dir + "`");
        out.flush();
        return ExitException.OK;
    }

    private void refuseToOverwrite(PrintWriter err) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            err.println("aup-rules: `" + dir + "` is a file; init-pack needs a new or empty folder");
            throw new ExitException(ExitException.INVALID_INPUT);
        }
        if (Files.isDirectory(dir)) {
            try (Stream<Path> entries = Files.list(dir)) {
                if (entries.findAny().isPresent()) {
                    err.println("aup-rules: `" + dir + "` is not empty; init-pack copies the default pack only into"
                            + " a new or empty folder, and never overwrites");
                    throw new ExitException(ExitException.INVALID_INPUT);
                }
            } catch (IOException e) {
                err.println("aup-rules: cannot read `" + dir + "`: " + e.getMessage());
                throw new ExitException(ExitException.INVALID_INPUT);
            }
        }
    }
}
