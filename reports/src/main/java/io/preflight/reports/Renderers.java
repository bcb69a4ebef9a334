package io.preflight.reports;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The renderers by format name. */
public final class Renderers {
    private static final Map<String, Renderer> ALL = new LinkedHashMap<>();

    static {
        for (Renderer r : List.of(new TextRenderer(), new JsonRenderer(), new JunitRenderer(), new MarkdownRenderer(),
                new SarifRenderer(), new HtmlRenderer(), new PrometheusRenderer())) {
            ALL.put(r.format(), r);
        }
    }

    private Renderers() {
    }

    /** The renderer for {@code name}; an unknown name is an error that lists the valid ones. */
    public static Renderer byName(String name) {
        Renderer r = ALL.get(name);
        if (r == null) {
            throw new IllegalArgumentException("unknown format '" + name + "' (valid: "
                    + String.join(", ", ALL.keySet()) + ")");
        }
        return r;
    }

    public static List<String> names() {
        return List.copyOf(ALL.keySet());
    }
}
