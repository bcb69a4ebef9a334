package io.preflight.facts.synthetic;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

/**
 * An SSH server command for simulated nodes: runs the received command line with {@code /bin/sh -c} in a given
 * environment, piping the channel's streams; {@code destroy()} kills it and its children (a hung probe is ended when
 * the client closes the channel). Used by the demo cluster and by the SSH tests.
 */
public final class ShellCommand implements Command {

    private final String command;
    private final Map<String, String> env;
    private final Consumer<Process> onStart;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Process process;

    /**
     * @param command the command line the SSH client sent
     * @param env     the process environment (replaces the server's own)
     * @param onStart told of every process started, so its owner can kill stragglers
     */
    public ShellCommand(String command, Map<String, String> env, Consumer<Process> onStart) {
        this.command = command;
        this.env = Map.copyOf(env);
        this.onStart = onStart;
    }

    @Override public void setInputStream(InputStream in) { this.in = in; }
    @Override public void setOutputStream(OutputStream out) { this.out = out; }
    @Override public void setErrorStream(OutputStream err) { this.err = err; }
    @Override public void setExitCallback(ExitCallback callback) { this.exit = callback; }

    @Override
    public void start(ChannelSession channel, Environment environment) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", command);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.environment().put("LC_ALL", "C");
        Process p = pb.start();
        process = p;
        onStart.accept(p);
        pump(in, p.getOutputStream(), true);
        Thread o = pump(p.getInputStream(), out, false);
        Thread e = pump(p.getErrorStream(), err, false);
        Thread waiter = new Thread(() -> {
            try {
                int rc = p.waitFor();
                o.join();
                e.join();
                exit.onExit(rc);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
        }, "preflight-sshd-wait");
        waiter.setDaemon(true);
        waiter.start();
    }

    @Override
    public void destroy(ChannelSession channel) {
        Process p = process;
        if (p != null) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private static Thread pump(InputStream from, OutputStream to, boolean closeTo) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = from.read(buf)) >= 0; ) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException ignored) {
                // the other side went away
            } finally {
                if (closeTo) {
                    try {
                        to.close();
                    } catch (IOException ignored) {
                        // already closed
                    }
                }
            }
        }, "preflight-sshd-pump");
        t.setDaemon(true);
        t.start();
        return t;
    }
}
