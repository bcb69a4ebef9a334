package io.preflight.cli;

import io.preflight.facts.synthetic.SimulatedCluster;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code preflight demo}: starts the built-in simulated cluster ({@link SimulatedCluster}: 8-node DC/OS 2.0.6 over
 * loopback, real HTTP endpoints and a real SSH server per node) and runs {@code check --inventory} against it. The
 * demo cluster is NO-GO by design: chrony on private agent 127.0.0.6 is not synchronised (NODE-NTP-UNSYNCED). The
 * demo is not a gate: it exits 0 when it ran (whatever the verdict it shows), 2 when it could not; with
 * {@code --gate} it exits as {@code check} would (1 for that NO-GO).
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Start a built-in simulated 8-node DC/OS 2.0.6 cluster on loopback and check it, as"
                + " `check --inventory` does.",
                "The demo cluster is NO-GO by design (one agent's clock is not synchronised).",
                "Exit 0 when the demo ran (2 when it could not); --gate exits as check would (1 for NO-GO)."})
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    String format;

    @Option(names = "--gate", description = "Exit with check's code (0 GO, 1 NO-GO) instead of 0.")
    boolean gate;

    @Override
    public Integer call() {
        String f = format.toLowerCase(Locale.ROOT);
        if (!f.equals("text") && !f.equals("json")) {
            throw new UserError("--format: unknown format '" + format + "' (valid: text, json)");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // with --format json on stderr, so that stdout stays one JSON document
        PrintWriter note = f.equals("json") ? err : out;
        note.println("starting a simulated 8-node DC/OS 2.0.6 cluster on loopback ...");
        note.flush();
        SimulatedCluster cluster;
        try {
            cluster = new SimulatedCluster();
        } catch (IOException | RuntimeException e) {
            throw new UserError("cannot start the demo cluster: " + e.getMessage(), e);
        }
        try (cluster) {
            CheckCommand check = new CheckCommand();
            check.source = new CheckCommand.Source();
            check.source.inventory = cluster.inventory();
            check.formats = List.of(f);
            check.failOn = "blocker";
            int code = check.check(out, err, cluster::collector);
            return gate || code == Main.TOOL_ERROR ? code : Main.GO;
        }
    }
}
