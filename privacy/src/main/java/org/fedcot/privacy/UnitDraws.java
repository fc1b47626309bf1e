package org.fedcot.privacy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * The part of perturbation both levels share: given a text's units (words or tokens) as
 * lower-case keys and table rows, decide which go through the mechanism ({@link PerturbOptions#perturbs}),
 * prepare their distributions in one batch, and draw, in text order.
 */
final class UnitDraws {
    /**
     * The draws for one text.
     *
     * @param outputs              per unit, the drawn row, or -1 where the unit passes through
     * @param perturbed            units drawn
     * @param changed              draws that differ from the input
     * @param sensitiveUnprotected listed sensitive units that have no row
     * @param unknown              per unit, whether it would be perturbed but has no row
     */
    record Drawn(int[] outputs, long perturbed, long changed, long sensitiveUnprotected, boolean[] unknown) {
        /** The counts of a text of {@code units} units after these draws and the number and unknown-word policies. */
        PerturbationCounts counts(int units, long numbersReplaced, long unknownReplaced) {
            long unknownUnits = 0;
            for (boolean u : unknown) {
                unknownUnits += u ? 1 : 0;
            }
            return new PerturbationCounts(
                    units, perturbed, changed, numbersReplaced, sensitiveUnprotected, unknownUnits, unknownReplaced);
        }
    }

    private UnitDraws() {}

    /** Draws every unit that is to be perturbed ({@code rows[i] = -1}: the unit has no embedding). */
    static Drawn draw(
            PerturbationEngine engine, PerturbOptions options, String[] keys, int[] rows, SplittableRandom rng) {
        int[] inputs = selected(options, keys, rows);
        Map<Integer, OutputDistribution> prepared =
                engine.prepare(Arrays.stream(inputs).filter(r -> r >= 0).toArray());
        int[] outputs = new int[inputs.length];
        long perturbed = 0;
        long changed = 0;
        for (int i = 0; i < inputs.length; i++) {
            outputs[i] = inputs[i] < 0 ? -1 : prepared.get(inputs[i]).sample(rng);
            if (inputs[i] >= 0) {
                perturbed++;
                changed += outputs[i] != inputs[i] ? 1 : 0;
            }
        }
        long unprotected = 0;
        boolean[] unknown = new boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            unprotected += rows[i] < 0 && options.sensitive().contains(keys[i]) ? 1 : 0;
            // a token that starts no word has the key "": a piece of a word, not a word of its own
            unknown[i] = rows[i] < 0 && !keys[i].isEmpty() && options.perturbs(keys[i]);
        }
        return new Drawn(outputs, perturbed, changed, unprotected, unknown);
    }

    /** The engine of {@code options}' mechanism over {@code table}, both levels' one construction. */
    static PerturbationEngine engine(EmbeddingTable table, PerturbOptions options) {
        return new PerturbationEngine(
                options.mechanism().create(options.epsilon(), table), table, options.cacheBytes());
    }

    /**
     * The output distribution of every unit that is to be perturbed, its {@code top} most likely
     * outputs shown with {@code names} (row to display text) next to the unit's own {@code texts}.
     */
    static List<Explanation> explain(
            PerturbationEngine engine,
            PerturbOptions options,
            String[] keys,
            int[] rows,
            String[] texts,
            IntFunction<String> names,
            SplittableRandom rng,
            int top) {
        int[] inputs = selected(options, keys, rows);
        Map<Integer, OutputDistribution> prepared =
                engine.prepare(Arrays.stream(inputs).filter(r -> r >= 0).toArray());
        List<Explanation> out = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i] >= 0) {
                Distribution all = prepared.get(inputs[i]).probabilities(rng);
                Distribution best = all.top(top);
                List<Explanation.Choice> choices = new ArrayList<>();
                for (int j = 0; j < best.size(); j++) {
                    choices.add(new Explanation.Choice(names.apply(best.outputs()[j]), best.probabilities()[j]));
                }
                out.add(new Explanation(texts[i], all.size(), choices));
            }
        }
        return out;
    }

    /** Per unit, its row if it goes through the mechanism, else -1. */
    static int[] selected(PerturbOptions options, String[] keys, int[] rows) {
        int[] inputs = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            inputs[i] = rows[i] >= 0 && options.perturbs(keys[i]) ? rows[i] : -1;
        }
        return inputs;
    }
}
