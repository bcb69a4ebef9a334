package io.preflight.facts.collect.http;

import io.preflight.facts.bundle.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a live HTTP collection gathered, ready for {@code BundleWriter.write(Path, Manifest, Map)}: the payload
 * entries ({@link #manifestPayloads()}) with their bodies ({@link #bodiesByFile()}), the problems and the nodes.
 */
public record CollectionResult(List<Collected> payloads, List<Manifest.Problem> problems, List<Manifest.Node> nodes) {

    /** One stored payload: its manifest entry and its raw bytes (not copied). */
    public record Collected(Manifest.Payload payload, byte[] body) {
    }

    public CollectionResult {
        payloads = payloads == null ? List.of() : List.copyOf(payloads);
        problems = problems == null ? List.of() : List.copyOf(problems);
        nodes = nodes == null ? List.of() : List.copyOf(nodes);
    }

    public List<Manifest.Payload> manifestPayloads() {
        List<Manifest.Payload> out = new ArrayList<>();
        for (Collected c : payloads) out.add(c.payload());
        return out;
    }

    /** Bodies keyed by their bundle file ({@link Manifest.Payload#file()}), in collection order. */
    public Map<String, byte[]> bodiesByFile() {
        Map<String, byte[]> out = new LinkedHashMap<>();
        for (Collected c : payloads) out.put(c.payload().file(), c.body());
        return out;
    }
}
