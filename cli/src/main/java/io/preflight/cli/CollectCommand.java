package io.preflight.cli;

import io.preflight.facts.collect.LiveCollector;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code preflight collect}: collect a live cluster into a fact bundle. */
@Command(name = "collect", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Collect a live cluster's facts (Mesos/Marathon/Exhibitor over HTTP, every node over SSH) into a"
                + " fact bundle. Unreachable nodes are recorded as problems. Exit 0 = written, 2 = could not collect.")
final class CollectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--inventory", paramLabel = "FILE", required = true,
            description = "preflight YAML inventory or an Ansible inventory (INI or YAML).")
    Path inventory;

    @Option(names = "--output", paramLabel = "DIR|FILE.tar.gz", required = true,
            description = "Where to write the bundle (a directory, or a .tar.gz file); replaced atomically.")
    Path output;

    @Option(names = "--no-secret-digests",
            description = "Store secret values of the running config.yaml as bare masks (****) instead of salted,"
                    + " slow digests. `check --target-config` then cannot compare them and reports each one as"
                    + " COLLECT-UNVERIFIED. See docs/bundle-format.md, \"Secret digests\".")
    boolean noSecretDigests;

    @Override
    public Integer call() {
        LiveCollector.Collected c = Collecting.collect(inventory, spec.commandLine().getErr());
        Collecting.write(c, output, !noSecretDigests);
        spec.commandLine().getOut().println("collected " + c.manifest().cluster().name() + ": "
                + Collecting.summary(c) + " -> " + output);
        spec.commandLine().getOut().flush();
        return Main.GO;
    }
}
