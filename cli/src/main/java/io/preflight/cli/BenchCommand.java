package io.preflight.cli;

import io.preflight.rules.bench.Bench;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code preflight bench}: the evaluation benchmark over synthetic clusters (all the work is in {@link Bench}). */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        subcommands = BenchCollectCommand.class,
        description = {"Benchmark rule evaluation on synthetic clusters against a plain-Java floor, the knowledge-base"
                + " load time and the cold start of `preflight check`. Takes minutes; prints a table.",
                "`preflight bench collect` benchmarks live collection instead."})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", paramLabel = "N[,N...]", defaultValue = "100,1000,10000",
            description = "Cluster sizes in nodes (default: ${DEFAULT-VALUE}).")
    String sizes;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "15",
            description = "Measured iterations per size (default: ${DEFAULT-VALUE}; the warm-up is separate).")
    int iterations;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results as JSON to FILE.")
    Path json;

    @Override
    public Integer call() {
        Bench.Options o;
        try {
            o = Bench.Options.defaults().withSizes(Bench.parseSizes(sizes)).withIterations(iterations).withJson(json);
        } catch (IllegalArgumentException e) {
            throw new UserError("bench: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            Bench.run(o, out);
        } catch (IOException e) {
            throw new UserError("bench: " + e.getMessage(), e);
        }
        return Main.GO;
    }
}
