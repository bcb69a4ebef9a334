package io.preflight.facts;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One placement constraint of a Marathon app, as written ({@code ["hostname", "UNIQUE"]}).
 *
 * @param index position of the constraint in the app's list
 */
public record AppConstraint(String subject, String source, int index, List<String> fields) implements Fact {
    private static final Set<String> OPERATORS =
            Set.of("UNIQUE", "CLUSTER", "GROUP_BY", "LIKE", "UNLIKE", "MAX_PER", "IS");

    public AppConstraint {
        fields = fields == null ? List.of() : List.copyOf(fields);
    }

    public String attribute() {
        return fields.isEmpty() ? null : fields.get(0);
    }

    public String operator() {
        return fields.size() < 2 ? null : fields.get(1);
    }

    public String value() {
        return fields.size() < 3 ? null : fields.get(2);
    }

    /** The constraint as Marathon prints it: {@code hostname:LIKE:10.0.0.1}. */
    public String text() {
        return String.join(":", fields);
    }

    /**
     * Why Marathon's validator would reject this constraint, or null when it is well-formed. Mirrors Marathon's
     * {@code SchedulingValidation} and the FAQ's {@code check-constraints.py}.
     */
    public String problem() {
        if (fields.size() < 2 || fields.size() > 3) {
            return "a constraint has 2 or 3 fields, this one has " + fields.size();
        }
        if (attribute() == null || attribute().isBlank()) return "empty attribute name";
        String op = operator();
        if (!OPERATORS.contains(op)) return "unknown operator '" + op + "'";
        String v = value();
        switch (op) {
            case "UNIQUE":
                // Marathon's own examples write ["hostname", "UNIQUE", ""]: an empty value is no value
                return v == null || v.isEmpty() ? null : "UNIQUE takes no value, got '" + v + "'";
            case "CLUSTER":
            case "IS":
                return v == null || v.isEmpty() ? op + " needs a value" : null;
            case "LIKE":
            case "UNLIKE":
                if (v == null || v.isEmpty()) return op + " needs a regular expression";
                try {
                    Pattern.compile(v);
                    return null;
                } catch (PatternSyntaxException e) {
                    return op + " value is not a valid regular expression: " + e.getDescription();
                }
            case "MAX_PER":
                if (v == null) return "MAX_PER needs an integer value";
                return isInt(v) ? null : "MAX_PER value '" + v + "' is not an integer";
            case "GROUP_BY":
                return v == null || isInt(v) ? null : "GROUP_BY value '" + v + "' is not an integer";
            default:
                return null;
        }
    }

    private static boolean isInt(String v) {
        try {
            Integer.parseInt(v.trim());
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
