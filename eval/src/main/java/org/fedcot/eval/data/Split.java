package org.fedcot.eval.data;

import java.util.List;

/**
 * A list cut in two disjoint parts that together hold every item once, each part in the list's order:
 * public/private, train/validation.
 *
 * @param first  the part the fraction asked for
 * @param second the rest
 * @param <T>    the item type
 */
public record Split<T>(List<T> first, List<T> second) {

    public Split {
        first = List.copyOf(first);
        second = List.copyOf(second);
    }
}
