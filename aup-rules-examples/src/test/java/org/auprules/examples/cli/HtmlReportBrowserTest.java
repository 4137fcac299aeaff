package org.auprules.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.auprules.api.Severity;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --format html} as the desk uses it: the page the command wrote, opened in headless Chromium, its
 * DOM checked against the same facts' {@code --format json} output.
 */
class HtmlReportBrowserTest {

    static final String FLEET = "samples/fleet.json";
    static final String DESK = "samples/desk/desk.json";
    static final String HOSTILE = "src/test/resources/html/hostile.json";

    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    @Test
    void fleet_everyAccountAndViolationOfTheResultIsOnThePage_rankedByWorstSeverityThenCount() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        List<JsonNode> expected = violations(FLEET, "violations");
        Document dom = chromium.dom(page(FLEET), "");

        Elements accounts = dom.select("#accounts > .account");
        Set<String> flagged =
                expected.stream().map(v -> v.get("accountId").asText()).collect(Collectors.toSet());
        assertThat(accounts.eachAttr("data-account"))
                .hasSize(flagged.size())
                .containsExactlyInAnyOrderElementsOf(flagged);
        assertThat(dom.select("#accounts .violation")).hasSize(expected.size());
        assertThat(dom.select("#accounts [hidden]"))
                .as("nothing hidden without a filter")
                .isEmpty();
        assertThat(dom.selectFirst("#shown").attr("data-visible")).isEqualTo(String.valueOf(expected.size()));
        assertThat(dom.selectFirst("[data-count=violations]").text()).isEqualTo(String.valueOf(expected.size()));
        assertThat(dom.selectFirst("[data-count=flagged]").text()).isEqualTo(String.valueOf(flagged.size()));

        // ranking: worst severity, then number of violations, never out of order
        for (int i = 1; i < accounts.size(); i++) {
            Element before = accounts.get(i - 1);
            Element after = accounts.get(i);
            int bySeverity =
                    Severity.valueOf(before.attr("data-worst")).compareTo(Severity.valueOf(after.attr("data-worst")));
            assertThat(bySeverity)
                    .as("%s before %s", before.attr("data-account"), after.attr("data-account"))
                    .isGreaterThanOrEqualTo(0);
            if (bySeverity == 0) {
                assertThat(before.select(".violation").size())
                        .isGreaterThanOrEqualTo(after.select(".violation").size());
            }
        }
        for (Element account : accounts) {
            List<JsonNode> own = expected.stream()
                    .filter(v -> v.get("accountId").asText().equals(account.attr("data-account")))
                    .toList();
            assertThat(account.select(".violation")).hasSize(own.size());
            Severity worst = own.stream()
                    .map(v -> Severity.valueOf(v.get("severity").asText()))
                    .max(Enum::compareTo)
                    .orElseThrow();
            assertThat(account.attr("data-worst")).isEqualTo(worst.name());
        }
        assertThat(accounts.get(0).attr("data-worst")).isEqualTo("CRITICAL");

        // each violation carries its clause text, evidence and actions
        Map<String, String> clauseText = new HashMap<>();
        expected.forEach(v -> clauseText.put(
                v.get("clause").get("id").asText(), v.get("clause").get("text").asText()));
        for (Element v : dom.select("#accounts .violation")) {
            assertThat(v.selectFirst(".clause-text").wholeText()).isEqualTo(clauseText.get(v.attr("data-clause")));
            assertThat(v.select(".evidence li")).isNotEmpty();
            assertThat(v.select(".actions li")).isNotEmpty();
        }
        int evidence = expected.stream().mapToInt(v -> v.get("evidence").size()).sum();
        assertThat(dom.select("#accounts .evidence li")).hasSize(evidence);

        // the chart: one bar segment per clause and severity, counted as the result counts them
        Map<String, Integer> counts = new HashMap<>();
        expected.forEach(v -> counts.merge(
                v.get("clause").get("id").asText() + " " + v.get("severity").asText(), 1, Integer::sum));
        Map<String, Integer> drawn = new HashMap<>();
        for (Element bar : dom.select("#chart svg rect.bar")) {
            drawn.put(
                    bar.attr("data-clause") + " " + bar.attr("data-severity"),
                    Integer.parseInt(bar.attr("data-count")));
            assertThat(Double.parseDouble(bar.attr("width"))).isPositive();
        }
        assertThat(drawn).isEqualTo(counts);
    }

    @Test
    void filtersInTheFragmentHideExactlyTheViolationsThatDoNotMatch() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        List<JsonNode> expected = violations(FLEET, "violations");
        Path page = page(FLEET);
        String someClause = expected.stream()
                .map(v -> v.get("clause").get("id").asText())
                .filter(c -> expected.stream()
                                .filter(v -> v.get("clause").get("id").asText().equals(c))
                                .count()
                        > 1)
                .findFirst()
                .orElseThrow();
        for (String fragment : List.of(
                "severity=CRITICAL",
                "certainty=SUSPECTED",
                "clause=" + someClause,
                "severity=HIGH&certainty=CONFIRMED",
                "clause=" + someClause + "&severity=LOW&certainty=SUSPECTED")) {
            Map<String, String> filter = new HashMap<>();
            for (String pair : fragment.split("&", -1)) {
                String[] kv = pair.split("=", 2);
                filter.put(kv[0], kv[1]);
            }
            Predicate<JsonNode> matches = v -> filter.entrySet().stream().allMatch(f -> switch (f.getKey()) {
                case "clause" -> v.get("clause").get("id").asText().equals(f.getValue());
                default -> v.get(f.getKey()).asText().equals(f.getValue());
            });
            long want = expected.stream().filter(matches).count();
            Document dom = chromium.dom(page, fragment);

            Elements visible = dom.select("#accounts .violation:not([hidden])");
            Elements hidden = dom.select("#accounts .violation[hidden]");
            assertThat(visible).as(fragment).hasSize((int) want);
            assertThat(hidden).as(fragment).hasSize(expected.size() - (int) want);
            for (Element v : visible) {
                filter.forEach((k, value) ->
                        assertThat(v.attr("data-" + k)).as(fragment).isEqualTo(value));
            }
            for (Element v : hidden) {
                assertThat(filter.entrySet().stream()
                                .allMatch(f -> v.attr("data-" + f.getKey()).equals(f.getValue())))
                        .as("%s hides only what does not match", fragment)
                        .isFalse();
            }
            for (Element account : dom.select("#accounts > .account")) {
                assertThat(account.hasAttr("hidden"))
                        .as(
                                "%s: account %s hidden exactly when none of its violations shows",
                                fragment, account.attr("data-account"))
                        .isEqualTo(account.select(".violation:not([hidden])").isEmpty());
            }
            assertThat(dom.selectFirst("#shown").text())
                    .isEqualTo(want + " of " + expected.size() + " violations shown");
        }
        assertThat(chromium.dom(page, "severity=BOGUS").select("#accounts .violation:not([hidden])"))
                .as("an unknown filter value filters nothing")
                .hasSize(expected.size());
    }

    @Test
    void suppressedViolationsStandApartWithTheirWaiver_andTheFiltersLeaveThemAlone() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        List<JsonNode> suppressed = violations(DESK, "suppressed");
        List<JsonNode> active = violations(DESK, "violations");
        assertThat(suppressed).isNotEmpty();
        Path page = page(DESK);
        Document dom = chromium.dom(page, "");

        Elements apart = dom.select("#suppressed .suppressed-violation");
        assertThat(apart).hasSize(suppressed.size());
        assertThat(apart.select(".waiver code").eachText())
                .containsExactlyElementsOf(
                        suppressed.stream().map(s -> s.get("waiver").asText()).toList());
        assertThat(dom.select("#accounts .suppressed-violation")).isEmpty();
        assertThat(dom.select("#accounts .violation")).hasSize(active.size());
        assertThat(dom.selectFirst("#suppressed h2").text())
                .isEqualTo("Suppressed by waivers (" + suppressed.size() + ")");
        assertThat(dom.selectFirst("[data-count=suppressed]").text()).isEqualTo(String.valueOf(suppressed.size()));

        Document filtered = chromium.dom(page, "severity=CRITICAL");
        assertThat(filtered.select("#suppressed .suppressed-violation:not([hidden])"))
                .hasSize(suppressed.size());
    }

    @Test
    void hostileValuesAreShownAsText_neverRunOrParsedAsMarkup() throws Exception {
        HeadlessChromium chromium = HeadlessChromium.require();
        Path page = page(HOSTILE);
        String html = Files.readString(page);
        assertThat(html)
                .doesNotContain("<script>document")
                .doesNotContain("<img")
                .doesNotContain("<svg onload");
        Document dom = chromium.dom(page, "");

        assertThat(dom.body().hasAttr("data-pwned")).isFalse();
        assertThat(dom.title()).doesNotContain("pwned");
        assertThat(dom.select("img")).isEmpty();
        assertThat(dom.select("script")).as("only the report's own script").hasSize(1);
        assertThat(dom.select("svg")).hasSize(1);
        assertThat(dom.selectFirst("#accounts .message").text())
                .contains(
                        "process `<script>document.body.setAttribute('data-pwned','yes')</script><img src=x onerror=alert(1)>`");
        assertThat(dom.selectFirst("#accounts > .account").attr("data-account")).isEqualTo("acc-<script>x</script>");
        assertThat(dom.selectFirst("#accounts .evidence code").text())
                .isEqualTo("p-\"><script>document.title='pwned'</script>");
        assertThat(dom.selectFirst("#suppressed .waiver code").text()).isEqualTo("w-<script>alert('w')</script>");
        assertThat(dom.selectFirst("#suppressed .evidence code").text()).isEqualTo("u-<svg onload=alert(1)>");
    }

    @Test
    void thePageNamesNoOtherOrigin_andItsPolicyForbidsEveryFetch() throws Exception {
        Set<String> fetching = Set.of(
                "src",
                "href",
                "srcset",
                "action",
                "formaction",
                "poster",
                "background",
                "xlink:href",
                "data",
                "manifest",
                "ping");
        for (String facts : List.of(FLEET, DESK, HOSTILE)) {
            String html = Files.readString(page(facts));
            Document parsed = Jsoup.parse(html);
            for (Element e : parsed.getAllElements()) {
                e.attributes().forEach(a -> {
                    assertThat(fetching)
                            .as("%s: <%s %s>", facts, e.tagName(), a.getKey())
                            .doesNotContain(a.getKey());
                    assertThat(a.getValue())
                            .as("%s: <%s %s>", facts, e.tagName(), a.getKey())
                            .doesNotContain("//");
                });
            }
            assertThat(parsed.select("link, img, iframe, object, embed, audio, video, source, base, form[action]"))
                    .as(facts)
                    .isEmpty();
            assertThat(parsed.select("script").eachAttr("src")).as(facts).isEmpty();
            assertThat(parsed.select("style").html())
                    .doesNotContainIgnoringCase("url(")
                    .doesNotContainIgnoringCase("@import");
            assertThat(parsed.select("script").html())
                    .doesNotContain("fetch(")
                    .doesNotContain("XMLHttpRequest")
                    .doesNotContain("http");
            assertThat(parsed.selectFirst("meta[http-equiv=Content-Security-Policy]")
                            .attr("content"))
                    .startsWith("default-src 'none';");
        }
        // where the facts quote no markup, no such text at all; a URL may be in an escaped message, never in a tag
        for (String facts : List.of(FLEET, DESK)) {
            assertThat(Files.readString(page(facts)))
                    .doesNotContainIgnoringCase("src=")
                    .doesNotContainIgnoringCase("href=")
                    .doesNotContainIgnoringCase("xmlns");
        }
        assertThat(Files.readString(page(HOSTILE)).replace("http-equiv", "")).doesNotContainIgnoringCase("http");
        assertThat(Files.readString(page(FLEET))).contains("https://quickdeals.example/pills");
    }

    @Test
    void jsonLinesInput_isRefusedInTheInputsTerms() {
        CliRun generated = CliRun.of("generate", "--accounts", "3", "--seed", "1");
        assertThat(generated.code()).isZero();
        CliRun run = CliRun.withInput(generated.out(), "evaluate", "--format", "html", "-");
        assertThat(run.code()).as(run.toString()).isEqualTo(ExitException.INVALID_INPUT);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("--format html needs the whole document").contains("aup-rules convert");
    }

    /** The page {@code evaluate --format html} wrote for these facts, as a file (written once per facts file). */
    static Path page(String facts) throws IOException {
        Path file = tmp.resolve(Path.of(facts).getFileName().toString().replace(".json", ".html"));
        if (!Files.exists(file)) {
            CliRun run = CliRun.of("evaluate", "--format", "html", facts);
            assertThat(run.code()).as(run.toString()).isZero();
            assertThat(run.out()).startsWith("<!DOCTYPE html>");
            Files.writeString(file, run.out(), StandardCharsets.UTF_8);
        }
        return file;
    }

    /** The violations (or suppressed entries) {@code evaluate --format json} prints for these facts. */
    static List<JsonNode> violations(String facts, String field) throws IOException {
        CliRun run = CliRun.of("evaluate", "--format", "json", facts);
        assertThat(run.code()).as(run.toString()).isZero();
        List<JsonNode> out = new ArrayList<>();
        JsonNode array = JSON.readTree(run.out()).get(field);
        if (array != null) {
            array.forEach(v -> out.add(field.equals("suppressed") && v.has("violation") ? v.get("violation") : v));
        }
        return out;
    }
}
