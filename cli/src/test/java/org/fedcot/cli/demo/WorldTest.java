package org.fedcot.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The world's traits: a label about a creature narrows its kind to two and no further, so only the kind answers
 * the creature's other traits.
 */
class WorldTest {
    @Test
    void everyValueOfATraitIsHeldByExactlyTwoKinds() {
        for (World.Trait t : World.Trait.values()) {
            Map<String, Integer> holders = new HashMap<>();
            for (int k = 0; k < World.kinds(); k++) {
                holders.merge(t.value(k), 1, Integer::sum);
            }
            assertEquals(4, holders.size(), t + ": " + holders);
            holders.forEach((value, n) -> assertEquals(2, n, t + " " + value));
            assertEquals(new HashSet<>(t.options()), holders.keySet());
        }
    }

    @Test
    void twoKindsShareAValueOfAtMostOneTraitSoAValueAndTheKindsPairAnswerNothingElse() {
        for (int a = 0; a < World.kinds(); a++) {
            for (int b = a + 1; b < World.kinds(); b++) {
                int shared = 0;
                for (World.Trait t : World.Trait.values()) {
                    if (t.value(a).equals(t.value(b))) {
                        shared++;
                    }
                }
                assertTrue(shared <= 1, World.kindName(a) + " and " + World.kindName(b) + " share " + shared);
            }
        }
    }

    @Test
    void theChoicesAreTheTraitsFourValuesInRandomOrder() {
        SplittableRandom rng = new SplittableRandom(3);
        int[] firsts = new int[4];
        for (int i = 0; i < 400; i++) {
            List<String> choices = World.choices(World.Trait.HUE, rng);
            assertEquals(new HashSet<>(World.Trait.HUE.options()), new HashSet<>(choices));
            firsts[World.Trait.HUE.options().indexOf(choices.get(0))]++;
        }
        for (int n : firsts) {
            assertTrue(n > 60, java.util.Arrays.toString(firsts));
        }
    }
}
