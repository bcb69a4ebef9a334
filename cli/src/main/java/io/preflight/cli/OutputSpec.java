package io.preflight.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each requested format goes: {@code --format json=report.json} pairs, or one format to {@code --output}
 * or standard output.
 *
 * @param file null for standard output
 */
record OutputSpec(String format, Path file) {
    static List<OutputSpec> parse(List<String> formats, Path output) {
        List<String> fs = formats == null || formats.isEmpty() ? List.of("text") : formats;
        List<OutputSpec> out = new ArrayList<>();
        int toDefault = 0;
        for (String f : fs) {
            int eq = f.indexOf('=');
            if (eq > 0) {
                out.add(new OutputSpec(f.substring(0, eq), Path.of(f.substring(eq + 1))));
            } else {
                out.add(new OutputSpec(f, output));
                toDefault++;
            }
        }
        if (toDefault > 1) {
            throw new UserError("more than one --format without a file: write the others as --format NAME=FILE");
        }
        return out;
    }
}
