package io.preflight.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies of the example bundles for history tests: the same cluster (by name) on different nights. */
final class ExampleBundles {
    static final Path BUNDLES = ScenarioTest.EXAMPLES.resolve("bundles");

    private ExampleBundles() {
    }

    /** A copy of example bundle {@code example} under {@code dir} whose manifest names its cluster {@code cluster}. */
    static Path copyAs(String example, String cluster, Path dir) throws IOException {
        Path to = dir.resolve(example + "-" + cluster + "-" + System.nanoTime());
        Path from = BUNDLES.resolve(example);
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode manifest = (ObjectNode) json.readTree(to.resolve("manifest.json").toFile());
        ((ObjectNode) manifest.get("cluster")).put("name", cluster);
        json.writeValue(to.resolve("manifest.json").toFile(), manifest);
        return to;
    }
}
