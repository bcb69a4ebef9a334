package io.preflight.rules;

/**
 * A rule threw while the facts were judged (a null field dereferenced in an action, a function that fails on a
 * value): the check cannot be trusted, so it stops. The message is one line naming the rule, its file and the cause.
 */
public class RuleEvaluationException extends RuntimeException {
    public RuleEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
