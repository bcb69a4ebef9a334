package io.preflight.reports;

import java.io.IOException;
import java.io.OutputStream;

/** One output format. A renderer never changes the report and never sees Drools. */
public interface Renderer {
    /** The name used with {@code --format}. */
    String format();

    void render(Report report, OutputStream out) throws IOException;
}
