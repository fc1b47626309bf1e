package org.fedcot.cli;

import java.util.Locale;

/**
 * Refuses, before anything is allocated, a size that cannot fit in the memory the JVM may use: a flag whose
 * value makes a job need more than {@link Runtime#maxMemory()}, or an array longer than a Java array can be,
 * is one line naming the flag, what it needs and what to do, instead of an {@link OutOfMemoryError} minutes
 * later. The estimates are lower bounds, so a job that is refused could never have run.
 */
public final class MemoryBudget {
    /** The longest Java array (a little under {@link Integer#MAX_VALUE} on common JVMs). */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    private MemoryBudget() {}

    /**
     * Throws when {@code bytes} exceed what the JVM may use.
     *
     * @param flag  the flag and its value, as the user gave it ("--batch 1000000")
     * @param what  what needs the memory ("one training step of 1,000,000 x 12 tokens")
     * @param bytes a lower bound on the bytes that needs
     * @throws IllegalArgumentException naming the flag, the need and the limit
     */
    public static void require(String flag, String what, double bytes) {
        long max = Runtime.getRuntime().maxMemory();
        if (bytes > max) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "%s: %s needs at least %s, but the JVM may "
                            + "use at most %s: lower it, or give the JVM more memory with FEDCOT_JAVA_OPTS=-Xmx<size> (the "
                            + "fedcot launcher passes it to java)",
                    flag,
                    what,
                    size(bytes),
                    size(max)));
        }
    }

    /**
     * Throws when an array of {@code elements} cannot exist at all.
     *
     * @throws IllegalArgumentException naming the flag and the array
     */
    public static void requireArray(String flag, String what, double elements) {
        if (elements > MAX_ARRAY) {
            throw new IllegalArgumentException(String.format(
                    Locale.ROOT,
                    "%s: %s would hold %,.0f values, more than " + "a Java array can (%,d): lower it",
                    flag,
                    what,
                    elements,
                    MAX_ARRAY));
        }
    }

    /** {@code bytes} in the largest binary unit that keeps it at least 1. */
    static String size(double bytes) {
        String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};
        int unit = 0;
        while (bytes >= 1024 && unit < units.length - 1) {
            bytes /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, unit == 0 ? "%.0f %s" : "%.1f %s", bytes, units[unit]);
    }
}
