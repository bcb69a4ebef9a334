package io.preflight.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report opened in a real headless browser (Debian's chromium): it shows every finding, shows the hostile
 * strings as text, and none of the injected payloads runs (each would leave a mark: an attribute on
 * {@code <body>}, the document title, an element). {@code PREFLIGHT_CHROMIUM} names the browser
 * ({@code .ci/services.sh} sets it), else {@code /usr/bin/chromium}; without one the test is skipped, saying so.
 */
class HtmlBrowserTest {
    private static final long TIMEOUT_SECONDS = 90;
    private static Path chromium;

    /** Per test, not per class, so that surefire counts the skipped tests instead of reporting none ran. */
    @BeforeEach
    void findChromium() {
        String env = System.getenv("PREFLIGHT_CHROMIUM");
        Path candidate = env != null && !env.isBlank() ? Path.of(env) : Path.of("/usr/bin/chromium");
        if (!Files.isExecutable(candidate)) {
            String reason = "SKIPPED HtmlBrowserTest: no chromium at " + candidate
                    + " (set PREFLIGHT_CHROMIUM or run `. .ci/services.sh`, which installs Debian's chromium)";
            System.err.println(reason);
            Assumptions.abort(reason);
        }
        chromium = candidate;
    }

    /** The DOM after load, as chromium serializes it; the browser is killed if it outlives the timeout. */
    static String dumpDom(Path html, Path tmp) throws Exception {
        Path profile = Files.createDirectory(tmp.resolve("profile"));
        Path stderr = tmp.resolve("chromium.stderr");
        Process p = new ProcessBuilder(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--virtual-time-budget=2000", "--dump-dom",
                html.toUri().toString()))
                .redirectError(stderr.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        try {
            // stdout is drained on another thread so that a stuck browser cannot block the timeout below
            CompletableFuture<byte[]> reader = CompletableFuture.supplyAsync(() -> {
                try {
                    return p.getInputStream().readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("chromium did not finish within " + TIMEOUT_SECONDS + " s; stderr: "
                        + tail(stderr));
            }
            byte[] out = reader.get(10, TimeUnit.SECONDS);
            assertEquals(0, p.exitValue(), "chromium exit code; stderr: " + tail(stderr));
            return new String(out, StandardCharsets.UTF_8);
        } finally {
            // the browser and every process it started, by handle
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static final Pattern TAG =
            Pattern.compile("<([a-zA-Z][a-zA-Z0-9-]*)((?:\\s+[^\\s=>/\"]+(?:=\"[^\"]*\")?)*)\\s*/?>");
    private static final Pattern ATTRIBUTE = Pattern.compile("\\s+([^\\s=>/\"]+)(?:=\"[^\"]*\")?");

    /** The attribute names of every element in a serialized DOM (values are quoted, quotes in them escaped). */
    static List<String> attributeNames(String dom) {
        List<String> names = new ArrayList<>();
        Matcher tag = TAG.matcher(dom);
        while (tag.find()) {
            Matcher a = ATTRIBUTE.matcher(tag.group(2));
            while (a.find()) names.add(a.group(1).toLowerCase(Locale.ROOT));
        }
        return names;
    }

    private static String tail(Path f) throws IOException {
        if (!Files.exists(f)) return "";
        String s = Files.readString(f, StandardCharsets.UTF_8);
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }

    @Test
    void rendersEveryFindingAndRunsNoInjectedScript(@TempDir Path tmp) throws Exception {
        Report r = SampleReport.create();
        Path html = tmp.resolve("report.html");
        Files.writeString(html, SampleReport.render("html", r), StandardCharsets.UTF_8);
        String dom = dumpDom(html, tmp);

        assertTrue(dom.contains("<h1>NO-GO</h1>"), "the report loaded: " + dom.substring(0, Math.min(500, dom.length())));
        for (ReportFinding f : r.findings()) assertTrue(dom.contains(f.ruleId()), "finding " + f.ruleId() + " shown");
        assertTrue(dom.contains("DOCKER-VERSION-UNSUPPORTED"), "the disabled rule is shown");
        // the hostile subject is text: serialized escaped, never as an element
        assertTrue(dom.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"), "hostile subject as text");
        assertTrue(dom.contains("&lt;img src=x onerror="), "img payload as text");
        assertFalse(Pattern.compile("<script", Pattern.CASE_INSENSITIVE).matcher(dom).find(), "no script element");
        assertFalse(Pattern.compile("<img", Pattern.CASE_INSENSITIVE).matcher(dom).find(), "no img element");
        // no payload ran: each would have left its mark
        Matcher body = Pattern.compile("<body[^>]*>").matcher(dom);
        assertTrue(body.find(), "a body element");
        assertFalse(body.group().contains(SampleReport.PWNED_ATTRIBUTE), "no onerror/onfocus ran: " + body.group());
        Matcher title = Pattern.compile("<title>([^<]*)</title>").matcher(dom);
        assertTrue(title.find(), "a title");
        assertTrue(title.group(1).startsWith("preflight NO-GO: "), "document.title untouched: " + title.group(1));
        assertFalse(title.group(1).equals(SampleReport.PWNED_TITLE));
        // the attribute breaker stayed inside its attribute: no element got an event handler or autofocus
        List<String> names = attributeNames(dom);
        assertTrue(names.contains("data-subject"), "the attributes were read: " + names.size());
        assertFalse(names.stream().anyMatch(n -> n.startsWith("on") || n.equals("autofocus")),
                "no injected attribute among " + names.stream().distinct().toList());
        assertTrue(dom.contains("<svg"), "the trend chart is in the DOM");
    }

    @Test
    void eachPayloadLeavesItsMarkWhenNotEscaped(@TempDir Path tmp) throws Exception {
        // the same checks on pages that do run the payloads: proves each mark is observable in this browser
        String script = page(tmp, "script", SampleReport.SCRIPT_PAYLOAD);
        assertTrue(script.contains("<title>" + SampleReport.PWNED_TITLE + "</title>"), script);
        String img = page(tmp, "img", SampleReport.IMG_PAYLOAD);
        assertTrue(body(img).contains(SampleReport.PWNED_ATTRIBUTE + "=\"1\""), body(img));
        assertTrue(attributeNames(img).contains("onerror"));
        // autofocus runs after load, so whether its mark is in the dump depends on timing: the attributes it would
        // create are the reliable sign, and they are what the report test looks for
        String breaker = page(tmp, "attr", "<div data-subject=\"" + SampleReport.ATTRIBUTE_BREAKER + "\">x</div>");
        assertTrue(attributeNames(breaker).containsAll(List.of("onfocus", "autofocus")), breaker);
    }

    private static String page(Path tmp, String name, String bodyHtml) throws Exception {
        Path dir = Files.createDirectory(tmp.resolve(name));
        Path html = dir.resolve("pwned.html");
        Files.writeString(html, "<!DOCTYPE html><html><head><title>t</title></head><body>" + bodyHtml
                + "</body></html>", StandardCharsets.UTF_8);
        return dumpDom(html, dir);
    }

    private static String body(String dom) {
        Matcher m = Pattern.compile("<body[^>]*>").matcher(dom);
        assertTrue(m.find(), "a body element");
        return m.group();
    }
}
