package io.preflight.facts.parse;

import io.preflight.facts.Fact;
import io.preflight.facts.Role;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Test fixtures under {@code src/test/resources/fixtures/} (attribution in its SOURCES.md), and fact lookups. */
final class Fixtures {
    private Fixtures() {
    }

    /**
     * Fixtures whose licence is not stated upstream are not copied into this repository: tests read them from the
     * shared fixture folder beside the checkout ({@code ../shared/fixtures}, present on developer machines and CI).
     */
    private static final java.nio.file.Path SHARED = java.nio.file.Path.of("..", "..", "shared", "fixtures");

    /** The bytes of {@code fixtures/<path>}; a {@code .gz} copy is read when only that exists. */
    static byte[] bytes(String path) {
        if (path.startsWith("dcos-node/")) {
            try {
                return java.nio.file.Files.readAllBytes(SHARED.resolve(path));
            } catch (IOException e) {
                throw new UncheckedIOException("shared fixture " + path + " (expected ../shared beside the checkout)", e);
            }
        }
        try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in != null) return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream gz = Fixtures.class.getResourceAsStream("/fixtures/" + path + ".gz")) {
            if (gz == null) throw new IllegalArgumentException("no fixture " + path);
            try (InputStream in = new GZIPInputStream(gz)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String path) {
        return new String(bytes(path), StandardCharsets.UTF_8);
    }

    static List<Fact> parse(PayloadKind kind, String subject, Role role, String fixture) throws PayloadException {
        return Payloads.parse(kind, subject, role, "test:" + fixture, bytes(fixture));
    }

    static <T extends Fact> List<T> all(List<Fact> facts, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Fact f : facts) if (type.isInstance(f)) out.add(type.cast(f));
        return out;
    }

    static <T extends Fact> T one(List<Fact> facts, Class<T> type) {
        List<T> found = all(facts, type);
        if (found.size() != 1) throw new AssertionError("expected one " + type.getSimpleName() + ", got " + found);
        return found.get(0);
    }

    static <T extends Fact> T bySubject(List<Fact> facts, Class<T> type, String subject) {
        return all(facts, type).stream().filter(f -> f.subject().equals(subject)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " for " + subject + " in " + facts));
    }

    /** Builds a probe document the way the probe script prints one (body lines escaped per the format). */
    static final class Probe {
        private final StringBuilder sb = new StringBuilder();

        Probe(String host) {
            sb.append("### preflight-probe v1 host=").append(host).append('\n');
        }

        Probe section(String header, String body) {
            sb.append("### section ").append(header).append('\n');
            for (String line : body.split("\n", -1)) {
                if (line.startsWith("#") || line.startsWith("\\")) sb.append('\\');
                sb.append(line).append('\n');
            }
            sb.append("### end\n");
            return this;
        }

        Probe fixture(String header, String fixture) {
            return section(header, text(fixture));
        }

        Probe raw(String text) {
            sb.append(text);
            return this;
        }

        byte[] bytes() {
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        List<Fact> parse(Role role) throws PayloadException {
            return Payloads.parse(PayloadKind.NODE_PROBE, "10.0.0.7", role, "ssh:10.0.0.7", bytes());
        }
    }
}
