package org.fedcot.pipeline.prompt;

/**
 * FedCoT-A's two tasks for the encoder-decoder SLM. The encoder prompt is the same in training and at
 * inference (the reference's differ); targets end with {@link QuestionText#END}.
 */
public final class EncoderDecoderPrompts {
    /** The task name of the encoder examples. */
    public static final String ENCODER = "encoder";
    /** The task name of the decoder examples. */
    public static final String DECODER = "decoder";

    private EncoderDecoderPrompts() {}

    /** The encoder's input: rewrite the raw question with other words that keep its meaning. */
    public static String encoder(String rawText) {
        return "Disrupt the words of the text below while keeping its meaning.\nText:" + rawText + "Disrupted:";
    }

    /** The decoder's input: recover the rationale for the raw question from the perturbed exchange. */
    public static String decoder(String perturbedText, String perturbedRationale, String rawText) {
        return "Perturbed question:" + perturbedText + "Perturbed rationale:" + perturbedRationale.strip()
                + "\nQuestion:" + rawText + "Recover Rationale:";
    }
}
