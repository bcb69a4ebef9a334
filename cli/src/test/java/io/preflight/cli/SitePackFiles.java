package io.preflight.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes a one-file site rule pack for a test: {@code pack.yaml} with the prefix, and a DRL with the usual header. */
final class SitePackFiles {
    private SitePackFiles() {
    }

    /**
     * Creates {@code parent/name} with {@code prefix: NAME} and {@code drlFile} holding {@code package site.name;},
     * the facts import, the finding sink global, then {@code ruleLines}. Returns the pack directory.
     */
    static Path write(Path parent, String name, String drlFile, String... ruleLines) throws IOException {
        Path pack = Files.createDirectories(parent.resolve(name));
        Files.writeString(pack.resolve("pack.yaml"), "prefix: " + name.toUpperCase(Locale.ROOT) + "\n");
        List<String> lines = new ArrayList<>(List.of("package site." + name + ";", "import io.preflight.facts.*;",
                "global io.preflight.rules.FindingSink out;"));
        lines.addAll(List.of(ruleLines));
        lines.add("");
        Files.writeString(pack.resolve(drlFile), String.join("\n", lines));
        return pack;
    }
}
