package org.auprules.drools.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.drools.drl.ast.descr.AbstractClassTypeDeclarationDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.FunctionImportDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.QueryDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.drools.drl.parser.DrlParser;
import org.drools.drl.parser.DroolsParserException;

/**
 * What the DRL files of a pack declare, read with Drools' own parser (which builds descriptions
 * and evaluates nothing): the packages, declared types and their fields, functions and
 * dialects, which the source check needs to tell the pack's own names from the JDK's.
 *
 * @param packages      the package names of the pack's files
 * @param declaredTypes every declared type and enum, by simple and by qualified name
 * @param ownMembers    the names code may use on the pack's own types and functions: field names,
 *                      their getters and setters, function and query names
 * @param files         per file, what it declares
 */
public record DrlPackInfo(
        Set<String> packages, Set<String> declaredTypes, Set<String> ownMembers, Map<String, FileInfo> files) {

    /**
     * One file, as Drools parses it.
     *
     * @param parsed   whether Drools' parser read it without error
     * @param dialects the dialect attributes of the file and its rules, with where
     */
    public record FileInfo(boolean parsed, List<Declared> dialects) {}

    /**
     * Something a file declares.
     *
     * @param name  the name or value
     * @param type  the type as written, or the rule it belongs to
     * @param line  1-based line, or 0 when the parser gives none
     */
    public record Declared(String name, String type, int line) {}

    /** Nothing declared: what a trusted pack's check needs. */
    public static DrlPackInfo empty() {
        return new DrlPackInfo(Set.of(), Set.of(), Set.of(), Map.of());
    }

    /** Parses every DRL file of a pack. */
    public static DrlPackInfo of(PackSource pack) {
        Set<String> packages = new HashSet<>();
        Set<String> types = new HashSet<>();
        Set<String> members = new HashSet<>();
        Map<String, FileInfo> files = new HashMap<>();
        for (String file : pack.ruleFiles()) {
            DrlParser parser = new DrlParser();
            PackageDescr descr;
            try {
                descr = parser.parse(false, pack.text(file).orElse(""));
            } catch (DroolsParserException | RuntimeException e) {
                descr = null;
            }
            if (descr == null || parser.hasErrors()) {
                files.put(file, new FileInfo(false, List.of()));
                if (descr == null) {
                    continue;
                }
            }
            packages.add(descr.getNamespace());
            for (AbstractClassTypeDeclarationDescr t : descr.getClassAndEnumDeclarationDescrs()) {
                types.add(t.getTypeName());
                types.add(descr.getNamespace() + "." + t.getTypeName());
                for (TypeFieldDescr f : t.getFields().values()) {
                    String name = f.getFieldName();
                    String cap = name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
                    members.addAll(List.of(name, "get" + cap, "set" + cap, "is" + cap));
                }
            }
            List<Declared> dialects = new ArrayList<>();
            for (AttributeDescr a : descr.getAttributes()) {
                if (a.getName().equals("dialect")) {
                    dialects.add(new Declared(a.getValue(), "", a.getLine()));
                }
            }
            for (RuleDescr r : descr.getRules()) {
                if (r instanceof QueryDescr) {
                    // a rule calls a query by name: `myQuery($x;)`
                    members.add(r.getName());
                }
                AttributeDescr a = r.getAttributes().get("dialect");
                if (a != null) {
                    dialects.add(new Declared(a.getValue(), r.getName(), a.getLine()));
                }
            }
            for (FunctionDescr f : descr.getFunctions()) {
                members.add(f.getName());
            }
            for (FunctionImportDescr f : descr.getFunctionImports()) {
                String target = f.getTarget();
                members.add(target.substring(target.lastIndexOf('.') + 1));
            }
            files.putIfAbsent(file, new FileInfo(true, dialects));
        }
        return new DrlPackInfo(Set.copyOf(packages), Set.copyOf(types), Set.copyOf(members), Map.copyOf(files));
    }
}
