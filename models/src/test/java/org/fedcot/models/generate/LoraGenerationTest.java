package org.fedcot.models.generate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.models.transformer.LoraAdapters;
import org.fedcot.models.transformer.LoraSpec;
import org.fedcot.models.transformer.ModelType;
import org.fedcot.models.transformer.TestModels;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Generating with an attached adapter gives what the merged model gives, and not what the base gives. */
class LoraGenerationTest {
    private static final int[] PROMPT = {3, 14, 15, 9, 2, 6};

    private static DecoderModel adapted(ModelType type, boolean merge) {
        DecoderModel m = DecoderModel.random(TestModels.tiny(type, false), 11);
        LoraAdapters lora = LoraAdapters.attach(m, new LoraSpec(4, 8, 0, LoraSpec.defaultTargets(type)), 2);
        SplittableRandom rng = new SplittableRandom(5);
        lora.tensors().forEach((name, t) -> {
            for (int i = 0; name.endsWith(LoraAdapters.B) && i < t.size(); i++) {
                t.set(i, (float) rng.nextGaussian());
            }
        });
        if (merge) {
            lora.merge();
        }
        return m;
    }

    private static int[] greedy(DecoderModel m) {
        return new Generator(m, ContinuationText.of(new CharTokenizer()))
                .generate(PROMPT, GenerationOptions.of(16, Set.of()), Sampler.greedy())
                .ids();
    }

    @ParameterizedTest
    @EnumSource(ModelType.class)
    void generationWithTheAdapterEqualsTheMergedModels(ModelType type) {
        int[] withAdapter = greedy(adapted(type, false));
        assertArrayEquals(greedy(adapted(type, true)), withAdapter);
        int[] base = greedy(DecoderModel.random(TestModels.tiny(type, false), 11));
        assertFalse(Arrays.equals(base, withAdapter), "the adapter changes what is generated");
    }
}
