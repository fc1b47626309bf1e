package org.fedcot.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The counter on a real JUnit run of the fixture classes below: skips for a missing reference file count, other
 * skips and passing tests do not. The fixtures are disabled, so that a surefire run that picks them (say with
 * -Dtest=ReferenceSkip*) only reports them skipped; the runs here switch that condition off.
 */
class ReferenceSkipCounterTest {
    private static final String MISSING_FILE = "no-such-folder/missing.bin";
    private static final String FIXTURE = "a fixture that ReferenceSkipCounterTest runs";

    @Test
    void countsTestsSkippedForAMissingReferenceFileAndWritesTheCount(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("reference-skips/fedcot-example.txt");
        ReferenceSkipCounter counter = new ReferenceSkipCounter(file, "build-1");
        run(counter, Mixed.class);
        // needsAMissingFile, and each of the parameterized test's two cases
        assertEquals(3, counter.skipped());
        assertEquals(OptionalInt.of(3), ReferenceSkipTotal.total(file.getParent(), "build-1"));
    }

    @Test
    void aClassStoppedInBeforeAllCountsEachOfItsTests() {
        ReferenceSkipCounter counter = new ReferenceSkipCounter(null, "");
        run(counter, MissingBeforeAll.class);
        assertEquals(2, counter.skipped());
    }

    @Test
    void countsAddUpOverSeveralPlansInOneJvm(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("fedcot-example.txt");
        ReferenceSkipCounter counter = new ReferenceSkipCounter(file, "b");
        run(counter, Mixed.class);
        run(counter, MissingBeforeAll.class);
        assertEquals("b 5", Files.readString(file).strip());
    }

    private static void run(ReferenceSkipCounter counter, Class<?> fixture) {
        // only this counter: the one the platform loads for this JVM must not count the fixtures
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .addTestExecutionListeners(counter)
                .build());
        launcher.execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(fixture))
                .configurationParameter("junit.jupiter.conditions.deactivate", "org.junit.*DisabledCondition")
                .build());
    }

    /** One test per kind of outcome. */
    @Disabled(FIXTURE)
    static class Mixed {
        @Test
        void needsAMissingFile() {
            SharedFiles.path(MISSING_FILE);
        }

        @Test
        void skipsForAnotherReason() {
            assumeTrue(false, "OpenCL tests skipped: no platform");
        }

        @Test
        void passes() {
            assertEquals(2, 1 + 1);
        }

        @ParameterizedTest
        @ValueSource(strings = {"a.bin", "b.bin"})
        void needsOneMissingFilePerCase(String name) {
            SharedFiles.path("no-such-folder/" + name);
        }
    }

    /** A class whose shared setup needs a missing file: none of its tests runs. */
    @Disabled(FIXTURE)
    static class MissingBeforeAll {
        @BeforeAll
        static void load() {
            SharedFiles.path(MISSING_FILE);
        }

        @Test
        void first() {}

        @Test
        void second() {}
    }
}
