package io.preflight.facts.bundle;

import io.preflight.facts.CollectionProblem;
import io.preflight.facts.Fact;
import io.preflight.facts.Role;
import io.preflight.facts.parse.PayloadException;
import io.preflight.facts.parse.PayloadKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** A small sample bundle, a stand-in parser, and helpers to look at bundles byte by byte. */
final class BundleSamples {
    static final Instant T0 = Instant.parse("2026-11-22T20:00:00Z");
    static final Instant T1 = Instant.parse("2026-11-22T20:00:05Z");

    /** What the stand-in parser returns for each payload: enough to check subject, role, source and bytes. */
    record Parsed(String subject, String source, PayloadKind kind, Role role, String body) implements Fact {
    }

    /** Parses nothing; a body starting with {@code BAD} fails as a real parser would. */
    static final PayloadParser FAKE = (kind, subject, role, source, body) -> {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("BAD")) throw new PayloadException("line 3, column 7: unexpected end of JSON");
        if (text.startsWith("CRASH")) throw new IllegalStateException("parser bug\nsecond line");
        return List.of(new Parsed(subject, source, kind, role, text));
    };

    private BundleSamples() {
    }

    static Manifest manifest() {
        return Manifest.of(new Manifest.Tool("preflight", "0.1.0"), T0,
                new Manifest.Cluster("prod-east", "http://10.0.0.1:5050", "http://10.0.0.1:8080", null),
                List.of(new Manifest.Node("10.0.0.1", Role.MASTER, "master_list,mesos"),
                        new Manifest.Node("10.0.0.7", Role.AGENT, "mesos"),
                        new Manifest.Node("10.0.0.8", Role.AGENT_PUBLIC, "mesos")),
                List.of(Manifest.Payload.of(PayloadKind.MESOS_STATE, "prod-east", "http://10.0.0.1:5050/master/state", T0),
                        Manifest.Payload.of(PayloadKind.MESOS_FLAGS, "10.0.0.1", "http://10.0.0.1:5050/flags", T0),
                        Manifest.Payload.of(PayloadKind.NODE_PROBE, "10.0.0.7", "ssh://10.0.0.7:22", T1),
                        Manifest.Payload.of(PayloadKind.CONFIG_RUNNING, "prod-east",
                                "ssh://10.0.0.1:22/opt/mesosphere/etc/user.config.yaml", T1)),
                List.of(new Manifest.Problem("10.0.0.9", CollectionProblem.Kind.UNREACHABLE, "ssh-probe",
                        "connection refused", "ssh://10.0.0.9:22")));
    }

    static final String STATE = "{\"version\":\"1.9.1\",\"slaves\":[{\"hostname\":\"10.0.0.7\"}]}\n";
    static final String FLAGS = "{\n  \"flags\": {\n    \"work_dir\": \"/var/lib/mesos/master\",\n    \"quorum\": \"2\"\n  }\n}\n";
    static final String PROBE = """
            ### preflight-probe v1 host=10.0.0.7
            ### section roles rc=0
            slave
            ### end
            ### section os-release rc=0 path=/etc/os-release
            NAME="CentOS Linux"
            VERSION_ID="7"
            ### end
            """;
    static final String CONFIG = "---\ncluster_name: prod-east\nmaster_list:\n- 10.0.0.1\nssh_port: '22'\n";

    static Map<String, byte[]> bodies() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("cluster/mesos-state.json", utf8(STATE));
        m.put("nodes/10.0.0.1/mesos-flags.json", utf8(FLAGS));
        m.put("nodes/10.0.0.7/probe.txt", utf8(PROBE));
        m.put("cluster/config-running.yaml", utf8(CONFIG));
        return m;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /** Every file of a bundle directory or .tar.gz, by path (tar: entry name), with its bytes. */
    static Map<String, byte[]> contents(Path bundle) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        if (Files.isDirectory(bundle)) {
            try (Stream<Path> s = Files.walk(bundle)) {
                for (Path p : s.filter(Files::isRegularFile).toList()) {
                    out.put(bundle.relativize(p).toString(), Files.readAllBytes(p));
                }
            }
            return out;
        }
        try (InputStream in = Files.newInputStream(bundle);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (!e.isDirectory()) out.put(e.getName(), tar.readAllBytes());
            }
        }
        return out;
    }

    /** All bytes a bundle stores, uncompressed, as one string (to search for secrets). */
    static String allText(Path bundle) throws IOException {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, byte[]> e : contents(bundle).entrySet()) b.append(e.getKey()).append('\n').append(text(e.getValue()));
        return b.toString();
    }

    /** Names of the entries in a folder (to prove nothing stray was left behind). */
    static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** One tar entry for hand-made archives. */
    record Entry(String name, byte type, String body, String linkTarget, long declaredSize) {
        static Entry file(String name, String body) {
            return new Entry(name, TarArchiveEntry.LF_NORMAL, body, null, -1);
        }

        static Entry dir(String name) {
            return new Entry(name, TarArchiveEntry.LF_DIR, null, null, -1);
        }

        static Entry symlink(String name, String target) {
            return new Entry(name, TarArchiveEntry.LF_SYMLINK, null, target, -1);
        }

        static Entry hardlink(String name, String target) {
            return new Entry(name, TarArchiveEntry.LF_LINK, null, target, -1);
        }

        static Entry fifo(String name) {
            return new Entry(name, TarArchiveEntry.LF_FIFO, null, null, -1);
        }
    }

    /** Writes a .tar.gz with exactly these entries (names unchecked, as an attacker would). */
    static void tarGz(Path file, List<Entry> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry t = new TarArchiveEntry(e.name(), e.type(), true);
                if (e.linkTarget() != null) t.setLinkName(e.linkTarget());
                byte[] body = e.body() == null ? new byte[0] : utf8(e.body());
                t.setSize(e.type() == TarArchiveEntry.LF_NORMAL ? body.length : 0);
                tar.putArchiveEntry(t);
                if (body.length > 0) tar.write(body);
                tar.closeArchiveEntry();
            }
        }
    }

    /** A valid bundle's entries under {@code top} ({@code ""} for none), from a manifest JSON text. */
    static List<Entry> bundleEntries(String top, String manifestJson) {
        List<Entry> l = new java.util.ArrayList<>();
        l.add(Entry.file(top + "manifest.json", manifestJson));
        for (Map.Entry<String, byte[]> b : bodies().entrySet()) l.add(Entry.file(top + b.getKey(), text(b.getValue())));
        return l;
    }

    /** Gzip-compresses {@code size} zero bytes as a tar entry without holding them in memory (a bomb). */
    static void zeroBomb(Path file, String name, long size) throws IOException {
        try (OutputStream out = Files.newOutputStream(file);
             GzipCompressorOutputStream gz = new GzipCompressorOutputStream(out);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(gz)) {
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            TarArchiveEntry t = new TarArchiveEntry(name);
            t.setSize(size);
            tar.putArchiveEntry(t);
            byte[] zeros = new byte[1 << 16];
            for (long left = size; left > 0; left -= zeros.length) tar.write(zeros, 0, (int) Math.min(zeros.length, left));
            tar.closeArchiveEntry();
        }
    }

    static byte[] gunzipAll(byte[] gz) throws IOException {
        try (InputStream in = new GzipCompressorInputStream(new java.io.ByteArrayInputStream(gz))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
