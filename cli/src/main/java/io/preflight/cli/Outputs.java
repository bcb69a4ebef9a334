package io.preflight.cli;

import io.preflight.reports.Renderer;
import io.preflight.reports.Renderers;
import io.preflight.reports.Report;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Renders a report in every requested format; files are written atomically (temp file, then rename). */
final class Outputs {
    private Outputs() {
    }

    static void write(Report report, List<OutputSpec> specs, PrintWriter stdout, boolean quiet) {
        // validate every format before writing anything
        List<Renderer> renderers = specs.stream().map(s -> {
            try {
                return Renderers.byName(s.format());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }).toList();
        // render every format before writing any: a format that fails to render writes nothing
        List<byte[]> rendered = new java.util.ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            try {
                renderers.get(i).render(report, buf);
            } catch (IOException e) {
                throw new UserError("rendering " + specs.get(i).format() + ": " + e.getMessage(), e);
            }
            rendered.add(buf.toByteArray());
        }
        // each file is atomic; if a later file cannot be written, the earlier ones stay (each is whole)
        for (int i = 0; i < specs.size(); i++) {
            OutputSpec s = specs.get(i);
            if (s.file() == null) {
                if (!quiet) {
                    stdout.print(new String(rendered.get(i), StandardCharsets.UTF_8));
                    stdout.flush();
                }
            } else {
                writeAtomically(s.file(), rendered.get(i));
            }
        }
    }

    static void writeAtomically(Path file, byte[] bytes) {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
            Files.write(tmp, bytes);
            Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UserError(file + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temp file is hidden and named after its target
                }
            }
        }
    }
}
