package io.preflight.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/writing-rules.md, followed step by step in an empty directory: the files it shows are written as shown, the
 * commands it shows are run, and their output must be the output it shows. A guide that drifts from the tool fails
 * the build.
 */
class WritingRulesGuideTest {
    static final Path GUIDE = Path.of("..", "docs", "writing-rules.md");
    static final Pattern BLOCK = Pattern.compile("```\\w*\\n(.*?)```", Pattern.DOTALL);
    static final Pattern HEREDOC = Pattern.compile("<<'EOF'\\n(.*?\\n)EOF", Pattern.DOTALL);

    @TempDir
    Path tmp;

    /** Runs a command line of the guide ({@code ./preflight ...}) from the guide's working directory. */
    CliRun run(String commandLine) {
        assertTrue(commandLine.startsWith("./preflight "), commandLine);
        List<String> args = new ArrayList<>();
        for (String a : commandLine.substring("./preflight ".length()).trim().split("\\s+")) {
            if (a.startsWith("examples/")) args.add(Path.of("..").resolve(a).toString());
            else if (a.startsWith("site-rules/") || a.equals("site.yaml")) args.add(tmp.resolve(a).toString());
            else args.add(a);
        }
        CliRun r = CliRun.of(args.toArray(String[]::new));
        String prefix = tmp + "/";
        return new CliRun(r.exit(), r.out().replace(prefix, ""), r.err().replace(prefix, ""));
    }

    @Test
    void theGuideWorksAsWritten() throws Exception {
        List<String> b = new ArrayList<>();
        Matcher m = BLOCK.matcher(Files.readString(GUIDE));
        while (m.find()) b.add(m.group(1));
        // the blocks this test follows, in the guide's order
        assertTrue(b.get(0).startsWith("mkdir -p site-rules/ops"), b.get(0));
        assertTrue(b.get(2).startsWith("/*\n * Ops workload standards"), b.get(2));
        assertTrue(b.get(6).startsWith("# Cases for OPS-APP-SINGLE-INSTANCE"), b.get(6));
        assertTrue(b.get(9).startsWith("rule \"COLLECT-UNVERIFIED apps not read"), b.get(9));
        assertTrue(b.get(13).startsWith("# site.yaml"), b.get(13));

        // 1. the pack and its descriptor
        Matcher heredoc = HEREDOC.matcher(b.get(0));
        assertTrue(heredoc.find());
        Path pack = tmp.resolve("site-rules/ops");
        Files.createDirectories(pack);
        Files.writeString(pack.resolve("pack.yaml"), heredoc.group(1));

        // 3. the rule, validated; then the typo the guide shows
        Path drl = pack.resolve("apps.drl");
        Files.writeString(drl, b.get(2));
        CliRun validate = run(b.get(3).strip());
        assertEquals(0, validate.exit(), validate.err());
        assertEquals(b.get(4), validate.out());
        Files.writeString(drl, b.get(2).replace("instances == 1 )", "instance == 1 )"));
        CliRun typo = run(b.get(3).strip());
        assertEquals(2, typo.exit());
        assertEquals(b.get(5), typo.err());
        Files.writeString(drl, b.get(2));

        // 4. its cases: the missing-data case fails until the helper is added
        Files.writeString(pack.resolve("apps.cases.yaml"), b.get(6));
        CliRun failing = run(b.get(7).strip());
        assertEquals(1, failing.exit(), failing.err());
        assertEquals(b.get(8), failing.out());
        Files.writeString(drl, b.get(2) + "\n" + b.get(9));
        CliRun passing = run(b.get(7).strip());
        assertEquals(0, passing.exit(), passing.err());
        assertEquals(b.get(10), passing.out());

        // 5. in check, on the example cluster
        CliRun check = run(b.get(11).strip());
        assertEquals(0, check.exit(), check.err());
        List<String> shown = Arrays.stream(b.get(12).split("\n")).filter(l -> !l.equals("...")).toList();
        List<String> out = check.out().lines().toList();
        for (String line : shown) assertTrue(out.contains(line), line + "\n---\n" + check.out());

        // 6. with a site configuration: the severity it sets closes the gate, and says where it was set
        Files.writeString(tmp.resolve("site.yaml"), b.get(13));
        CliRun config = run(b.get(14).strip());
        assertEquals(1, config.exit(), config.err());
        assertEquals(b.get(15).strip(), config.out().lines().findFirst().orElse(""));
        assertTrue(config.out().contains("severityOverride=WARNING -> BLOCKER (site.yaml:5)"), config.out());
        assertTrue(Files.readString(GUIDE).contains("`severityOverride=WARNING -> BLOCKER (site.yaml:5)`"));
    }
}
