package io.preflight.facts.collect.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;

/** Bytes of {@code src/test/resources/fixtures/<path>} (or its {@code .gz}). */
final class TestFixtures {
    private TestFixtures() {
    }

    static byte[] bytes(String path) {
        try (InputStream in = TestFixtures.class.getResourceAsStream("/fixtures/" + path)) {
            if (in != null) return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (InputStream gz = TestFixtures.class.getResourceAsStream("/fixtures/" + path + ".gz")) {
            if (gz == null) throw new IllegalArgumentException("no fixture " + path);
            try (InputStream in = new GZIPInputStream(gz)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
