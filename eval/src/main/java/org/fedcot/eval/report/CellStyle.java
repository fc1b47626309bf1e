package org.fedcot.eval.report;

import java.util.Locale;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.eval.score.Interval;

/** How a table cell shows an accuracy and its 95% Wilson interval, in percent. */
public enum CellStyle {
    /** {@code 62.50 ± 2.71}: the accuracy and half the interval's width (the interval is not centred on it). */
    PLUS_MINUS,
    /** {@code 62.50 (59.73-65.18)}: the accuracy and the interval's bounds. */
    RANGE;

    /** The cell text of {@code accuracy}. */
    public String format(Accuracy accuracy) {
        Interval ci = accuracy.interval();
        return switch (this) {
            case PLUS_MINUS -> String.format(Locale.ROOT, "%.2f ± %.2f", 100 * accuracy.value(), 100 * ci.halfWidth());
            case RANGE ->
                String.format(
                        Locale.ROOT, "%.2f (%.2f-%.2f)", 100 * accuracy.value(), 100 * ci.lower(), 100 * ci.upper());
        };
    }
}
