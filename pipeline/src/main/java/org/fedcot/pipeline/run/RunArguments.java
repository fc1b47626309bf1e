package org.fedcot.pipeline.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The arguments of {@code fedcot run}: the config file and the overrides of its fields. {@code --run-dir}
 * and {@code --llm-url} are overrides of {@code runDir} and {@code llm.url}; {@code --set a.b=v} of any field.
 *
 * @param config    the YAML file
 * @param overrides field path ("train.steps") to YAML value
 */
public record RunArguments(Path config, Map<String, String> overrides) {
    public RunArguments {
        // in the order given: a later --set of an overlapping field wins, the same way at every start
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
    }

    /** The arguments as the command's options give them (null: not given). */
    public static RunArguments of(Path config, Path runDir, String llmUrl, List<String> sets) {
        Map<String, String> o = new LinkedHashMap<>();
        if (sets != null) {
            for (String s : sets) {
                int eq = s.indexOf('=');
                if (eq < 1)
                    throw new IllegalArgumentException("--set " + s + ": expected FIELD=VALUE, e.g. train.steps=10");
                o.put(s.substring(0, eq).strip(), s.substring(eq + 1));
            }
        }
        if (runDir != null) {
            o.put("runDir", runDir.toAbsolutePath().toString());
        }
        if (llmUrl != null) {
            o.put("llm.url", llmUrl);
        }
        return new RunArguments(config, o);
    }

    /** Parses {@code --config F [--run-dir D] [--llm-url U] [--set K=V]...} (the child-process form of the command). */
    public static RunArguments parse(String... args) {
        Path config = null;
        Path runDir = null;
        String url = null;
        List<String> sets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            if (value == null) {
                throw new IllegalArgumentException(args[i] + ": missing value");
            }
            switch (args[i++]) {
                case "--config" -> config = Path.of(value);
                case "--run-dir" -> runDir = Path.of(value);
                case "--llm-url" -> url = value;
                case "--set" -> sets.add(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
            }
        }
        if (config == null) {
            throw new IllegalArgumentException("--config FILE is required");
        }
        return of(config, runDir, url, sets);
    }
}
