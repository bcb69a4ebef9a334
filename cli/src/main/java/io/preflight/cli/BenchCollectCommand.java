package io.preflight.cli;

import io.preflight.facts.bench.CollectionBench;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code preflight bench collect}: the collection benchmark (all the work is in {@link CollectionBench}). */
@Command(name = "collect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmark the SSH node probe against simulated nodes in a child JVM: latency hiding with a"
                + " simulated round trip (concurrent vs one at a time), then wall and CPU time per node against raw"
                + " parallel OpenSSH on plain loopback, and heap per node. Takes minutes; prints tables."})
final class BenchCollectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--sizes", paramLabel = "N[,N...]", defaultValue = "200,1000",
            description = "Cluster sizes for the latency run (default: ${DEFAULT-VALUE}).")
    String sizes;

    @Option(names = "--rtt-ms", paramLabel = "MS", defaultValue = "100",
            description = "Simulated round trip per exchange (default: ${DEFAULT-VALUE}).")
    long rttMs;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "32",
            description = "Nodes probed at a time (default: ${DEFAULT-VALUE}, the product's default).")
    int concurrency;

    @Option(names = "--serial-sample", paramLabel = "N", defaultValue = "40",
            description = "Nodes probed one at a time to measure concurrency 1 (default: ${DEFAULT-VALUE}).")
    int serialSample;

    @Option(names = "--cost-nodes", paramLabel = "N", defaultValue = "200",
            description = "Nodes in the cost-per-node run against OpenSSH (default: ${DEFAULT-VALUE}).")
    int costNodes;

    @Override
    public Integer call() {
        CollectionBench.LatencyOptions o;
        try {
            if (rttMs < 0 || concurrency < 1 || serialSample < 1 || costNodes < 1) {
                throw new IllegalArgumentException("--rtt-ms must be >= 0 and the counts >= 1");
            }
            o = new CollectionBench.LatencyOptions(io.preflight.rules.bench.Bench.parseSizes(sizes),
                    Duration.ofMillis(rttMs), concurrency, serialSample, costNodes);
        } catch (IllegalArgumentException e) {
            throw new UserError("bench collect: " + e.getMessage(), e);
        }
        try {
            CollectionBench.run(o, spec.commandLine().getOut());
        } catch (IOException e) {
            throw new UserError("bench collect: " + e.getMessage(), e);
        }
        return Main.GO;
    }
}
