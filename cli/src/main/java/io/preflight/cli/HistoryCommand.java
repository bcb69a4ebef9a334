package io.preflight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.preflight.reports.Report;
import io.preflight.reports.history.HistoryException;
import io.preflight.reports.history.HistoryStore;
import io.preflight.reports.history.PruneResult;
import io.preflight.reports.history.Retention;
import io.preflight.reports.history.ScanDiff;
import io.preflight.reports.history.ScanSummary;
import io.preflight.reports.history.StoreLocation;
import io.preflight.reports.history.StoredFinding;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code preflight history list|diff|show|prune}: the scans {@code check --history} recorded. A missing store is an
 * error, never created; only {@code prune} writes. Exit 0 when it answered, 2 when it could not (no store, unknown
 * scan, bad URL, bad arguments).
 */
@Command(name = "history", mixinStandardHelpOptions = true, sortOptions = false,
        description = "The scan history: list recorded scans, diff two scans (new / resolved / still open), show a"
                + " stored report in any format, prune old scans.",
        subcommands = {HistoryCommand.ListScans.class, HistoryCommand.Diff.class, HistoryCommand.Show.class,
                HistoryCommand.Prune.class})
final class HistoryCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "URL|PATH", scope = ScopeType.INHERIT,
            description = "The scan history: jdbc:postgresql://HOST/DB?user=U (password in the URL or"
                    + " $PREFLIGHT_HISTORY_PASSWORD) or an H2 file (default: $PREFLIGHT_HISTORY_STORE, else"
                    + " history.mv.db in $XDG_DATA_HOME/preflight or ~/.local/share/preflight).")
    String store;

    @Option(names = "--cluster", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "The cluster (default: the only one in the store).")
    String cluster;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a subcommand is required (list, diff, show, prune)");
    }

    /** Runs {@code work} on the store named by {@code --store} (or the default), opened for reading. */
    <T> T withStore(Function<HistoryStore, T> work) {
        Map<String, String> env = System.getenv();
        try {
            StoreLocation loc = store != null ? StoreLocation.parse(store) : HistoryRecording.defaultLocation(env);
            try (HistoryStore s = HistoryStore.open(loc, env.get(StoreLocation.ENV_PASSWORD),
                    HistoryStore.Mode.EXISTING)) {
                return work.apply(s);
            }
        } catch (HistoryException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    /** The cluster named by {@code --cluster}, else the store's only one. */
    String cluster(HistoryStore s) {
        if (cluster != null) return cluster;
        List<String> all = s.clusters();
        if (all.isEmpty()) throw new UserError("no scans recorded in " + s.location().display());
        if (all.size() > 1) {
            throw new UserError(s.location().display() + " holds scans of " + all.size() + " clusters ("
                    + String.join(", ", all.stream().map(HistoryCommand::printable).toList())
                    + "): name one with --cluster");
        }
        return all.get(0);
    }

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    static String format(String f) {
        String s = f.toLowerCase(Locale.ROOT);
        if (!s.equals("text") && !s.equals("json")) {
            throw new UserError("--format: unknown format '" + f + "' (valid: text, json)");
        }
        return s;
    }

    static ObjectNode json(ScanSummary s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", s.id());
        o.put("cluster", s.cluster());
        o.put("time", s.time().toString());
        o.put("current", s.current());
        o.put("target", s.target());
        o.put("verdict", s.verdict());
        o.put("failOn", s.failOn());
        o.put("tool", s.tool());
        o.put("blockers", s.blockers());
        o.put("warnings", s.warnings());
        o.put("infos", s.infos());
        return o;
    }

    static void print(PrintWriter out, com.fasterxml.jackson.databind.JsonNode o) {
        try {
            out.println(JSON.writeValueAsString(o));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UserError("cannot write JSON: " + e.getOriginalMessage(), e);
        }
        out.flush();
    }

    /** Cluster names and subjects come from the cluster: no control character reaches the terminal. */
    static String printable(String s) {
        if (s == null) return "-";
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) b.append('?');
            else b.appendCodePoint(c);
        });
        return b.toString();
    }

    /** Rows as columns padded to their widest cell (the last column unpadded). */
    static void table(PrintWriter out, List<String[]> rows, boolean[] rightAligned) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) for (int i = 0; i < cols; i++) width[i] = Math.max(width[i], r[i].length());
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                if (i > 0) line.append("  ");
                String pad = " ".repeat(width[i] - r[i].length());
                if (rightAligned[i]) line.append(pad).append(r[i]);
                else line.append(r[i]).append(i < cols - 1 ? pad : "");
            }
            out.println(line.toString().stripTrailing());
        }
    }

    /** {@code history list}: recorded scans, newest first. */
    @Command(name = "list", mixinStandardHelpOptions = true, sortOptions = false,
            description = "List recorded scans, newest first.")
    static final class ListScans implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.ParentCommand
        HistoryCommand parent;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50",
                description = "At most N scans (default 50; 0 for all).")
        int limit;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
        String format;

        @Override
        public Integer call() {
            String f = format(format);
            if (limit < 0) throw new UserError("--limit: must be 0 or more");
            PrintWriter out = spec.commandLine().getOut();
            List<ScanSummary> scans = parent.withStore(s -> s.scans(parent.cluster, limit));
            if (f.equals("json")) {
                ArrayNode a = JSON.createArrayNode();
                scans.forEach(s -> a.add(json(s)));
                print(out, a);
                return Main.GO;
            }
            if (scans.isEmpty()) {
                out.println(parent.cluster == null ? "no scans recorded"
                        : "no scans of cluster " + printable(parent.cluster) + " recorded");
                out.flush();
                return Main.GO;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "TIME", "CLUSTER", "VERDICT", "CURRENT", "TARGET", "BLOCKERS", "WARNINGS",
                    "INFOS"});
            for (ScanSummary s : scans) {
                rows.add(new String[] {String.valueOf(s.id()), s.time().toString(), printable(s.cluster()),
                        s.verdict(), printable(s.current()), printable(s.target()), String.valueOf(s.blockers()),
                        String.valueOf(s.warnings()), String.valueOf(s.infos())});
            }
            table(out, rows, new boolean[] {true, false, false, false, false, false, true, true, true});
            out.flush();
            return Main.GO;
        }
    }

    /** {@code history diff}: what is new, resolved and still open between two scans. */
    @Command(name = "diff", mixinStandardHelpOptions = true, sortOptions = false,
            description = "What is new, resolved and still open (by rule id and subject) from scan A to scan B;"
                    + " default: the last two scans of the cluster.")
    static final class Diff implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.ParentCommand
        HistoryCommand parent;

        @Parameters(arity = "0..2", paramLabel = "ID", description = "Scan A (earlier) and scan B (later).")
        List<Long> ids = new ArrayList<>();

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
        String format;

        @Override
        public Integer call() {
            String f = format(format);
            if (ids.size() == 1) throw new UserError("history diff: give two scan ids (A B), or none for the last two");
            ScanDiff d = parent.withStore(s -> {
                ScanSummary a;
                ScanSummary b;
                if (ids.size() == 2) {
                    a = s.scan(ids.get(0)).orElseThrow(() -> noScan(s, ids.get(0)));
                    b = s.scan(ids.get(1)).orElseThrow(() -> noScan(s, ids.get(1)));
                } else {
                    String c = parent.cluster(s);
                    List<ScanSummary> last = s.scans(c, 2);
                    if (last.size() < 2) {
                        throw new UserError("cluster " + printable(c) + " has " + last.size() + " scan"
                                + (last.size() == 1 ? "" : "s") + " in " + s.location().display()
                                + ": a diff needs two");
                    }
                    a = last.get(1);
                    b = last.get(0);
                }
                return ScanDiff.between(a, s.findings(a.id()), b, s.findings(b.id()));
            });
            PrintWriter out = spec.commandLine().getOut();
            if (f.equals("json")) print(out, json(d));
            else text(out, d);
            out.flush();
            return Main.GO;
        }

        private static UserError noScan(HistoryStore s, long id) {
            return new UserError("no scan #" + id + " in " + s.location().display());
        }

        static ObjectNode json(ScanDiff d) {
            ObjectNode o = JSON.createObjectNode();
            o.set("from", HistoryCommand.json(d.from()));
            o.set("to", HistoryCommand.json(d.to()));
            o.set("new", findings(d.newFindings()));
            o.set("resolved", findings(d.resolved()));
            o.set("stillOpen", findings(d.stillOpen()));
            return o;
        }

        private static ArrayNode findings(List<StoredFinding> fs) {
            ArrayNode a = JSON.createArrayNode();
            for (StoredFinding f : fs) {
                ObjectNode o = a.addObject();
                o.put("ruleId", f.ruleId());
                o.put("subject", f.subject());
                o.put("severity", f.severity().name());
                o.put("waived", f.waived());
            }
            return a;
        }

        static void text(PrintWriter out, ScanDiff d) {
            String cluster = d.from().cluster().equals(d.to().cluster()) ? "cluster " + printable(d.to().cluster())
                    : "clusters " + printable(d.from().cluster()) + " and " + printable(d.to().cluster());
            out.printf("%s: scan #%d -> scan #%d%n", cluster, d.from().id(), d.to().id());
            out.printf("  #%d  %s  %s  %s -> %s%n", d.from().id(), d.from().time(), d.from().verdict(),
                    printable(d.from().current()), printable(d.from().target()));
            out.printf("  #%d  %s  %s  %s -> %s%n", d.to().id(), d.to().time(), d.to().verdict(),
                    printable(d.to().current()), printable(d.to().target()));
            out.printf("%d new, %d resolved, %d still open%n", d.newFindings().size(), d.resolved().size(),
                    d.stillOpen().size());
            section(out, "NEW", d.newFindings());
            section(out, "RESOLVED", d.resolved());
            section(out, "STILL OPEN", d.stillOpen());
        }

        private static void section(PrintWriter out, String title, List<StoredFinding> fs) {
            out.printf("%n%s (%d)%n", title, fs.size());
            if (fs.isEmpty()) return;
            List<String[]> rows = new ArrayList<>();
            for (StoredFinding f : fs) {
                rows.add(new String[] {"  " + f.severity().name(), f.ruleId(),
                        printable(f.subject()) + (f.waived() ? "  (waived)" : "")});
            }
            table(out, rows, new boolean[] {false, false, false});
        }
    }

    /** {@code history show}: a stored report, rendered again in any format. */
    @Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Render the stored report of scan ID in any report format.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.ParentCommand
        HistoryCommand parent;

        @Parameters(index = "0", paramLabel = "ID", description = "The scan (see history list).")
        long id;

        @Option(names = "--format", paramLabel = "FORMAT[=FILE]",
                description = "A report format (as check's); repeatable as NAME=FILE.")
        List<String> formats = new ArrayList<>();

        @Option(names = "--output", paramLabel = "FILE", description = "Write the report here instead of stdout.")
        Path output;

        @Override
        public Integer call() {
            List<OutputSpec> outputs = OutputSpec.parse(formats, output);
            Report report = parent.withStore(s -> s.report(id)
                    .orElseThrow(() -> new UserError("no scan #" + id + " in " + s.location().display())));
            Outputs.write(report, outputs, spec.commandLine().getOut(), false);
            return Main.GO;
        }
    }
    /** {@code history prune}: delete old scans, never the newest of a cluster. */
    @Command(name = "prune", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Delete old scans (and their findings) of every cluster, or only of --cluster's, in one"
                    + " transaction: those outside the newest N of their cluster (--keep-last), recorded before a"
                    + " cutoff (--older-than), or, with both, those both select. The newest scan of a cluster is"
                    + " never deleted.")
    static final class Prune implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @picocli.CommandLine.ParentCommand
        HistoryCommand parent;

        @Option(names = "--keep-last", paramLabel = "N",
                description = "Keep the newest N scans of each cluster (by recording order); N >= 1.")
        Integer keepLast;

        @Option(names = "--older-than", paramLabel = "AGE|DATE",
                description = "Delete scans recorded strictly before: an age (12h, 90d, 4w), a date (2026-01-01:"
                        + " the start of that day in UTC) or a date-time with its offset (2026-01-01T06:00:00Z).")
        String olderThan;

        @Option(names = "--dry-run", description = "Only say which scans would be deleted.")
        boolean dryRun;

        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text or json.")
        String format;

        @Override
        public Integer call() {
            String f = format(format);
            if (keepLast == null && olderThan == null) {
                throw new UserError("history prune: give --keep-last N, --older-than AGE|DATE, or both");
            }
            if (keepLast != null && keepLast < 1) {
                throw new UserError("--keep-last: must be 1 or more (the newest scan of a cluster is always kept)");
            }
            Instant cutoff = null;
            if (olderThan != null) {
                try {
                    cutoff = Retention.cutoff(olderThan, Instant.now());
                } catch (IllegalArgumentException e) {
                    throw new UserError("--older-than: " + e.getMessage(), e);
                }
            }
            Retention rule = new Retention(keepLast == null ? 0 : keepLast, cutoff);
            PruneResult r = parent.withStore(s -> s.prune(parent.cluster, rule, dryRun));
            PrintWriter out = spec.commandLine().getOut();
            if (f.equals("json")) {
                ObjectNode o = JSON.createObjectNode();
                o.put("dryRun", r.dryRun());
                if (cutoff != null) o.put("olderThan", cutoff.toString());
                if (keepLast != null) o.put("keepLast", keepLast);
                ArrayNode clusters = o.putArray("clusters");
                r.deleted().forEach((c, ids) -> {
                    ObjectNode co = clusters.addObject();
                    co.put("cluster", c);
                    co.put("deleted", ids.size());
                    ArrayNode a = co.putArray("ids");
                    ids.forEach(a::add);
                });
                o.put("total", r.total());
                print(out, o);
                return Main.GO;
            }
            String verb = r.dryRun() ? " would be deleted" : " deleted";
            r.deleted().forEach((c, ids) -> {
                StringBuilder line = new StringBuilder(printable(c)).append(": ").append(scans(ids.size())).append(verb);
                if (r.dryRun() && !ids.isEmpty()) {
                    line.append(" (").append(String.join(", ", ids.stream().map(id -> "#" + id).toList())).append(')');
                }
                out.println(line);
            });
            out.println("total: " + scans(r.total()) + verb + (r.dryRun() ? " (dry run: nothing deleted)" : ""));
            out.flush();
            return Main.GO;
        }

        private static String scans(int n) {
            return n + (n == 1 ? " scan" : " scans");
        }
    }
}
