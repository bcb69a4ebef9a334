package io.preflight.cli;

import io.preflight.facts.bundle.BundleException;
import io.preflight.facts.collect.LiveCollector;
import io.preflight.facts.input.InputFileException;
import io.preflight.facts.input.Inventory;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Function;

/** Shared by {@code collect} and {@code check --inventory}: a live collection with progress on stderr. */
final class Collecting {
    /** Makes the collector; tests replace it to reach a simulated cluster. */
    static volatile Function<LiveCollector.Progress, LiveCollector> collectors = LiveCollector::new;

    private Collecting() {
    }

    /** Collects the cluster an inventory names; bad inventory or token file → {@link UserError}. */
    static LiveCollector.Collected collect(Path inventory, PrintWriter err) {
        return collect(inventory, err, collectors);
    }

    /** As {@link #collect(Path, PrintWriter)} with the given collector factory. */
    static LiveCollector.Collected collect(Path inventory, PrintWriter err,
                                          Function<LiveCollector.Progress, LiveCollector> collectors) {
        Inventory inv;
        try {
            inv = Inventory.read(inventory);
        } catch (InputFileException e) {
            throw new UserError(e.getMessage(), e);
        }
        ProgressLine progress = new ProgressLine(err, System.console() != null);
        inv.warnings().forEach(progress::warning);
        try {
            return collectors.apply(progress).collect(inv);
        } catch (InputFileException e) {
            throw new UserError(e.getMessage(), e);
        } finally {
            progress.finish();
        }
    }

    /** Writes the bundle with secret digests; a failure → {@link UserError}. */
    static void write(LiveCollector.Collected c, Path target) {
        write(c, target, true);
    }

    /** Writes the bundle; a failure → {@link UserError}. */
    static void write(LiveCollector.Collected c, Path target, boolean secretDigests) {
        try {
            c.write(target, secretDigests);
        } catch (BundleException e) {
            throw new UserError(e.getMessage(), e);
        } catch (IOException e) {
            throw new UserError(target + ": cannot write the bundle: " + e.getMessage(), e);
        }
    }

    /** {@code nodes reported / expected, problems}. */
    static String summary(LiveCollector.Collected c) {
        return c.nodesReported() + "/" + c.manifest().nodes().size() + " nodes reported, "
                + c.manifest().problems().size() + " problem" + (c.manifest().problems().size() == 1 ? "" : "s");
    }

    /**
     * On a terminal one self-updating line ({@code \r}); otherwise a log line each time another ~10% of the nodes
     * is done. Warnings (from the inventory and about the SSH key) are lines of their own, {@code preflight: warning:}.
     */
    static final class ProgressLine implements LiveCollector.Progress {
        private final PrintWriter err;
        private final boolean terminal;
        private int lastDecile = -1;
        private int lastTotal = -1;
        private boolean printed;

        ProgressLine(PrintWriter err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public synchronized void nodes(int done, int failed, int total) {
            String line = "probing nodes: " + done + "/" + total + " done, " + failed + " failed";
            if (terminal) {
                err.print("\r" + line + "   ");
                err.flush();
                printed = true;
                return;
            }
            int decile = total == 0 ? 10 : done * 10 / total;
            // a new line per ~10% of the nodes, and whenever the total grows (masters from the running config)
            if (decile != lastDecile || total != lastTotal) {
                lastDecile = decile;
                lastTotal = total;
                err.println("preflight: " + line);
                err.flush();
            }
        }

        @Override
        public synchronized void warning(String line) {
            if (terminal && printed) {
                err.println(); // leave the progress line where it is
                printed = false;
            }
            err.println("preflight: warning: " + line);
            err.flush();
        }

        synchronized void finish() {
            if (terminal && printed) {
                err.println();
                err.flush();
            }
        }
    }
}
