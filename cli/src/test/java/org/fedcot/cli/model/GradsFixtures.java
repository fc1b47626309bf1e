package org.fedcot.cli.model;

import java.nio.file.Files;
import java.nio.file.Path;

/** The PyTorch gradient fixtures that models/src/test/python/make_grads_fixtures.py writes. */
final class GradsFixtures {
    private GradsFixtures() {}

    /** The directory of one fixture case (config.json, model.safetensors, batch.json, expected grads). */
    static Path path(String name) {
        // surefire runs each module's tests in the module's directory; the fixtures live in the models module
        Path base = Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
        Path dir = base.resolveSibling("models")
                .resolve("src/test/resources/grads")
                .resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("gradient fixture " + dir + " is missing");
        }
        return dir;
    }
}
