package org.fedcot.privacy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.SplittableRandom;

/**
 * What happens to a number in the text ({@link Segment.Kind#NUMBER}). Numbers have no useful
 * embedding, so the mechanisms do not see them; this decides instead.
 */
public enum NumberPolicy {
    /** Numbers pass through unchanged (they are public or harmless, or the caller masks them). */
    KEEP,
    /**
     * CusText's rule: round(x) (half to even, as Python's round) plus a uniform random integer in
     * 0..999; ',' is read as a thousands separator, and a number that is still not a decimal
     * ("1.2.3") is kept, as CusText keeps what float() rejects. The output still depends on x: this
     * hides the exact value, with no DP guarantee.
     */
    CUSTEXT,
    /** InferDPT's rule: a uniform random integer in 1..1000, independent of x (nothing of x is released). */
    INFERDPT;

    /** The replacement of {@code number} (digits, possibly with '.' or ',' between groups). */
    public String replace(String number, SplittableRandom rng) {
        return switch (this) {
            case KEEP -> number;
            case CUSTEXT -> custext(number, rng);
            case INFERDPT -> Integer.toString(1 + rng.nextInt(1000));
        };
    }

    /**
     * {@code text} with every number segment replaced, in order, and how many were replaced
     * (0 and the text itself under {@link #KEEP}).
     */
    public Replaced replaceAll(String text, SplittableRandom rng) {
        if (this == KEEP) {
            return new Replaced(text, 0);
        }
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        int replaced = 0;
        for (Segment s : WordSegmenter.segments(text)) {
            if (s.kind() == Segment.Kind.NUMBER) {
                out.append(text, at, s.start()).append(replace(s.text(text), rng));
                at = s.end();
                replaced++;
            }
        }
        return new Replaced(out.append(text, at, text.length()).toString(), replaced);
    }

    /**
     * A text after {@link #replaceAll}.
     *
     * @param text     the text
     * @param replaced how many numbers were replaced
     */
    public record Replaced(String text, int replaced) {}

    private static String custext(String number, SplittableRandom rng) {
        String plain = number.replace(",", "");
        if (plain.indexOf('.') != plain.lastIndexOf('.')) {
            return number;
        }
        BigInteger rounded =
                new BigDecimal(plain).setScale(0, RoundingMode.HALF_EVEN).toBigInteger();
        return rounded.add(BigInteger.valueOf(rng.nextInt(1000))).toString();
    }
}
