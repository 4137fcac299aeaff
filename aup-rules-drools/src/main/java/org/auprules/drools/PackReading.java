package org.auprules.drools;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.auprules.api.PolicyProblem;
import org.auprules.drools.internal.DeskFilesReader;
import org.auprules.drools.internal.DrlOutline;
import org.auprules.drools.internal.NoticeFilesReader;
import org.auprules.drools.internal.PackSource;
import org.auprules.drools.internal.PolicyTables;

/**
 * The one reading of a pack that the compiler, the validator and the clause coverage share: its
 * files with their parses ({@link PackSource}: texts, {@code policy.json}'s tree, each DRL file's
 * tokens and outline with the rules' metadata), the parsed {@code policy.json}, and its data
 * tables. A {@link PolicyPack} makes it once, on first use, and keeps it; nothing here changes
 * after it is made.
 */
final class PackReading {

    private final PackSource source;
    private final PolicyDocument.Parsed document;
    private final PolicyTables tables;
    private final List<PolicyProblem> tableProblems;
    private final DeskFilesReader.Parsed desk;
    private final NoticeFilesReader.Parsed notices;

    PackReading(PackSource source) {
        this.source = source;
        this.document = PolicyDocument.read(source);
        List<PolicyProblem> found = new ArrayList<>();
        this.tables = document.document()
                .map(d -> PolicyTables.read(source, d.catalog(), found))
                .orElse(PolicyTables.EMPTY);
        this.tableProblems = List.copyOf(found);
        this.desk = document.document()
                .map(d -> DeskFilesReader.read(source, d.catalog()))
                .orElse(DeskFilesReader.Parsed.EMPTY);
        this.notices = document.document()
                .map(d -> NoticeFilesReader.read(source, d.catalog()))
                .orElse(NoticeFilesReader.Parsed.EMPTY);
    }

    /** The customer-notice files: {@code notices/masking.json} and the templates, with their problems. */
    NoticeFilesReader.Parsed notices() {
        return notices;
    }

    /** The abuse desk's files: {@code waivers.json} and {@code escalations.json}, with their problems. */
    DeskFilesReader.Parsed desk() {
        return desk;
    }

    /** The pack's files and their parses. */
    PackSource source() {
        return source;
    }

    /** The parsed {@code policy.json}, with every problem found in it. */
    PolicyDocument.Parsed document() {
        return document;
    }

    /** The pack's data tables; empty when {@code policy.json} did not parse. */
    PolicyTables tables() {
        return tables;
    }

    /** The problems of the data tables. */
    List<PolicyProblem> tableProblems() {
        return tableProblems;
    }

    /** The outline of every DRL file, in path order. */
    Map<String, DrlOutline> outlines() {
        Map<String, DrlOutline> outlines = new LinkedHashMap<>();
        source.ruleFiles().forEach(f -> outlines.put(f, source.outline(f)));
        return outlines;
    }
}
