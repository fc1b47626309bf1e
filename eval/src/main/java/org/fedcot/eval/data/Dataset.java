package org.fedcot.eval.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The paper's four evaluation datasets, by the names the command line uses. */
public enum Dataset {
    CQA("cqa"),
    OBQA("obqa"),
    ARC_EASY("arc-easy"),
    BOOLQ("boolq");

    private final String cliName;

    Dataset(String cliName) {
        this.cliName = cliName;
    }

    /** The name used on the command line and in reports. */
    public String cliName() {
        return cliName;
    }

    /** The dataset named {@code name} (case-insensitive), or an exception listing the known names. */
    public static Dataset fromName(String name) {
        for (Dataset d : values()) {
            if (d.cliName.equalsIgnoreCase(name) || d.name().equalsIgnoreCase(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dataset '" + name + "' (known: "
                + Arrays.stream(values()).map(Dataset::cliName).collect(Collectors.joining(", ")) + ")");
    }

    @Override
    public String toString() {
        return cliName.toLowerCase(Locale.ROOT);
    }
}
