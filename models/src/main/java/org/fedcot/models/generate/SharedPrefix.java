package org.fedcot.models.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The model input that several scoring requests have in common: everything up to and including the
 * position that predicts their first continuation token (the choices of one multiple-choice question
 * share it), fed once for all of them.
 *
 * @param prefix  the tokens fed once
 * @param members indices of the requests that continue it, in request order
 */
record SharedPrefix(int[] prefix, int[] members) {
    /** Wraps an int[] so equal contents are equal keys. */
    private record Key(int[] ids) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(ids, k.ids);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids);
        }
    }

    /** Requests grouped by equal prefixes ({@code prefixes[i]} is request i's), longest prefix first. */
    static List<SharedPrefix> group(int[][] prefixes) {
        Map<Key, List<Integer>> byPrefix = new LinkedHashMap<>();
        for (int i = 0; i < prefixes.length; i++) {
            byPrefix.computeIfAbsent(new Key(prefixes[i]), k -> new ArrayList<>())
                    .add(i);
        }
        List<SharedPrefix> groups = new ArrayList<>(byPrefix.size());
        byPrefix.forEach((key, members) -> groups.add(new SharedPrefix(
                key.ids(), members.stream().mapToInt(Integer::intValue).toArray())));
        groups.sort(
                Comparator.comparingInt((SharedPrefix g) -> g.prefix().length).reversed());
        return groups;
    }
}
