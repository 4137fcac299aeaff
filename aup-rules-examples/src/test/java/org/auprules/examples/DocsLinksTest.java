package org.auprules.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every path the README and the docs link to exists in the repository, and every {@code #anchor}
 * names a heading of its file. The design notes the project was written from are not in the
 * repository, so no doc may send a reader to them.
 */
class DocsLinksTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyLocalLinkOfTheReadmeAndTheDocsResolves() {
        List<Path> files = Docs.files(REPOSITORY);

        assertThat(files)
                .extracting(f -> REPOSITORY.relativize(f).toString().replace('\\', '/'))
                .contains("README.md", "docs/architecture.md", "docs/contract.md", "docs/analyst-guide.md");
        assertThat(Docs.localLinkCount(files)).as("links checked").isGreaterThan(50);
        assertThat(Docs.brokenLinks(REPOSITORY, files)).isEmpty();
    }

    @Test
    void noDocNamesADesignNoteOutsideTheRepository() {
        assertThat(Docs.designNotes(REPOSITORY, Docs.files(REPOSITORY))).isEmpty();
    }

    @Test
    void noSourceFileNamesADesignNoteOutsideTheRepository() {
        List<Path> sources = Docs.sourceFiles(REPOSITORY).stream()
                // these two name the notes on purpose, to test that they are caught
                .filter(p -> !p.endsWith("DocsLinksTest.java") && !p.endsWith("CliHelpTest.java"))
                .toList();
        assertThat(sources).as("sources read").hasSizeGreaterThan(100);
        assertThat(Docs.designNotes(REPOSITORY, sources)).isEmpty();
    }

    @Test
    void aDesignNoteInJavadocOrDrlIsReported(@TempDir Path repo) throws IOException {
        write(repo, "m/src/main/java/A.java", "/** Reads the input document of FACTS.md. */\nclass A {}\n");
        write(repo, "m/src/main/resources/rules/a.drl", "// thresholds: docs/contract.md\n");
        write(repo, "m/pom.xml", "<!-- see DROOLS-NOTES.md -->\n");

        assertThat(Docs.designNotes(repo, Docs.sourceFiles(repo)))
                .containsExactly(
                        "m/pom.xml:1: `DROOLS-NOTES.md` is a design note outside the repository",
                        "m/src/main/java/A.java:1: `FACTS.md` is a design note outside the repository");
    }

    @Test
    void aLinkToAMissingFileIsReportedWithItsLine(@TempDir Path repo) throws IOException {
        write(repo, "README.md", "# Title\n\nSee [the guide](docs/guide.md) and [gone](docs/gone.md).\n");
        write(repo, "docs/guide.md", "# Guide\n\n![diagram](img/missing.png)\n\n[up](../README.md)\n");

        assertThat(Docs.brokenLinks(repo, Docs.files(repo)))
                .containsExactly(
                        "README.md:3: `docs/gone.md` does not exist",
                        "docs/guide.md:3: `img/missing.png` does not exist");
    }

    @Test
    void linksToFilesAndFoldersThatExistAreNotReported(@TempDir Path repo) throws IOException {
        write(repo, "README.md", """
                [src](src/) [code](src/Main.java "the main class") [licence][l]

                [l]: LICENSE
                """);
        write(repo, "src/Main.java", "class Main {}\n");
        write(repo, "LICENSE", "Apache-2.0\n");

        assertThat(Docs.localLinkCount(Docs.files(repo))).isEqualTo(3);
        assertThat(Docs.brokenLinks(repo, Docs.files(repo))).isEmpty();
    }

    @Test
    void aReferenceDefinitionToAMissingFileIsReported(@TempDir Path repo) throws IOException {
        write(repo, "README.md", "Read the [licence][l].\n\n[l]: LICENCE.txt\n");

        assertThat(Docs.brokenLinks(repo, Docs.files(repo)))
                .containsExactly("README.md:3: `LICENCE.txt` does not exist");
    }

    @Test
    void aLinkThatLeavesTheRepositoryIsReported(@TempDir Path parent) throws IOException {
        Path repo = Files.createDirectories(parent.resolve("repo"));
        write(parent, "shared/FACTS.json", "{}\n");
        write(repo, "docs/a.md", "[facts](../../shared/FACTS.json)\n");

        assertThat(Docs.brokenLinks(repo, Docs.files(repo)))
                .containsExactly("docs/a.md:1: `../../shared/FACTS.json` is outside the repository");
    }

    @Test
    void anAnchorMustNameAHeadingOfItsFile(@TempDir Path repo) throws IOException {
        write(
                repo,
                "docs/a.md",
                "# A\n\n## 1. Copy the pack\n\n### `contentCategories` in policy.json\n\n"
                        + "## What rules may not do: the trust model\n\n"
                        + "[one](#1-copy-the-pack) [two](b.md#contentcategories-in-policyjson) "
                        + "[three](#what-rules-may-not-do-the-trust-model) [four](#no-such-heading) "
                        + "[five](b.md#nor-this)\n");
        write(repo, "docs/b.md", "# B\n\n### `contentCategories` in policy.json\n");

        assertThat(Docs.brokenLinks(repo, Docs.files(repo)))
                .containsExactly(
                        "docs/a.md:9: `#no-such-heading` names no heading of `docs/a.md`",
                        "docs/a.md:9: `b.md#nor-this` names no heading of `docs/b.md`");
    }

    @Test
    void aRepeatedHeadingGetsANumberedAnchor(@TempDir Path repo) throws IOException {
        write(
                repo,
                "README.md",
                "## Example\n\n## Example\n\n[first](#example) [second](#example-1) " + "[third](#example-2)\n");

        assertThat(Docs.brokenLinks(repo, Docs.files(repo)))
                .containsExactly("README.md:5: `#example-2` names no heading of `README.md`");
    }

    @Test
    void webLinksAndLinksInCodeAreNotChecked(@TempDir Path repo) throws IOException {
        write(repo, "README.md", """
                [site](https://example.org/x.md) [mail](mailto:a@example.org)

                `[not](a-link.md)`

                ```java
                int[] a = b[0](c.md);
                [x](inside-a-fence.md)
                ```

                after the fence
                """);

        assertThat(Docs.localLinkCount(Docs.files(repo))).isZero();
        assertThat(Docs.brokenLinks(repo, Docs.files(repo))).isEmpty();
    }

    @Test
    void aHeadingInsideAFenceIsNoAnchor(@TempDir Path repo) throws IOException {
        write(repo, "README.md", "```sh\n# a comment, not a heading\n```\n\n[c](#a-comment-not-a-heading)\n");

        assertThat(Docs.brokenLinks(repo, Docs.files(repo)))
                .containsExactly("README.md:5: `#a-comment-not-a-heading` names no heading of `README.md`");
    }

    @Test
    void aDesignNoteIsReportedWhereverItIsNamed(@TempDir Path repo) throws IOException {
        write(repo, "README.md", "as FACTS.md says\n\nsee docs/architecture.md\n");
        write(repo, "docs/a.md", "```\nDROOLS-NOTES.md\n```\n\nthe ARCHITECTURE.md and `CLAUSES.md`\n");

        assertThat(Docs.designNotes(repo, Docs.files(repo)))
                .containsExactly(
                        "README.md:1: `FACTS.md` is a design note outside the repository",
                        "docs/a.md:2: `DROOLS-NOTES.md` is a design note outside the repository",
                        "docs/a.md:5: `ARCHITECTURE.md` is a design note outside the repository",
                        "docs/a.md:5: `CLAUSES.md` is a design note outside the repository");
    }

    private static void write(Path root, String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    /** Reads the markdown files of a repository the way a code host renders their links. */
    static final class Docs {

        private static final Pattern INLINE =
                Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
        private static final Pattern DEFINITION = Pattern.compile("^ {0,3}\\[[^\\]]+\\]:\\s*<?([^\\s>]+)>?.*$");
        private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
        private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
        private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:|^//");
        private static final Pattern DESIGN_NOTE =
                Pattern.compile("\\b(FACTS|CLAUSES|ARCHITECTURE|DROOLS-NOTES)\\.md\\b");

        private Docs() {}

        /** The markdown files at the top of the repository and in {@code docs/}, in path order. */
        static List<Path> files(Path root) {
            List<Path> files = new ArrayList<>();
            for (Path folder : List.of(root, root.resolve("docs"))) {
                if (Files.isDirectory(folder)) {
                    try (Stream<Path> list = Files.list(folder)) {
                        list.filter(p -> p.getFileName().toString().endsWith(".md"))
                                .sorted()
                                .forEach(files::add);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            return files;
        }

        /** Every source, resource and pom of the modules (folders named {@code target} left out), in path order. */
        static List<Path> sourceFiles(Path root) {
            try (Stream<Path> walk = Files.walk(root)) {
                return walk.filter(Files::isRegularFile)
                        .filter(p -> !root.relativize(p).toString().contains("target/")
                                && !root.relativize(p).startsWith(".git"))
                        .filter(p -> {
                            String rel = root.relativize(p).toString();
                            return rel.contains("/src/")
                                    || p.getFileName().toString().equals("pom.xml");
                        })
                        .sorted()
                        .toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** How many links to local files or anchors the files hold. */
        static int localLinkCount(List<Path> files) {
            return files.stream().mapToInt(f -> links(f).size()).sum();
        }

        /** Every link whose file is missing or outside the repository, or whose anchor names no heading. */
        static List<String> brokenLinks(Path root, List<Path> files) {
            Path repository = root.toAbsolutePath().normalize();
            Map<Path, Set<String>> anchors = new HashMap<>();
            List<String> broken = new ArrayList<>();
            for (Path file : files) {
                for (Link link : links(file)) {
                    String where = name(repository, file) + ":" + link.line() + ": `" + link.target() + "` ";
                    int hash = link.target().indexOf('#');
                    String path = URLDecoder.decode(
                            hash < 0 ? link.target() : link.target().substring(0, hash), StandardCharsets.UTF_8);
                    String fragment = hash < 0 ? null : link.target().substring(hash + 1);
                    Path target = path.isEmpty()
                            ? file.toAbsolutePath().normalize()
                            : (path.startsWith("/")
                                            ? repository.resolve(path.substring(1))
                                            : file.toAbsolutePath().getParent().resolve(path))
                                    .normalize();
                    if (!target.startsWith(repository)) {
                        broken.add(where + "is outside the repository");
                    } else if (!Files.exists(target)) {
                        broken.add(where + "does not exist");
                    } else if (fragment != null
                            && !fragment.isEmpty()
                            && target.toString().endsWith(".md")
                            && !anchors.computeIfAbsent(target, Docs::anchors).contains(fragment)) {
                        broken.add(where + "names no heading of `" + name(repository, target) + "`");
                    }
                }
            }
            return broken;
        }

        /** Every mention of a design note that lives outside the repository, code included. */
        static List<String> designNotes(Path root, List<Path> files) {
            Path repository = root.toAbsolutePath().normalize();
            List<String> found = new ArrayList<>();
            for (Path file : files) {
                List<String> lines = lines(file);
                for (int i = 0; i < lines.size(); i++) {
                    Matcher m = DESIGN_NOTE.matcher(lines.get(i));
                    while (m.find()) {
                        found.add(name(repository, file) + ":" + (i + 1) + ": `" + m.group() + "` is a design note "
                                + "outside the repository");
                    }
                }
            }
            return found;
        }

        private record Link(int line, String target) {}

        /** The links of a file to local files or anchors, outside code. */
        private static List<Link> links(Path file) {
            List<Link> links = new ArrayList<>();
            List<String> lines = proseLines(file);
            for (int i = 0; i < lines.size(); i++) {
                String text = CODE_SPAN.matcher(lines.get(i)).replaceAll("");
                Matcher inline = INLINE.matcher(text);
                while (inline.find()) {
                    add(links, i + 1, inline.group(1));
                }
                Matcher definition = DEFINITION.matcher(text);
                if (definition.matches()) {
                    add(links, i + 1, definition.group(1));
                }
            }
            return links;
        }

        private static void add(List<Link> links, int line, String target) {
            if (!SCHEME.matcher(target).find()) {
                links.add(new Link(line, target));
            }
        }

        /** The anchors a code host gives the headings of a file: GitHub's slugs, numbered when repeated. */
        private static Set<String> anchors(Path file) {
            Set<String> anchors = new HashSet<>();
            Map<String, Integer> seen = new HashMap<>();
            for (String line : proseLines(file)) {
                Matcher m = HEADING.matcher(line);
                if (m.matches()) {
                    String slug = slug(m.group(1));
                    int n = seen.merge(slug, 1, Integer::sum) - 1;
                    anchors.add(n == 0 ? slug : slug + "-" + n);
                }
            }
            return anchors;
        }

        static String slug(String heading) {
            String text =
                    heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
            return text.replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "").replace(' ', '-');
        }

        /** The lines of a file with the lines of fenced code blocks blanked, so line numbers stay true. */
        private static List<String> proseLines(Path file) {
            List<String> lines = new ArrayList<>(lines(file));
            String fence = null;
            for (int i = 0; i < lines.size(); i++) {
                String trimmed = lines.get(i).stripLeading();
                if (fence == null && (trimmed.startsWith("```") || trimmed.startsWith("~~~"))) {
                    fence = trimmed.substring(0, 3);
                    lines.set(i, "");
                } else if (fence != null) {
                    if (trimmed.startsWith(fence)) {
                        fence = null;
                    }
                    lines.set(i, "");
                }
            }
            return lines;
        }

        private static List<String> lines(Path file) {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static String name(Path repository, Path file) {
            return repository
                    .relativize(file.toAbsolutePath().normalize())
                    .toString()
                    .replace('\\', '/');
        }
    }
}
