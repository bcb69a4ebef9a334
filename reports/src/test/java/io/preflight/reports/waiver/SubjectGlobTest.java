package io.preflight.reports.waiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Subject globs: {@code *} any run (empty included), {@code ?} one character, everything else literal. */
class SubjectGlobTest {
    @ParameterizedTest(name = "''{0}'' vs ''{1}'' -> {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            10.0.2.242            | 10.0.2.242                  | true
            10.0.2.242            | 10.0.2.2420                 | false
            10.0.2.242            | 10.0.2.24                   | false
            10.0.2.*              | 10.0.2.242                  | true
            10.0.2.*              | 10.0.2.                     | true
            10.0.2.*              | 10.0.3.6                    | false
            10.0.2.*              | 10x0x2x5                    | false
            10.0.?.242            | 10.0.2.242                  | true
            10.0.?.242            | 10.0.22.242                 | false
            10.0.?.242            | 10.0..242                   | false
            *                     | 1.10.2 -> 1.12.0            | true
            *.yaml:security       | config.yaml:security        | true
            *.yaml:security       | config.yaml:master_list     | false
            /prod/*               | /prod/payments/api          | true
            /prod/*               | /staging/prod/api           | false
            MESOS_*_TIMEOUT       | MESOS_DOCKER_STOP_TIMEOUT   | true
            MESOS_*_TIMEOUT       | MESOS_DOCKER_STOP_TIMEOUTS  | false
            a+b(c)                | a+b(c)                      | true
            a+b(c)                | aab(c)                      | false
            2.0.6 -> 2.2.?        | 2.0.6 -> 2.2.1              | true
            """)
    void matchesTheWholeSubject(String glob, String subject, boolean expected) {
        assertEquals(expected, SubjectGlob.parse(glob).matches(subject));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            10.0.[12].5   | subject '10.0.[12].5': '[' is not supported in a subject glob (only * and ? are wildcards)
            host]         | subject 'host]': ']' is not supported in a subject glob (only * and ? are wildcards)
            {a,b}         | subject '{a,b}': '{' is not supported in a subject glob (only * and ? are wildcards)
            a\\*          | subject 'a\\*': '\\' is not supported in a subject glob (only * and ? are wildcards)
            """)
    void refusesShellSyntaxItDoesNotSupport(String glob, String message) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> SubjectGlob.parse(glob)).getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '~', textBlock = """
            10.0.2.242 | true
            10.0.2.*   | false
            agent-?    | false
            """)
    void knowsWhetherItIsExact(String glob, boolean exact) {
        assertEquals(exact, SubjectGlob.parse(glob).exact());
        assertEquals(glob, SubjectGlob.parse(glob).text());
        assertEquals(SubjectGlob.parse(glob), SubjectGlob.parse(glob));
    }
}
