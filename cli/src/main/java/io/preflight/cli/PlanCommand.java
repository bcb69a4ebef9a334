package io.preflight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.preflight.rules.knowledge.KnowledgeBase;
import io.preflight.rules.knowledge.Version;
import io.preflight.rules.plan.Hop;
import io.preflight.rules.plan.HopNotes;
import io.preflight.rules.plan.UpgradePlanner;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code preflight plan}: the shortest chain of qualified hops, each with its source and notes. */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Print the qualified upgrade path between two DC/OS versions, hop by hop with its notes."
                + " Exit 0 when a path exists, 1 when none does, 2 for an unknown version.")
final class PlanCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "VERSION", description = "The running DC/OS version.")
    String from;

    @Option(names = "--to", required = true, paramLabel = "VERSION", description = "The target DC/OS version.")
    String to;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT", description = "text (default) or json.")
    String format;

    @Override
    public Integer call() throws Exception {
        KnowledgeBase kb = KnowledgeBase.load();
        UpgradePlanner planner = new UpgradePlanner(kb);
        for (String v : List.of(from, to)) {
            if (!planner.known(v)) {
                throw new UserError(v + " is not a known DC/OS release (catalog: " + kb.releases().get(0).version()
                        + " ... " + planner.newest() + ")");
            }
        }
        List<Hop> path = planner.path(from, to);
        PrintWriter out = spec.commandLine().getOut();
        boolean none = path.isEmpty() && !from.equals(to);
        if ("json".equals(format)) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("from", from);
            doc.put("to", to);
            List<Map<String, Object>> hops = new ArrayList<>();
            for (Hop h : path) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("from", h.from());
                m.put("to", h.to());
                m.put("qualifiedBy", h.qualifiedBy());
                m.put("notes", HopNotes.of(kb, h));
                hops.add(m);
            }
            doc.put("hops", hops);
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc));
        } else if ("text".equals(format)) {
            if (from.equals(to)) {
                out.println(from + " is already the target: nothing to do.");
            } else if (none) {
                out.println("No qualified path from " + from + " to " + to
                        + (Version.parse(to).compareTo(Version.parse(from)) < 0
                                ? ": the target is older, and DC/OS has no downgrade" : "")
                        + ".");
            } else {
                StringBuilder line = new StringBuilder(from);
                path.forEach(h -> line.append(" -> ").append(h.to()));
                out.println(line + "   (" + path.size() + " hop" + (path.size() == 1 ? "" : "s") + ")");
                int i = 1;
                for (Hop h : path) {
                    out.println();
                    out.println(i++ + ". " + h.from() + " -> " + h.to());
                    out.println("   qualified by: " + h.qualifiedBy());
                    for (String n : HopNotes.of(kb, h)) out.println("   - " + n);
                }
                out.println();
                out.println("Upgrade masters first, then agents; let each hop soak before the next."
                        + " No configuration change, OS or Docker change in the same hop.");
            }
        } else {
            throw new UserError("--format: unknown format '" + format + "' (valid: text, json)");
        }
        out.flush();
        return none ? Main.NO_GO : Main.GO;
    }
}
