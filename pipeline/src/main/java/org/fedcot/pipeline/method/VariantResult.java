package org.fedcot.pipeline.method;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.fedcot.eval.score.Accuracy;
import org.fedcot.models.checkpoint.AtomicFiles;
import org.fedcot.pipeline.Method;
import org.fedcot.pipeline.stage.ChoiceScores;

/**
 * What a finished variant measured; written to results/VARIANT.json when the variant is done, the file
 * marking it done for a rerun.
 *
 * @param variant            the variant
 * @param accuracy           test accuracy of the generated answers (exact match), null when not scored so
 * @param choice             multiple-choice acc and acc_norm, null when not scored so
 * @param rationales         what the rationale filter kept, null for label-only methods
 * @param received           the same counts for the LLM's rationales before decoding (Table 6's gold share; equal
 *                           to {@code rationales} without decoding), null for label-only methods and older results
 * @param promptTokenRatio   mean TokenRatio of the prompts sent against the raw ones, null when sent raw or none
 * @param receivedTokenRatio mean TokenRatio of the LLM's rationales for the sent prompts against its rationales for
 *                           the raw prompts (Non-Private's): Table 6; null without
 * @param usedTokenRatio     mean TokenRatio of the rationales trained on (decoded) against Non-Private's: Table 7;
 *                           null without
 */
public record VariantResult(
        Variant variant,
        Accuracy accuracy,
        ChoiceScores choice,
        RationaleCounts rationales,
        RationaleCounts received,
        Double promptTokenRatio,
        Double receivedTokenRatio,
        Double usedTokenRatio) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Checks that something was scored. */
    public VariantResult {
        if (accuracy == null && choice == null) {
            throw new IllegalArgumentException(variant.id() + ": no score");
        }
    }

    /** A builder of the result of {@code variant}, every measure unset. */
    public static Builder builder(Variant variant) {
        return new Builder(variant);
    }

    /** Rationale examples trained on, 0 for label-only methods. */
    public int rationalesUsed() {
        return rationales == null ? 0 : rationales.kept();
    }

    /** The scores in one line: "exact match 0.5000 (95% CI ...), mc acc ..., acc_norm ...". */
    public String summary() {
        List<String> parts = new ArrayList<>();
        if (accuracy != null) {
            parts.add("exact match " + accuracy.summary());
        }
        if (choice != null) {
            parts.add("mc acc " + choice.acc().summary());
            parts.add("acc_norm " + choice.accNorm().summary());
        }
        return String.join(", ", parts);
    }

    /** Writes this result atomically. */
    public void write(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.writeString(
                file,
                JSON.writerWithDefaultPrettyPrinter()
                                .writeValueAsString(new Json(
                                        variant.method().configName(),
                                        variant.epsilon(),
                                        variant.decoding(),
                                        variant.fraction(),
                                        accuracy == null ? null : accuracy.correct(),
                                        total(),
                                        choice == null ? null : choice.acc().correct(),
                                        choice == null ? null : choice.accNorm().correct(),
                                        rationalesUsed(),
                                        rationales == null ? null : rationales.offered(),
                                        rationales == null ? null : rationales.statingGold(),
                                        received == null ? null : received.offered(),
                                        received == null ? null : received.statingGold(),
                                        promptTokenRatio,
                                        receivedTokenRatio,
                                        usedTokenRatio))
                        + "\n");
    }

    /** The result in {@code file}, written by {@link #write}. */
    public static VariantResult read(Path file) throws IOException {
        Json j = JSON.readValue(file.toFile(), Json.class);
        ChoiceScores choice = j.mcCorrect == null
                ? null
                : new ChoiceScores(new Accuracy(j.mcCorrect, j.total), new Accuracy(j.mcNormCorrect, j.total));
        RationaleCounts rationales = j.rationalesOffered == null
                ? null
                : new RationaleCounts(j.rationalesOffered, j.rationalesStatingGold, j.rationalesUsed);
        // what the filter would have kept of the received rationales is not recorded: it is no measure of them
        RationaleCounts received = j.receivedOffered == null
                ? null
                : new RationaleCounts(j.receivedOffered, j.receivedStatingGold, j.receivedStatingGold);
        return builder(new Variant(Method.fromName(j.method), j.epsilon, j.decoding, j.fraction))
                .accuracy(j.correct == null ? null : new Accuracy(j.correct, j.total))
                .choice(choice)
                .rationales(rationales, received)
                .tokenRatios(j.promptTokenRatio, j.receivedTokenRatio, j.usedTokenRatio)
                .build();
    }

    private int total() {
        return accuracy != null ? accuracy.total() : choice.acc().total();
    }

    /**
     * The file layout; the mc, rationale-count and received-count fields are absent from files written before
     * they existed.
     */
    record Json(
            String method,
            Double epsilon,
            boolean decoding,
            double fraction,
            Integer correct,
            int total,
            Integer mcCorrect,
            Integer mcNormCorrect,
            int rationalesUsed,
            Integer rationalesOffered,
            Integer rationalesStatingGold,
            Integer receivedOffered,
            Integer receivedStatingGold,
            Double promptTokenRatio,
            Double receivedTokenRatio,
            Double usedTokenRatio) {}

    /** Builds a {@link VariantResult}; what is not set stays null (not measured). */
    public static final class Builder {
        private final Variant variant;
        private Accuracy accuracy;
        private ChoiceScores choice;
        private RationaleCounts rationales;
        private RationaleCounts received;
        private Double promptTokenRatio;
        private Double receivedTokenRatio;
        private Double usedTokenRatio;

        private Builder(Variant variant) {
            this.variant = variant;
        }

        /** The generated answers' exact-match accuracy. */
        public Builder accuracy(Accuracy a) {
            accuracy = a;
            return this;
        }

        /** The multiple-choice scores. */
        public Builder choice(ChoiceScores c) {
            choice = c;
            return this;
        }

        /** The filter's counts of the rationales trained on, and of the LLM's before decoding. */
        public Builder rationales(RationaleCounts used, RationaleCounts beforeDecoding) {
            rationales = used;
            received = beforeDecoding;
            return this;
        }

        /** The mean TokenRatios of the sent prompts, the LLM's rationales and the rationales trained on. */
        public Builder tokenRatios(Double prompts, Double receivedRationales, Double usedRationales) {
            promptTokenRatio = prompts;
            receivedTokenRatio = receivedRationales;
            usedTokenRatio = usedRationales;
            return this;
        }

        /**
         * The result.
         *
         * @throws IllegalArgumentException when nothing was scored
         */
        public VariantResult build() {
            return new VariantResult(
                    variant,
                    accuracy,
                    choice,
                    rationales,
                    received,
                    promptTokenRatio,
                    receivedTokenRatio,
                    usedTokenRatio);
        }
    }
}
