package io.preflight.facts.synthetic;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TCP proxy that makes loopback behave like a distant network: every chunk of bytes, in each direction, is delivered
 * half a round trip after it was read, and a new connection carries nothing for one round trip (the TCP handshake).
 * Bandwidth is not limited, only latency added, so a protocol pays one round trip per exchange it waits on, as over
 * a WAN. Listens on each of the given addresses (one shared port) and forwards a connection to the same address at
 * {@code upstreamPort}.
 *
 * <p>One selector thread accepts; each connection has one reader and one writer thread per direction. For the
 * collection benchmark's simulated nodes, not for production use.
 */
public final class LatencyProxy implements AutoCloseable {
    private static final byte[] EOF = new byte[0];

    private final Duration rtt;
    private final int upstreamPort;
    private final Selector selector;
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private final Thread acceptor;
    private final int port;
    private volatile boolean closed;

    /**
     * @param hosts        the addresses to listen on
     * @param upstreamPort where the real server listens, on the same addresses
     * @param rtt          the round trip to simulate
     */
    public LatencyProxy(List<String> hosts, int upstreamPort, Duration rtt) throws IOException {
        this.rtt = rtt;
        this.upstreamPort = upstreamPort;
        this.selector = Selector.open();
        int p = 0;
        try {
            for (String h : hosts) {
                ServerSocketChannel ch = ServerSocketChannel.open();
                listeners.add(ch);
                ch.bind(new InetSocketAddress(h, p), 256);
                if (p == 0) p = ((InetSocketAddress) ch.getLocalAddress()).getPort();
                ch.configureBlocking(false);
                ch.register(selector, SelectionKey.OP_ACCEPT);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
        this.port = p;
        acceptor = new Thread(this::acceptLoop, "latency-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port the proxy listens on, on every address. */
    public int port() {
        return port;
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                selector.select(500);
                for (SelectionKey k : selector.selectedKeys()) {
                    SocketChannel c = ((ServerSocketChannel) k.channel()).accept();
                    if (c != null) start(c);
                }
                selector.selectedKeys().clear();
            } catch (IOException | RuntimeException e) {
                if (closed) return;
            }
        }
    }

    private void start(SocketChannel accepted) {
        Thread t = new Thread(() -> {
            Socket client = null;
            Socket server = null;
            try {
                accepted.configureBlocking(true);
                client = accepted.socket();
                client.setTcpNoDelay(true);
                InetSocketAddress local = (InetSocketAddress) accepted.getLocalAddress();
                sleepNanos(rtt.toNanos()); // the handshake's round trip
                server = new Socket();
                server.setTcpNoDelay(true);
                server.connect(new InetSocketAddress(local.getAddress(), upstreamPort), 10_000);
                Socket c = client;
                Socket s = server;
                Thread up = pipe(c, s);
                Thread down = pipe(s, c);
                up.join();
                down.join();
            } catch (IOException | RuntimeException e) {
                // the connection ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                closeQuietly(client);
                closeQuietly(server);
            }
        }, "latency-proxy-conn");
        t.setDaemon(true);
        t.start();
    }

    /** Copies {@code from} to {@code to}, each chunk delivered half a round trip after it was read. */
    private Thread pipe(Socket from, Socket to) {
        long half = rtt.toNanos() / 2;
        BlockingQueue<Object[]> queue = new LinkedBlockingQueue<>();
        Thread writer = new Thread(() -> {
            try {
                OutputStream out = to.getOutputStream();
                while (true) {
                    Object[] item = queue.take();
                    sleepNanos((long) item[0] - System.nanoTime());
                    byte[] b = (byte[]) item[1];
                    if (b == EOF) {
                        if (!to.isClosed()) to.shutdownOutput();
                        return;
                    }
                    out.write(b);
                    out.flush();
                }
            } catch (IOException e) {
                closeQuietly(from);
                closeQuietly(to);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "latency-proxy-write");
        writer.setDaemon(true);
        writer.start();
        Thread reader = new Thread(() -> {
            byte[] buf = new byte[16 * 1024];
            try {
                InputStream in = from.getInputStream();
                for (int n; (n = in.read(buf)) >= 0; ) {
                    queue.add(new Object[] {System.nanoTime() + half, Arrays.copyOf(buf, n)});
                }
            } catch (IOException e) {
                // treated as the end of the stream
            }
            queue.add(new Object[] {System.nanoTime() + half, EOF});
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "latency-proxy-read");
        reader.setDaemon(true);
        reader.start();
        return reader;
    }

    private static void sleepNanos(long nanos) throws InterruptedException {
        if (nanos > 0) TimeUnit.NANOSECONDS.sleep(nanos);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }

    @Override
    public void close() {
        closed = true;
        for (ServerSocketChannel ch : listeners) closeQuietly(ch);
        closeQuietly(selector);
    }
}
