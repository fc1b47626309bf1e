package org.fedcot.tensor.optim;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.io.SafetensorsFile;

/** Opens the torch fixtures written by {@code src/test/python/make_optim_fixtures.py}, and compares against them. */
final class OptimFixtures {
    private OptimFixtures() {}

    /** Opens {@code fixtures/<name>} from the test class path. */
    static SafetensorsFile open(String name) throws IOException {
        URL url = OptimFixtures.class.getResource("/fixtures/" + name);
        if (url == null) {
            throw new IllegalStateException("missing test resource fixtures/" + name
                    + "; run /usr/bin/python3 tensor/src/test/python/make_optim_fixtures.py");
        }
        try {
            return SafetensorsFile.open(Path.of(url.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Largest absolute element-wise difference; the sizes must match. */
    static double maxAbsDiff(Tensor actual, Tensor expected) {
        if (actual.size() != expected.size()) {
            throw new AssertionError(
                    actual.name() + " has " + actual.size() + " elements, expected " + expected.size());
        }
        double max = 0;
        for (int i = 0; i < actual.size(); i++) {
            max = Math.max(max, Math.abs(actual.get(i) - (double) expected.get(i)));
        }
        return max;
    }
}
