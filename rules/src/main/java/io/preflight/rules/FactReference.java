package io.preflight.rules;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fact reference ({@code docs/facts.md}): every type a rule may match, with its fields and helper methods,
 * generated from the fact model itself ({@link FactTypes}) so it cannot drift. The build checks that the committed
 * file is up to date.
 */
public final class FactReference {
    private static final Set<String> OBJECT_METHODS = Set.of("equals", "hashCode", "toString");

    private FactReference() {
    }

    public static String markdown() {
        StringBuilder b = new StringBuilder();
        b.append("# Fact reference\n\n");
        b.append("Every type a rule can match, as DRL sees it (`TimeSync( synced == false )`) and as rule cases write\n");
        b.append("it (`- TimeSync: { subject: 10.0.1.7, synced: false }`). Generated from the fact model by\n");
        b.append("`FactReference`; `mvn verify` fails when this file is stale. Regenerate with\n");
        b.append("`mvn -pl rules -am test -Dtest=FactReferenceDocTest -Dpreflight.regenerateDocs=true -Dsurefire.failIfNoSpecifiedTests=false`.\n\n");
        b.append("Imports: observed facts are `io.preflight.facts.*`, knowledge rows `io.preflight.rules.knowledge.*`,\n");
        b.append("context `io.preflight.rules.model.*`. Every observed fact has a `subject` (a node's host, an app id,\n");
        b.append("`marathon`, `mesos`, ...) and a `source` (where it was read). A fact that could not be collected is a\n");
        b.append("`CollectionProblem`; a rule whose input is absent reports `COLLECT-UNVERIFIED` for the subject.\n\n");
        section(b, "Observed facts (from the cluster)", c -> FactTypes.observed(c) && !c.getPackageName()
                .startsWith("io.preflight.rules"));
        section(b, "Knowledge (release data shipped with preflight)",
                c -> c.getPackageName().equals("io.preflight.rules.knowledge"));
        section(b, "Context (the upgrade question and the thresholds)",
                c -> c.getPackageName().equals("io.preflight.rules.model"));
        return b.toString();
    }

    private static void section(StringBuilder b, String title, java.util.function.Predicate<Class<?>> which) {
        b.append("## ").append(title).append("\n");
        for (Map.Entry<String, Class<?>> e : FactTypes.all().entrySet()) {
            Class<?> c = e.getValue();
            if (!which.test(c)) continue;
            b.append("\n### ").append(e.getKey()).append("\n\n");
            if (c.isRecord()) {
                for (RecordComponent rc : c.getRecordComponents()) {
                    b.append("- `").append(rc.getName()).append("`: ").append(type(rc.getGenericType()))
                            .append(values(rc.getType())).append("\n");
                }
            }
            List<Method> helpers = new ArrayList<>();
            Set<String> components = c.isRecord() ? Set.copyOf(Arrays.stream(c.getRecordComponents())
                    .map(RecordComponent::getName).toList()) : Set.of();
            for (Method m : c.getDeclaredMethods()) {
                int mod = m.getModifiers();
                if (!Modifier.isPublic(mod) || Modifier.isStatic(mod) || m.isSynthetic()) continue;
                if (components.contains(m.getName()) || OBJECT_METHODS.contains(m.getName())) continue;
                helpers.add(m);
            }
            helpers.sort(Comparator.comparing(Method::getName).thenComparing(m -> m.getParameterCount()));
            for (Method m : helpers) {
                b.append("- `").append(m.getName()).append("(")
                        .append(String.join(", ", Arrays.stream(m.getGenericParameterTypes()).map(FactReference::type)
                                .toList()))
                        .append(")`: ").append(type(m.getGenericReturnType())).append(" (method)\n");
            }
        }
        b.append("\n");
    }

    private static String values(Class<?> c) {
        if (!c.isEnum()) return "";
        return " (" + String.join(", ", Arrays.stream(c.getEnumConstants()).map(Object::toString).toList()) + ")";
    }

    private static String type(Type t) {
        if (t instanceof Class<?> c) return c.getSimpleName();
        if (t instanceof ParameterizedType p) {
            return type(p.getRawType()) + "<" + String.join(", ", Arrays.stream(p.getActualTypeArguments())
                    .map(FactReference::type).toList()) + ">";
        }
        return t.getTypeName();
    }
}
