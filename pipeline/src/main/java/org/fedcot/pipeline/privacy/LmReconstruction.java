package org.fedcot.pipeline.privacy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.fedcot.llm.client.BatchListener;
import org.fedcot.llm.client.ClientConfig;
import org.fedcot.llm.client.CompletionRequest;
import org.fedcot.llm.client.LlmClient;
import org.fedcot.llm.client.LlmResponse;
import org.fedcot.llm.client.Sampling;
import org.fedcot.pipeline.config.LlmSettings;
import org.fedcot.privacy.PerturbOptions;

/**
 * The language-model attack: the server's own LLM, any OpenAI-compatible URL, is asked to restore each released
 * prompt, and the reconstruction is scored by the private question's eligible words it recovers (counted as
 * {@link KeptWords}: a word recovered twice only if the question has it twice). Answers are cached beside the
 * run's other files, so a second attack asks nothing again.
 */
public final class LmReconstruction {
    /** The instruction in front of each released prompt. */
    static final String INSTRUCTION = "The following question was made private by replacing some of its words with"
            + " other words. Write the original question, words only, on one line.\n\nPrivate: ";

    private LmReconstruction() {}

    /**
     * The share of {@code originals}' eligible words recovered in the LLM's restorations of {@code releases}
     * (parallel lists).
     *
     * @param llm       the server's LLM (its URL, model, key and limits)
     * @param cacheFile the response cache
     */
    public static double recovery(
            List<String> originals, List<String> releases, PerturbOptions options, LlmSettings llm, Path cacheFile)
            throws IOException {
        ClientConfig config = llm.client(cacheFile);
        Sampling sampling = Sampling.DEFAULT
                .withTemperature(0)
                .withMaxTokens(llm.maxTokens())
                .withStop("\n\n");
        List<String> restored;
        try (LlmClient client = LlmClient.open(config)) {
            List<CompletionRequest> requests = releases.stream()
                    .map(r -> new CompletionRequest(INSTRUCTION + r.strip() + "\nOriginal: ", sampling))
                    .toList();
            restored = client.completeAll(requests, BatchListener.NONE).responses().stream()
                    .map(LlmResponse::text)
                    .toList();
        }
        long eligible = 0;
        long recovered = 0;
        for (int i = 0; i < originals.size(); i++) {
            KeptWords k = KeptWords.of(originals.get(i), KeptWords.counts(restored.get(i)), options);
            eligible += k.eligible();
            recovered += k.kept();
        }
        return eligible == 0 ? 0 : (double) recovered / eligible;
    }
}
