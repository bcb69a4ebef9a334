package io.preflight.cli;

import java.io.PrintWriter;
import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code preflight}: pre-flight checks for DC/OS and Apache Mesos upgrades. Exit codes: 0 go, 1 no-go, 2 the tool
 * could not do its job (bad arguments or input). Never a stack trace: every failure is one line.
 */
@Command(name = "preflight", mixinStandardHelpOptions = true, versionProvider = Main.ToolVersion.class,
        description = "Pre-flight checks for DC/OS and Apache Mesos cluster upgrades.",
        subcommands = {DemoCommand.class, CheckCommand.class, CollectCommand.class, PlanCommand.class, RulesCommand.class, HistoryCommand.class, BenchCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:go: no unwaived finding at or above --fail-on", "1:no-go",
                "2:the tool could not do its job (bad arguments, unreadable input, rules that do not compile)"})
public final class Main implements Runnable {
    public static final String VERSION = "0.1.0";
    public static final int GO = 0;
    public static final int NO_GO = 1;
    public static final int TOOL_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required (demo, check, collect, plan, rules, history)");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, Clock.systemUTC());
    }

    /** As {@link #run(String[], PrintWriter, PrintWriter)}, with the clock waivers expire against (tests fix it). */
    static int run(String[] args, PrintWriter out, PrintWriter err, Clock clock) {
        CommandLine cl = commandLine(clock);
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    static CommandLine commandLine(Clock clock) {
        CommandLine.IFactory defaults = CommandLine.defaultFactory();
        CommandLine cl = new CommandLine(new Main(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K made = defaults.create(cls);
                if (made instanceof CheckCommand check) check.clock = clock;
                return made;
            }
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            Throwable t = ex;
            String msg;
            if (t instanceof UserError) {
                msg = t.getMessage();
            } else {
                msg = "internal error: " + t + (t.getStackTrace().length > 0 ? " at " + t.getStackTrace()[0] : "");
            }
            // several problems (e.g. every DRL compile error) are printed one per line, each file:line: message
            for (String line : msg.split("\\R")) {
                if (!line.isBlank()) cmd.getErr().println("preflight: " + line.trim());
            }
            cmd.getErr().flush();
            return TOOL_ERROR;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("preflight: " + oneLine(ex.getMessage())
                    + " (see: preflight " + ex.getCommandLine().getCommandName() + " --help)");
            return TOOL_ERROR;
        });
        return cl;
    }

    static String oneLine(String s) {
        if (s == null) return "error";
        return s.replaceAll("\\s*\\R\\s*", " ").trim();
    }

    /** The version for {@code --version}. */
    public static final class ToolVersion implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"preflight " + VERSION};
        }
    }
}
