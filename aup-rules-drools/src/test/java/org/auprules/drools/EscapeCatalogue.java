package org.auprules.drools;

import static org.auprules.drools.EscapeCase.Effect.DEFAULTS;
import static org.auprules.drools.EscapeCase.Effect.FILE;
import static org.auprules.drools.EscapeCase.Effect.GUARDED;
import static org.auprules.drools.EscapeCase.Effect.LEAK;
import static org.auprules.drools.EscapeCase.Effect.LOGGING;
import static org.auprules.drools.EscapeCase.Effect.PROPERTY;
import static org.auprules.drools.EscapeCase.Effect.RAN;
import static org.auprules.drools.EscapeCase.Effect.REFUSED_AT_RUN_TIME;
import static org.auprules.drools.EscapeCase.Effect.RULE_REMOVED;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.auprules.drools.EscapeCase.Effect;
import org.auprules.drools.EscapeCase.Position;

/**
 * The escape attempts of {@link SandboxEscapeTest}: each technique at every position where it
 * applies. Every attack is written so that, if it ran, it would leave a mark the test can see
 * (a file in a temp folder, a system property, a marker or a secret in an error message); the
 * two that would end the JVM are behind a guard that is false for the test's facts.
 */
final class EscapeCatalogue {

    private EscapeCatalogue() {}

    /**
     * An expression that runs {@code touch %FILE%} through {@code java.beans.Expression} alone:
     * every other class and method is named only in strings, which no list of forbidden names sees.
     */
    static final String BEANS_EXEC = "new java.beans.Expression(new java.beans.Expression(new java.beans.Expression("
            + "new java.beans.Expression(\"\", \"getClass\", null).getValue(), \"forName\","
            + " java.util.List.of(\"java.lang.Runtime\").toArray()).getValue(), \"getRuntime\", null).getValue(),"
            + " \"exec\", java.util.List.of(\"touch %FILE%\").toArray()).getValue()";

    private static final String RULE_HEAD = "rule \"3.7 escape\"\n";

    /** A rule whose consequence is the given statements. */
    static String consequence(String statements) {
        return RULE_HEAD + "when\n    $p : HostedProcess( )\n    $t : Thresholds( )\nthen\n    " + statements
                + "\nend\n";
    }

    /** A rule with the given constraint on the process pattern. */
    static String constraint(String expression) {
        return RULE_HEAD + "when\n    $p : HostedProcess( " + expression
                + " )\nthen\n    Integer.parseInt(\"%RAN%\");\nend\n";
    }

    /** A rule that matches each object the expression gives. */
    static String from(String expression) {
        return RULE_HEAD + "when\n    $p : HostedProcess( )\n    $x : Object( ) from " + expression
                + "\nthen\n    Integer.parseInt(\"%RAN% \" + $x);\nend\n";
    }

    /** A rule with an {@code eval} of the expression. */
    static String eval(String expression) {
        return RULE_HEAD + "when\n    $p : HostedProcess( )\n    eval( " + expression
                + " )\nthen\n    Integer.parseInt(\"%RAN%\");\nend\n";
    }

    /** A function running the statements, called from a rule's consequence. */
    static String function(String statements) {
        return "function void attack(HostedProcess $p, Thresholds $t) {\n    try {\n        " + statements
                + "\n    } catch (Exception e) {\n        throw new IllegalStateException(e);\n    }\n}\n\n" + RULE_HEAD
                + "when\n    $p : HostedProcess( )\n    $t : Thresholds( )\nthen\n    attack($p, $t);\nend\n";
    }

    /** A rule whose consequence is in the MVEL dialect. */
    static String mvel(String statements) {
        return RULE_HEAD + "    dialect \"mvel\"\nwhen\n    $p : HostedProcess( )\nthen\n    " + statements + "\nend\n";
    }

    /** A rule with the expression as the value of its {@code @note} metadata. */
    static String metadata(String expression) {
        return RULE_HEAD + "    @note(" + expression + ")\nwhen\n    $p : HostedProcess( )\nthen\nend\n";
    }

    /**
     * The cases that the sandbox of this branch still lets through (or refuses only for another
     * name on the same line), by {@link EscapeCase#toString()}, with what happens. Each is reported
     * as skipped with that reason; one that the sandbox refuses after all fails until it is taken
     * off this map, so the map stays exactly the list of what still gets through.
     */
    static final Map<String, String> GETS_THROUGH = Map.of();

    private static final List<EscapeCase> CASES = new ArrayList<>();

    private static void add(
            String technique,
            Position position,
            String drl,
            List<String> needles,
            List<String> names,
            Effect first,
            Effect... rest) {
        CASES.add(new EscapeCase(technique, position, drl, needles, names, EnumSet.of(first, rest)));
    }

    private static void add(
            String technique, Position position, String drl, String needle, String name, Effect first, Effect... rest) {
        add(technique, position, drl, List.of(needle), List.of(name), first, rest);
    }

    static {
        beans();
        issueTechniques();
        reflection();
        disguises();
        codeFromElsewhere();
        threads();
        classLoaders();
        system();
        io();
        engine();
        helpersAndState();
    }

    /** Every case, in a fixed order. */
    static List<EscapeCase> all() {
        return List.copyOf(CASES);
    }

    /** {@code java.beans.Expression} reaching {@code Runtime.exec}, at every position a rule file has. */
    private static void beans() {
        String t = "java.beans.Expression -> Runtime.exec";
        List<String> name = List.of("java.beans.Expression", "Expression");
        List<String> at = List.of("java.beans.Expression");
        add(t, Position.CONSEQUENCE, consequence(BEANS_EXEC + ";"), at, name, FILE);
        add(t, Position.CONSTRAINT, constraint(BEANS_EXEC + " != null"), at, name, FILE);
        add(t, Position.FROM, from(BEANS_EXEC), at, name, FILE);
        add(t, Position.EVAL, eval(BEANS_EXEC + " != null"), at, name, FILE);
        add(t, Position.FUNCTION, function(BEANS_EXEC + ";"), at, name, FILE);
        add(t, Position.STATIC_INITIALIZER, """
                function String attack() {
                    class Holder {
                        static Object value;
                        static {
                            try {
                                value = %s;
                            } catch (Exception e) {
                                value = e;
                            }
                        }
                    }
                    return String.valueOf(Holder.value);
                }

                rule "3.7 escape"
                when
                    $p : HostedProcess( )
                then
                    Integer.parseInt("%%RAN%% " + attack());
                end
                """.formatted(BEANS_EXEC), at, name, FILE);
        add(t, Position.DECLARED_TYPE, """
                declare Box
                    value : Object = ( %s )
                end

                rule "3.7 escape"
                when
                    $p : HostedProcess( )
                then
                    insert(new Box());
                end
                """.formatted(BEANS_EXEC), at, name, FILE);
        add(t, Position.ACCUMULATE, """
                rule "3.7 escape"
                when
                    $n : Number( ) from accumulate( HostedProcess( ),
                        init( Object v = null; ),
                        action( v = %s; ),
                        result( Integer.valueOf(1) ) )
                then
                end
                """.formatted(BEANS_EXEC), at, name, FILE);
        add(t, Position.QUERY, """
                query "processes"
                    HostedProcess( %s != null )
                end
                """.formatted(BEANS_EXEC), at, name, FILE);
        add(
                t,
                Position.MVEL,
                mvel(BEANS_EXEC + ";"),
                List.of("java.beans.Expression", "dialect"),
                List.of("java.beans.Expression", "Expression", "mvel", "MVEL"),
                FILE);
        add(t, Position.METADATA, metadata(BEANS_EXEC), at, List.of("Expression", "must be a literal"), FILE);
        add(
                t,
                Position.SALIENCE,
                RULE_HEAD + "    salience ( " + BEANS_EXEC
                        + " == null ? 1 : 2 )\nwhen\n    $p : HostedProcess( )\nthen\nend\n",
                at,
                name,
                FILE);
        add(
                t,
                Position.ENABLED,
                RULE_HEAD + "    enabled ( " + BEANS_EXEC + " != null )\nwhen\n    $p : HostedProcess( )\nthen\nend\n",
                at,
                name,
                FILE);
        String imported = BEANS_EXEC.replace("java.beans.Expression", "Expression");
        add(
                t,
                Position.IMPORT,
                "import java.beans.Expression;\n\n" + consequence(imported + ";"),
                List.of("java.beans.Expression", "new Expression"),
                name,
                FILE);
        add(
                t,
                Position.IMPORT_WILDCARD,
                "import java.beans.*;\n\n" + consequence(imported + ";"),
                List.of("java.beans.*", "new Expression"),
                List.of("java.beans", "Expression"),
                FILE);
        add(
                "java.beans.Statement -> Runtime.exec",
                Position.CONSEQUENCE,
                consequence("Object rt = new java.beans.Expression(new java.beans.Expression(new java.beans.Expression("
                        + "\"\", \"getClass\", null).getValue(), \"forName\", java.util.List.of(\"java.lang.Runtime\")"
                        + ".toArray()).getValue(), \"getRuntime\", null).getValue();\n"
                        + "    new java.beans.Statement(rt, \"exec\", java.util.List.of(\"touch %FILE%\").toArray())"
                        + ".execute();"),
                List.of("java.beans.Statement"),
                List.of("java.beans.Statement", "Statement"),
                FILE);
    }

    /** The other techniques issue 10 lists. */
    private static void issueTechniques() {
        String xslt = "String xsl = \"<xsl:stylesheet version='1.0' xmlns:xsl='http://www.w3.org/1999/XSL/Transform'"
                + " xmlns:rt='http://xml.apache.org/xalan/java/java.lang.Runtime'><xsl:template match='/'>"
                + "<xsl:variable name='r' select='rt:getRuntime()'/><xsl:value-of"
                + " select='rt:exec($r, &quot;touch %FILE%&quot;)'/></xsl:template></xsl:stylesheet>\";\n"
                + "        javax.xml.transform.Transformer tr = javax.xml.transform.TransformerFactory.newDefaultInstance()"
                + ".newTransformer(new javax.xml.transform.stream.StreamSource(new java.io.StringReader(xsl)));\n"
                + "        tr.transform(new javax.xml.transform.stream.StreamSource(new java.io.StringReader(\"<a/>\")),"
                + " new javax.xml.transform.stream.StreamResult(new java.io.StringWriter()));";
        add(
                "XSLT extension function (TransformerFactory.newDefaultInstance) -> Runtime.exec",
                Position.CONSEQUENCE,
                consequence(xslt),
                List.of("TransformerFactory"),
                List.of("TransformerFactory", "javax.xml.transform"),
                FILE);
        add(
                "XSLT extension function (TransformerFactory.newDefaultInstance) -> Runtime.exec",
                Position.FUNCTION,
                function(xslt),
                List.of("TransformerFactory"),
                List.of("TransformerFactory", "javax.xml.transform"),
                FILE);
        add(
                "XXE (DocumentBuilderFactory.newDefaultInstance) reading a local file",
                Position.CONSEQUENCE,
                consequence("String xml = \"<!DOCTYPE r [<!ENTITY x SYSTEM 'file://%SECRET%'>]><r>&x;</r>\";\n"
                        + "    org.w3c.dom.Document d = javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance()"
                        + ".newDocumentBuilder().parse(\n        new java.io.ByteArrayInputStream(xml.getBytes()));\n"
                        + "    Integer.parseInt(\"%RAN% \" + d.getDocumentElement().getTextContent());"),
                List.of("DocumentBuilderFactory"),
                List.of("DocumentBuilderFactory", "javax.xml.parsers"),
                LEAK,
                RAN);
        add(
                "XXE (DocumentBuilderFactory.newDefaultInstance) reading a local file",
                Position.FROM,
                from("javax.xml.parsers.DocumentBuilderFactory.newDefaultInstance().newDocumentBuilder()"
                        + ".parse(\"file://%DIR%/../xxe.xml\").getDocumentElement().getTextContent()"),
                List.of("DocumentBuilderFactory"),
                List.of("DocumentBuilderFactory", "javax.xml.parsers"),
                LEAK,
                RAN);
        add(
                "java.util.Formatter writing a file",
                Position.CONSEQUENCE,
                consequence("new java.util.Formatter(\"%FILE%\").format(\"%RAN%\").close();"),
                "java.util.Formatter",
                "Formatter",
                FILE);
        add(
                "java.util.logging.FileHandler writing a file",
                Position.CONSEQUENCE,
                consequence("new java.util.logging.FileHandler(\"%FILE%\").close();"),
                List.of("java.util.logging.FileHandler"),
                List.of("FileHandler", "java.util.logging"),
                FILE);
        add(
                "ANTLR CharStreams reading a file",
                Position.CONSEQUENCE,
                consequence(
                        "Integer.parseInt(\"%RAN% \" + org.antlr.v4.runtime.CharStreams.fromFileName(\"%SECRET%\"));"),
                List.of("org.antlr"),
                List.of("CharStreams", "org.antlr"),
                LEAK,
                RAN);
        add(
                "ANTLR CharStreams reading a file",
                Position.EVAL,
                eval("Integer.parseInt(\"%RAN% \" + org.antlr.v4.runtime.CharStreams.fromFileName(\"%SECRET%\")) > 0"),
                List.of("org.antlr"),
                List.of("CharStreams", "org.antlr"),
                LEAK,
                RAN);
        add(
                "ECJ Main.main (exits the JVM; guarded)",
                Position.CONSEQUENCE,
                consequence(
                        "if ($p.pid() < 0) {\n        org.eclipse.jdt.internal.compiler.batch.Main.main(new String[] {"
                                + "\"-d\", \"%DIR%\", \"%SRC%\"});\n    }"),
                List.of("org.eclipse.jdt"),
                List.of("org.eclipse.jdt", "Main"),
                GUARDED);
        add(
                "ECJ BatchCompiler writing a class file",
                Position.CONSEQUENCE,
                consequence("org.eclipse.jdt.core.compiler.batch.BatchCompiler.compile(new String[] {\"-d\", \"%DIR%\","
                        + " \"-nowarn\", \"-17\", \"%SRC%\"},\n        new java.io.PrintWriter(java.io.Writer.nullWriter()),"
                        + " new java.io.PrintWriter(java.io.Writer.nullWriter()), null);"),
                List.of("org.eclipse.jdt"),
                List.of("org.eclipse.jdt", "BatchCompiler"),
                FILE);
        add(
                "LogManager.reset()",
                Position.CONSEQUENCE,
                consequence("java.util.logging.LogManager.getLogManager().reset();"),
                List.of("LogManager"),
                List.of("LogManager", "java.util.logging"),
                LOGGING);
        add(
                "LogManager.reset()",
                Position.FUNCTION,
                function("java.util.logging.LogManager.getLogManager().reset();"),
                List.of("LogManager"),
                List.of("LogManager", "java.util.logging"),
                LOGGING);
        add(
                "Object::getClass",
                Position.CONSEQUENCE,
                consequence("java.util.function.Function<Object, Object> f = Object::getClass;\n"
                        + "    Integer.parseInt(\"%RAN% \" + f.apply($p));"),
                "Object::getClass",
                "getClass",
                RAN);
        add(
                "wait()",
                Position.CONSEQUENCE,
                consequence("synchronized ($p) {\n        $p.wait(1);\n    }\n    Integer.parseInt(\"%RAN%\");"),
                List.of("$p.wait", "synchronized"),
                List.of("wait", "synchronized"),
                RAN);
        add(
                "Arrays.parallelSetAll (code on other threads)",
                Position.CONSEQUENCE,
                consequence("int[] a = new int[20000];\n    java.util.Arrays.parallelSetAll(a, i -> i);\n"
                        + "    Integer.parseInt(\"%RAN% \" + a[19999]);"),
                List.of("java.util.Arrays.parallelSetAll"),
                List.of("parallelSetAll", "java.util.Arrays"),
                RAN);
    }

    private static void reflection() {
        add(
                "reflection: Class.forName",
                Position.CONSEQUENCE,
                consequence("Integer.parseInt(\"%RAN% \" + Class.forName(\"java.lang.Runtime\"));"),
                List.of("Class.forName"),
                List.of("Class", "forName"),
                RAN);
        add(
                "reflection: Class.forName of a name built at run time",
                Position.CONSTRAINT,
                constraint("Integer.parseInt(\"%RAN% \" + Class.forName(\"java.lang.\" + \"Run\" + \"time\")) > 0"),
                List.of("Class.forName"),
                List.of("Class", "forName"),
                RAN);
        add(
                "reflection: getMethod/invoke -> System.setProperty",
                Position.CONSEQUENCE,
                consequence("Class.forName(\"java.lang.Sys\" + \"tem\").getMethod(\"setProperty\", String.class,"
                        + " String.class).invoke(null, \"%PROP%\", \"ran\");"),
                List.of("Class.forName"),
                List.of("getMethod", "invoke", "forName", "Class"),
                PROPERTY);
        add(
                "reflection: setAccessible on the private list of Findings",
                Position.CONSEQUENCE,
                consequence("java.lang.reflect.Field f = findings.getClass().getDeclaredField(\"violations\");\n"
                        + "    f.setAccessible(true);\n    Integer.parseInt(\"%RAN% \" + f.get(findings));"),
                List.of("java.lang.reflect.Field", "getDeclaredField", "setAccessible"),
                List.of("setAccessible", "java.lang.reflect", "Field", "getDeclaredField", "getClass"),
                RAN);
        add(
                "reflection: Class reached through an allowed helper (Thresholds.names())",
                Position.CONSEQUENCE,
                consequence(
                        "Thresholds.names().get(\"inodes\").forName(\"java.lang.System\").getMethod(\"setProperty\","
                                + " Thresholds.names().get(\"inodes\").forName(\"java.lang.String\"),"
                                + " Thresholds.names().get(\"inodes\").forName(\"java.lang.String\")).invoke(null, \"%PROP%\","
                                + " \"ran\");"),
                List.of("Thresholds.names()"),
                List.of("forName", "getMethod", "invoke", "Class", "names"),
                PROPERTY);
        add(
                "reflection: the class property in MVEL (this.class.classLoader)",
                Position.CONSTRAINT,
                constraint("Integer.parseInt(\"%RAN% \" + this.class.classLoader) > 0"),
                List.of("this.class"),
                List.of("class", "Class", "classLoader"),
                RAN);
        add(
                "method handles: MethodHandles.lookup().findStatic -> System.setProperty",
                Position.CONSEQUENCE,
                consequence("try {\n        Object r = java.lang.invoke.MethodHandles.lookup().findStatic("
                        + "Class.forName(\"java.lang.System\"), \"setProperty\", java.lang.invoke.MethodType.methodType("
                        + "String.class, String.class, String.class)).invoke(\"%PROP%\", \"ran\");\n"
                        + "    } catch (Throwable e) {\n        throw new IllegalStateException(e);\n    }"),
                List.of("java.lang.invoke.MethodHandles"),
                List.of("MethodHandles", "java.lang.invoke"),
                PROPERTY);
    }

    /** Spellings meant to hide a name from a check that reads text. */
    private static void disguises() {
        add(
                "unicode escape (\\u0053ystem.setProperty)",
                Position.FUNCTION,
                function("\\u0053ystem.setProperty(\"%PROP%\", \"ran\");"),
                List.of("\\u0053ystem"),
                List.of("System", "setProperty"),
                PROPERTY);
        add(
                "unicode escape ending a line comment (\\u000a)",
                Position.CONSEQUENCE,
                consequence("// a comment that javac ends early \\u000a System.setProperty(\"%PROP%\", \"ran\");"),
                List.of("System.setProperty"),
                List.of("System", "setProperty"),
                PROPERTY);
        add(
                "comments between the dots (java./**/lang.System)",
                Position.CONSEQUENCE,
                consequence("java . /* between */ lang . System . setProperty(\"%PROP%\", \"ran\");"),
                List.of("java . /* between */"),
                List.of("System", "setProperty"),
                PROPERTY);
        add(
                "comments between the dots (java./**/lang.System)",
                Position.EVAL,
                eval("java./**/lang./**/System.setProperty(\"%PROP%\", \"ran\") == null"),
                List.of("java./**/"),
                List.of("System", "setProperty"),
                PROPERTY);
        add(
                "fully qualified name (java.lang.System.setProperty)",
                Position.CONSEQUENCE,
                consequence("java.lang.System.setProperty(\"%PROP%\", \"ran\");"),
                "java.lang.System",
                "System",
                PROPERTY);
        add(
                "lambda (Runnable running System.setProperty)",
                Position.CONSEQUENCE,
                consequence("Runnable r = () -> System.setProperty(\"%PROP%\", \"ran\");\n    r.run();"),
                "System.setProperty",
                "System",
                PROPERTY);
        add(
                "method reference (System::setProperty)",
                Position.CONSEQUENCE,
                consequence("java.util.function.BinaryOperator<String> f = System::setProperty;\n"
                        + "    f.apply(\"%PROP%\", \"ran\");"),
                "System::setProperty",
                "System",
                PROPERTY);
        add(
                "static import (import static java.lang.System.setProperty)",
                Position.IMPORT_STATIC,
                "import static java.lang.System.setProperty;\n\n" + consequence("setProperty(\"%PROP%\", \"ran\");"),
                List.of("import static", "setProperty(\""),
                List.of("System", "setProperty"),
                PROPERTY);
        add(
                "import function (import function java.lang.System.setProperty)",
                Position.IMPORT_FUNCTION,
                "import function java.lang.System.setProperty;\n\n" + consequence("setProperty(\"%PROP%\", \"ran\");"),
                List.of("import function", "setProperty(\""),
                List.of("System", "setProperty"),
                PROPERTY);
    }

    /** Running code that comes from elsewhere than the rule file. */
    private static void codeFromElsewhere() {
        add(
                "serialization (ObjectInputStream.readObject)",
                Position.CONSEQUENCE,
                consequence("java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();\n"
                        + "    java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(b);\n"
                        + "    out.writeObject(new java.util.ArrayList<>(java.util.List.of(\"%RAN%\")));\n"
                        + "    out.flush();\n"
                        + "    Object o = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(b.toByteArray()))"
                        + ".readObject();\n    Integer.parseInt(String.valueOf(o));"),
                List.of("java.io.ObjectInputStream", "java.io.ByteArrayOutputStream", "java.io.ObjectOutputStream"),
                List.of("ObjectInputStream", "ObjectOutputStream", "ByteArrayOutputStream", "java.io"),
                RAN);
        add(
                "JNDI (InitialContext.lookup)",
                Position.CONSEQUENCE,
                consequence("Object found;\n    try {\n        found = new javax.naming.InitialContext()"
                        + ".lookup(\"ldap://127.0.0.1:1/x\");\n    } catch (Exception e) {\n        found = e;\n    }\n"
                        + "    Integer.parseInt(\"%RAN% \" + found);"),
                List.of("javax.naming.InitialContext"),
                List.of("InitialContext", "javax.naming"),
                RAN);
        add(
                "script engines (ScriptEngineManager)",
                Position.CONSEQUENCE,
                consequence(
                        "Integer.parseInt(\"%RAN% \" + new javax.script.ScriptEngineManager().getEngineFactories());"),
                "javax.script",
                "ScriptEngineManager",
                RAN);
        add(
                "ToolProvider running javac in process",
                Position.CONSEQUENCE,
                consequence(
                        "java.io.PrintStream none = new java.io.PrintStream(java.io.OutputStream.nullOutputStream());\n"
                                + "    java.util.spi.ToolProvider.findFirst(\"javac\").orElseThrow().run(none, none, \"-d\","
                                + " \"%DIR%\", \"%SRC%\");"),
                List.of("java.util.spi.ToolProvider", "java.io.PrintStream"),
                List.of("ToolProvider", "java.util.spi", "PrintStream", "java.io"),
                FILE);
        add(
                "Jackson ObjectMapper reading a file",
                Position.CONSEQUENCE,
                consequence("Integer.parseInt(\"%RAN% \" + new com.fasterxml.jackson.databind.ObjectMapper()"
                        + ".readTree(new java.io.File(\"%SECRET%\")));"),
                List.of("com.fasterxml"),
                List.of("ObjectMapper", "com.fasterxml"),
                LEAK,
                RAN);
        add(
                "Jackson ObjectMapper reading a URL",
                Position.FROM,
                from(
                        "new com.fasterxml.jackson.databind.ObjectMapper().readTree(new java.net.URL(\"file:%SECRET%\")).asText()"),
                List.of("com.fasterxml"),
                List.of("ObjectMapper", "com.fasterxml"),
                LEAK,
                RAN);
    }

    private static void threads() {
        add(
                "threads: new Thread",
                Position.CONSEQUENCE,
                consequence("new Thread(() -> System.setProperty(\"%PROP%\", \"ran\")).start();"),
                "new Thread",
                "Thread",
                PROPERTY);
        add(
                "threads: Executors",
                Position.CONSEQUENCE,
                consequence("java.util.concurrent.ExecutorService x = java.util.concurrent.Executors"
                        + ".newSingleThreadExecutor();\n    x.submit(() -> System.setProperty(\"%PROP%\", \"ran\"));\n"
                        + "    x.shutdown();"),
                List.of("java.util.concurrent.ExecutorService"),
                List.of("Executor", "java.util.concurrent"),
                PROPERTY);
        add(
                "threads: CompletableFuture.runAsync",
                Position.CONSEQUENCE,
                consequence(
                        "java.util.concurrent.CompletableFuture.runAsync(() -> System.setProperty(\"%PROP%\", \"ran\"))"
                                + ".join();"),
                List.of("java.util.concurrent.CompletableFuture"),
                List.of("CompletableFuture", "java.util.concurrent"),
                PROPERTY);
        add(
                "threads: parallelStream",
                Position.CONSEQUENCE,
                consequence("Integer.parseInt(\"%RAN% \" + java.util.List.of(1, 2, 3).parallelStream().mapToInt(i -> i)"
                        + ".sum());"),
                "parallelStream",
                "parallelStream",
                RAN);
        add(
                "threads: parallelStream",
                Position.FROM,
                from("java.util.List.of(\"%RAN%\").parallelStream().toList()"),
                "parallelStream",
                "parallelStream",
                RAN);
        add(
                "threads: Timer",
                Position.CONSEQUENCE,
                consequence("""
                        new java.util.Timer(true).schedule(new java.util.TimerTask() {
                                public void run() {
                                    System.setProperty("%PROP%", "ran");
                                }
                            }, 0L);"""),
                List.of("java.util.Timer"),
                List.of("Timer"),
                PROPERTY);
        add(
                "threads: Thread.currentThread().interrupt()",
                Position.CONSEQUENCE,
                consequence("Thread.currentThread().interrupt();\n    Integer.parseInt(\"%RAN%\");"),
                "Thread.currentThread",
                "Thread",
                RAN);
        add(
                "threads: synchronized + wait on a shared helper (Thresholds)",
                Position.CONSEQUENCE,
                consequence("synchronized ($t) {\n        $t.wait(1);\n    }\n    Integer.parseInt(\"%RAN%\");"),
                List.of("synchronized", "$t.wait"),
                List.of("synchronized", "wait"),
                RAN);
    }

    private static void classLoaders() {
        add(
                "class loaders: URLClassLoader",
                Position.CONSEQUENCE,
                consequence("Integer.parseInt(\"%RAN% \" + new java.net.URLClassLoader(new java.net.URL[] {"
                        + " new java.net.URL(\"file:%DIR%/\") }).getURLs().length);"),
                List.of("java.net.URLClassLoader"),
                List.of("URLClassLoader", "java.net"),
                RAN);
        add(
                "class loaders: getClassLoader",
                Position.CONSEQUENCE,
                consequence("Integer.parseInt(\"%RAN% \" + $p.getClass().getClassLoader());"),
                "$p.getClass()",
                "getClass",
                RAN);
        add(
                "class loaders: ServiceLoader",
                Position.CONSEQUENCE,
                consequence(
                        "Integer.parseInt(\"%RAN% \" + java.util.ServiceLoader.load(java.util.spi.ToolProvider.class)"
                                + ".findFirst().isPresent());"),
                List.of("java.util.ServiceLoader"),
                List.of("ServiceLoader"),
                RAN);
    }

    private static void system() {
        add(
                "System.exit (guarded)",
                Position.CONSEQUENCE,
                consequence("if ($p.pid() < 0) {\n        System.exit(1);\n    }"),
                "System.exit",
                "System",
                GUARDED);
        add(
                "Runtime.halt (guarded)",
                Position.EVAL,
                RULE_HEAD
                        + "when\n    $p : HostedProcess( )\n    eval( $p.pid() < 0 && Runtime.getRuntime() != null )\n"
                        + "then\n    Runtime.getRuntime().halt(1);\nend\n",
                List.of("Runtime.getRuntime() !=", "Runtime.getRuntime().halt"),
                List.of("Runtime"),
                GUARDED);
        String setProperty = "System.setProperty(\"%PROP%\", \"ran\")";
        add("System.setProperty", Position.CONSEQUENCE, consequence(setProperty + ";"), "System", "System", PROPERTY);
        add(
                "System.setProperty",
                Position.CONSTRAINT,
                constraint(setProperty + " == null"),
                "System.setProperty",
                "System",
                PROPERTY);
        add("System.setProperty", Position.FROM, from(setProperty), "System.setProperty", "System", PROPERTY);
        add(
                "System.setProperty",
                Position.MVEL,
                mvel(setProperty + ";"),
                List.of("System.setProperty", "dialect"),
                List.of("System", "mvel", "MVEL"),
                PROPERTY);
        add(
                "System.setProperty",
                Position.METADATA,
                metadata(setProperty),
                List.of("System.setProperty"),
                List.of("System", "must be a literal"),
                PROPERTY);
        add(
                "System.setProperty",
                Position.SALIENCE,
                RULE_HEAD + "    salience ( " + setProperty + " == null ? 1 : 2 )\nwhen\n    $p : HostedProcess( )\n"
                        + "then\nend\n",
                "System.setProperty",
                "System",
                PROPERTY);
        add(
                "System.setProperty",
                Position.QUERY,
                "query \"processes\"\n    HostedProcess( " + setProperty + " == null )\nend\n",
                "System.setProperty",
                "System",
                PROPERTY);
        add(
                "System.setProperty",
                Position.DECLARED_TYPE,
                "declare Box\n    value : String = ( " + setProperty + " )\nend\n\n"
                        + consequence("insert(new Box());"),
                "System.setProperty",
                "System",
                PROPERTY);
        add(
                "System.getenv",
                Position.CONSEQUENCE,
                consequence("Integer.parseInt(\"%RAN% \" + System.getenv(\"PATH\"));"),
                "System.getenv",
                "System",
                LEAK,
                RAN);
        add(
                "System.getProperty",
                Position.CONSEQUENCE,
                consequence("Integer.parseInt(\"%RAN% \" + System.getProperty(\"%SECRETPROP%\"));"),
                "System.getProperty",
                "System",
                LEAK,
                RAN);
        add(
                "System.gc",
                Position.CONSEQUENCE,
                consequence("System.gc();\n    Integer.parseInt(\"%RAN%\");"),
                "System.gc",
                "System",
                RAN);
        add(
                "a system property read through a boxed number (Long.getLong)",
                Position.CONSEQUENCE,
                consequence("Integer.parseInt(\"%RAN% \" + Long.getLong(\"%SECRETPROP%\"));"),
                "Long.getLong",
                "getLong",
                LEAK,
                RAN);
        add(
                "a system property read through a boxed number (Long.getLong)",
                Position.CONSTRAINT,
                constraint("pid != Long.getLong(\"%SECRETPROP%\") && Integer.parseInt(\"%RAN% \" +"
                        + " Long.getLong(\"%SECRETPROP%\")) > 0"),
                "Long.getLong",
                "getLong",
                LEAK,
                RAN);
        add(
                "Runtime.exec",
                Position.CONSEQUENCE,
                consequence("Runtime.getRuntime().exec(new String[] {\"touch\", \"%FILE%\"}).waitFor();"),
                "Runtime",
                "Runtime",
                FILE);
        add(
                "Runtime.exec",
                Position.CONSTRAINT,
                constraint("Runtime.getRuntime().exec(\"touch %FILE%\").waitFor() == 0"),
                "Runtime",
                "Runtime",
                FILE);
        add(
                "Runtime.exec",
                Position.FROM,
                from("Runtime.getRuntime().exec(\"touch %FILE%\").waitFor()"),
                "Runtime",
                "Runtime",
                FILE);
        add(
                "ProcessBuilder",
                Position.CONSEQUENCE,
                consequence("new ProcessBuilder(\"touch\", \"%FILE%\").start().waitFor();"),
                "ProcessBuilder",
                "ProcessBuilder",
                FILE);
        add("ProcessBuilder", Position.ACCUMULATE, """
                rule "3.7 escape"
                when
                    $n : Number( ) from accumulate( HostedProcess( ),
                        init( int n = 0; ),
                        action( n += new ProcessBuilder("touch", "%FILE%").start().waitFor(); ),
                        result( Integer.valueOf(n) ) )
                then
                end
                """, "ProcessBuilder", "ProcessBuilder", FILE);
    }

    private static void io() {
        add(
                "Files.writeString",
                Position.CONSEQUENCE,
                consequence("java.nio.file.Files.writeString(java.nio.file.Path.of(\"%FILE%\"), \"%RAN%\");"),
                List.of("java.nio.file"),
                List.of("Files", "java.nio.file", "Path"),
                FILE);
        add(
                "Files.writeString",
                Position.FUNCTION,
                function("java.nio.file.Files.writeString(java.nio.file.Path.of(\"%FILE%\"), \"%RAN%\");"),
                List.of("java.nio.file"),
                List.of("Files", "java.nio.file", "Path"),
                FILE);
        add(
                "Files.writeString",
                Position.IMPORT_WILDCARD,
                "import java.nio.file.*;\n\n" + consequence("Files.writeString(Path.of(\"%FILE%\"), \"%RAN%\");"),
                List.of("java.nio.file.*", "Files.writeString"),
                List.of("Files", "java.nio.file", "Path"),
                FILE);
        add(
                "Files.writeString",
                Position.IMPORT,
                "import java.nio.file.Files;\nimport java.nio.file.Path;\n\n"
                        + consequence("Files.writeString(Path.of(\"%FILE%\"), \"%RAN%\");"),
                List.of("java.nio.file.Files", "java.nio.file.Path", "Files.writeString"),
                List.of("Files", "java.nio.file", "Path"),
                FILE);
        add(
                "URL.openStream reading a file",
                Position.CONSEQUENCE,
                consequence("Integer.parseInt(\"%RAN% \" + new String(new java.net.URL(\"file:%SECRET%\").openStream()"
                        + ".readAllBytes()));"),
                List.of("java.net.URL"),
                List.of("URL", "java.net"),
                LEAK,
                RAN);
        add(
                "HttpClient",
                Position.CONSEQUENCE,
                consequence("Integer.parseInt(\"%RAN% \" + java.net.http.HttpClient.newHttpClient());"),
                List.of("java.net.http"),
                List.of("HttpClient", "java.net"),
                RAN);
        add(
                "sockets (ServerSocket)",
                Position.CONSEQUENCE,
                consequence("java.net.ServerSocket s = new java.net.ServerSocket(0);\n    s.close();\n"
                        + "    Integer.parseInt(\"%RAN% \" + s.getLocalPort());"),
                List.of("java.net.ServerSocket"),
                List.of("ServerSocket", "java.net"),
                RAN);
        add(
                "DriverManager",
                Position.CONSEQUENCE,
                consequence("Integer.parseInt(\"%RAN% \" + java.sql.DriverManager.getDrivers().hasMoreElements());"),
                List.of("java.sql"),
                List.of("DriverManager", "java.sql"),
                RAN);
        add(
                "sun.misc.Unsafe",
                Position.CONSEQUENCE,
                consequence("java.lang.reflect.Field f = sun.misc.Unsafe.class.getDeclaredField(\"theUnsafe\");\n"
                        + "    f.setAccessible(true);\n    Integer.parseInt(\"%RAN% \" + f.get(null));"),
                List.of("sun.misc.Unsafe", "java.lang.reflect.Field"),
                List.of("Unsafe", "sun.misc", "java.lang.reflect", "Field"),
                RAN);
    }

    /** A rule reaching the engine that runs it. */
    private static void engine() {
        List<String> names = List.of("getKieRuntime", "getKieBase", "kcontext", "drools", "engine");
        add(
                "engine: kcontext.getKieRuntime().getKieBase().removeRule",
                Position.CONSEQUENCE,
                consequence("kcontext.getKieRuntime().getKieBase().removeRule(\"rules\", \"3.7 escape\");\n"
                        + "    Integer.parseInt(\"%RAN%\");"),
                List.of("kcontext.getKieRuntime"),
                names,
                RAN,
                RULE_REMOVED);
        add(
                "engine: drools.getKieRuntime().setGlobal",
                Position.CONSEQUENCE,
                consequence("drools.getKieRuntime().setGlobal(\"findings\", null);\n    Integer.parseInt(\"%RAN%\");"),
                List.of("drools.getKieRuntime"),
                List.of("getKieRuntime", "setGlobal", "drools", "engine"),
                RAN);
        add(
                "engine: getChannels()",
                Position.CONSEQUENCE,
                consequence("Integer.parseInt(\"%RAN% \" + drools.getChannels());"),
                List.of("drools.getChannels"),
                List.of("getChannels", "drools", "engine"),
                RAN);
        add(
                "engine: halt()",
                Position.CONSEQUENCE,
                consequence("drools.halt();\n    Integer.parseInt(\"%RAN%\");"),
                List.of("drools.halt"),
                List.of("halt", "drools", "engine"),
                RAN);
        add(
                "engine: getEnvironment()",
                Position.CONSEQUENCE,
                consequence("Integer.parseInt(\"%RAN% \" + kcontext.getKieRuntime().getEnvironment());"),
                List.of("kcontext.getKieRuntime"),
                List.of("getEnvironment", "getKieRuntime", "kcontext", "engine"),
                RAN);
        add(
                "engine: getKieBase()",
                Position.CONSEQUENCE,
                consequence("Integer.parseInt(\"%RAN% \" + drools.getKieRuntime().getKieBase().getKiePackages());"),
                List.of("drools.getKieRuntime"),
                names,
                RAN);
        add(
                "engine: kcontext.getKieRuntime() in a function",
                Position.FUNCTION,
                "function void attack(org.kie.api.runtime.rule.RuleContext ctx) {\n"
                        + "    ctx.getKieRuntime().getKieBase().removeRule(\"rules\", \"3.7 escape\");\n"
                        + "    Integer.parseInt(\"%RAN%\");\n}\n\n" + RULE_HEAD
                        + "when\n    $p : HostedProcess( )\nthen\n    attack(kcontext);\nend\n",
                List.of("org.kie.api.runtime.rule.RuleContext", "ctx.getKieRuntime"),
                List.of("getKieRuntime", "getKieBase", "removeRule", "RuleContext", "org.kie", "engine"),
                RAN,
                RULE_REMOVED);
    }

    /** Tampering with what later evaluations share. */
    private static void helpersAndState() {
        add(
                "tampering with a shared helper: Embargo.countries().clear()",
                Position.CONSEQUENCE,
                RULE_HEAD
                        + "when\n    $e : Embargo( )\nthen\n    $e.countries().clear();\n    Integer.parseInt(\"%RAN%\");\nend\n",
                "$e.countries().clear()",
                "clear",
                REFUSED_AT_RUN_TIME);
        add(
                "tampering with a shared helper: the signature table's rows().clear()",
                Position.CONSEQUENCE,
                "global SignatureTable signatures;\n\n"
                        + consequence("signatures.rows().clear();\n    Integer.parseInt(\"%RAN%\");"),
                List.of("signatures.rows().clear()", "global SignatureTable"),
                List.of("clear", "SignatureTable"),
                REFUSED_AT_RUN_TIME);
        add(
                "tampering with findings: violations().clear()",
                Position.CONSEQUENCE,
                consequence("findings.violations().clear();\n    Integer.parseInt(\"%RAN%\");"),
                "findings.violations().clear()",
                "clear",
                REFUSED_AT_RUN_TIME);
        add(
                "static mutable state that leaks between evaluations (a local class's static field)",
                Position.STATIC_INITIALIZER,
                """
                function int bump() {
                    class Counter {
                        static int n;
                    }
                    return ++Counter.n;
                }

                rule "3.7 escape"
                when
                    $p : HostedProcess( )
                    eval( bump() > 1 )
                then
                    Integer.parseInt("%RAN%");
                end
                """,
                List.of("class Counter", "static int n", "++Counter.n"),
                List.of("static", "Counter", "class", "`n`"),
                RAN);
        add(
                "JVM-wide defaults: Locale.setDefault",
                Position.CONSEQUENCE,
                consequence("java.util.Locale.setDefault(java.util.Locale.GERMANY);"),
                List.of("java.util.Locale.setDefault"),
                List.of("setDefault", "java.util.Locale"),
                DEFAULTS);
        add(
                "JVM-wide defaults: TimeZone.setDefault",
                Position.CONSEQUENCE,
                consequence("java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone(\"Pacific/Kiritimati\"));"),
                List.of("java.util.TimeZone"),
                List.of("TimeZone", "setDefault"),
                DEFAULTS);
    }

    /** The number of cases per position, for the report. */
    static Set<Position> positions() {
        Set<Position> all = EnumSet.noneOf(Position.class);
        CASES.forEach(c -> all.add(c.position()));
        return all;
    }
}
