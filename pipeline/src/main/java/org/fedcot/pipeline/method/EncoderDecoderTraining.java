package org.fedcot.pipeline.method;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fedcot.eval.data.QaExample;
import org.fedcot.models.train.Example;
import org.fedcot.models.train.ExampleGroup;
import org.fedcot.models.train.TaskWeights;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.pipeline.config.RunConfig;
import org.fedcot.pipeline.prompt.EncoderDecoderPrompts;
import org.fedcot.pipeline.prompt.QuestionText;
import org.fedcot.pipeline.run.Exposure;
import org.fedcot.pipeline.run.RunDir;
import org.fedcot.pipeline.slm.ExampleEncoder;
import org.fedcot.pipeline.stage.PerturbStage;
import org.fedcot.pipeline.stage.TrainingStage;

/**
 * Step 1 of Algorithm 1 (FedCoT-A), on public data, in two phases so that the decoder learns from what it
 * will be given at inference:
 * <ol>
 * <li>the encoder: an SLM trained to write what the exponential mechanism writes at the encoder eps
 *     (privacy.encoderEpsilon, by default the eps FedCoT-E runs at);</li>
 * <li>the encoder rewrites the public prompts, the LLM answers them and the raw ones (public prompts may be
 *     sent raw), and g_phi is trained with L1 = alpha * L_encoder + (1 - alpha) * L_decoder, the decoder
 *     turning the LLM's rationale for the ENCODER's prompt into its rationale for the raw one.</li>
 * </ol>
 * The private prompts are then rewritten by the encoder of phase 1 and the rationales decoded by g_phi, so the
 * decoder sees at inference the kind of prompt it was trained on.
 */
public final class EncoderDecoderTraining {
    /** Phase 1's model directory name under models/. */
    static final String ENCODER = "fedcot-a-encoder";
    /** Phase 2's model directory name under models/. */
    static final String NAME = "fedcot-a-encoder-decoder";

    private EncoderDecoderTraining() {}

    /**
     * FedCoT-A's two trained SLMs.
     *
     * @param encoder rewrites prompts (phase 1)
     * @param decoder g_phi, whose decoder task recovers rationales (phase 2)
     */
    public record Models(DecoderModel encoder, DecoderModel decoder) {}

    /** The encoder and g_phi, trained (or loaded when an earlier run finished them). */
    public static Models run(RunContext run, RationaleSource rationales) throws IOException {
        RunConfig c = run.config();
        List<QaExample> pub = run.data().publicPart();
        if (pub.isEmpty())
            throw new IllegalStateException("FedCoT-A needs public examples: task.publicFraction is too small");
        double eps = c.privacy().encoderEpsilon();
        Map<String, String> raw = RunContext.questionTexts(pub);
        Map<String, String> perturbed = PerturbStage.run(
                run.dir(),
                "public-perturbed-eps" + RunDir.eps(eps),
                run.perturber(),
                eps,
                c.seed(),
                raw,
                run.listener());
        ExampleEncoder encoder =
                new ExampleEncoder(run.slm().tokenizer(), c.train().maxLength());
        List<ExampleGroup> encoderExamples = new ArrayList<>();
        for (QaExample e : pub) {
            encoderExamples.add(ExampleGroup.of(encoderExample(encoder, e, raw, perturbed)));
        }
        DecoderModel encoderModel = TrainingStage.run(
                run.dir().model(ENCODER),
                ENCODER,
                run.slm(),
                c.train(),
                c.train().encoderSteps(),
                TaskWeights.of(Map.of(EncoderDecoderPrompts.ENCODER, 1.0)),
                c.seed(),
                encoderExamples,
                run.listener());

        Map<String, String> encoded = rationales.encode("public-encoded", encoderModel, pub);
        Map<String, String> encodedRationales = rationales.ask("public-rationales-encoded", encoded, Exposure.PUBLIC);
        Map<String, String> rawRationales = rationales.ask("public-rationales-raw", raw, Exposure.PUBLIC);
        List<ExampleGroup> examples = new ArrayList<>();
        for (QaExample e : pub) {
            String id = e.id();
            examples.add(ExampleGroup.of(
                    encoderExample(encoder, e, raw, perturbed),
                    encoder.encode(
                            id + ":decoder",
                            EncoderDecoderPrompts.decoder(encoded.get(id), encodedRationales.get(id), raw.get(id)),
                            rawRationales.get(id) + QuestionText.END,
                            EncoderDecoderPrompts.DECODER)));
        }
        TaskWeights weights = TaskWeights.of(Map.of(
                EncoderDecoderPrompts.ENCODER,
                c.train().alpha(),
                EncoderDecoderPrompts.DECODER,
                1 - c.train().alpha()));
        DecoderModel decoderModel = TrainingStage.run(
                run.dir().model(NAME),
                NAME,
                run.slm(),
                c.train(),
                c.train().encoderSteps(),
                weights,
                c.seed(),
                examples,
                run.listener());
        return new Models(encoderModel, decoderModel);
    }

    /** The encoder's example of {@code e}: its raw question text to the mechanism's rewrite of it. */
    private static Example encoderExample(
            ExampleEncoder encoder, QaExample e, Map<String, String> raw, Map<String, String> perturbed) {
        return encoder.encode(
                e.id() + ":encoder",
                EncoderDecoderPrompts.encoder(raw.get(e.id())),
                perturbed.get(e.id()).strip() + QuestionText.END,
                EncoderDecoderPrompts.ENCODER);
    }
}
