package io.preflight.reports.history;

import org.flywaydb.core.api.logging.Log;
import org.flywaydb.core.api.logging.LogCreator;

/**
 * Keeps Flyway quiet: its progress lines ("Migrating schema …", "Schema … is up to date") and its version advice
 * would land in a report piped from stdout or in every cron mail. Failures still surface, as the
 * {@link HistoryException} the store throws. With {@code -Dpreflight.debug=true} everything goes to stderr.
 * Public with a no-argument constructor because Flyway instantiates it by class name.
 */
public final class FlywayLog implements LogCreator {
    @Override
    public Log createLogger(Class<?> clazz) {
        return new Log() {
            @Override
            public boolean isDebugEnabled() {
                return FlywayLog.debug();
            }

            @Override
            public void debug(String message) {
                print("debug", message);
            }

            @Override
            public void info(String message) {
                print("info", message);
            }

            @Override
            public void warn(String message) {
                print("warn", message);
            }

            @Override
            public void error(String message) {
                print("error", message);
            }

            @Override
            public void error(String message, Exception e) {
                print("error", message + ": " + e);
            }

            @Override
            public void notice(String message) {
                print("notice", message);
            }
        };
    }

    private static boolean debug() {
        return Boolean.getBoolean("preflight.debug");
    }

    private static void print(String level, String message) {
        if (debug()) System.err.println("preflight: flyway " + level + ": " + StoreLocation.mask(message));
    }
}
