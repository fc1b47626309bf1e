package org.fedcot.pipeline.method;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fedcot.eval.data.QaExample;
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
 * Step 1 of Algorithm 1 (FedCoT-A): the encoder-decoder SLM g_phi trained on public data with
 * L1 = alpha * L_encoder + (1 - alpha) * L_decoder. The encoder learns to write what the exponential
 * mechanism writes at the encoder eps; the decoder learns to turn the LLM's rationale for a perturbed
 * public prompt into the LLM's rationale for the raw one (public prompts may be sent raw).
 */
public final class EncoderDecoderTraining {
    /** The model's directory name under models/. */
    static final String NAME = "fedcot-a-encoder-decoder";

    private EncoderDecoderTraining() {
    }

    /** g_phi, trained (or loaded when an earlier run finished it). */
    public static DecoderModel run(RunContext run, RationaleSource rationales) throws IOException {
        RunConfig c = run.config();
        List<QaExample> pub = run.data().publicPart();
        if (pub.isEmpty()) throw new IllegalStateException("FedCoT-A needs public examples: task.publicFraction is too small");
        double eps = c.privacy().encoderEpsilon();
        Map<String, String> raw = RunContext.questionTexts(pub);
        Map<String, String> perturbed = PerturbStage.run(run.dir(), "public-perturbed-eps" + RunDir.eps(eps),
                run.perturber(), eps, c.seed(), raw, run.listener());
        Map<String, String> perturbedRationales = rationales.ask("public-rationales-eps" + RunDir.eps(eps), perturbed,
                Exposure.PUBLIC);
        Map<String, String> rawRationales = rationales.ask("public-rationales-raw", raw, Exposure.PUBLIC);
        ExampleEncoder encoder = new ExampleEncoder(run.slm().tokenizer(), c.train().maxLength());
        List<ExampleGroup> examples = new ArrayList<>();
        for (QaExample e : pub) {
            String id = e.id();
            examples.add(ExampleGroup.of(encoder.encode(id + ":encoder", EncoderDecoderPrompts.encoder(raw.get(id)),
                    perturbed.get(id).strip() + QuestionText.END, EncoderDecoderPrompts.ENCODER),
                    encoder.encode(id + ":decoder", EncoderDecoderPrompts.decoder(perturbed.get(id),
                    perturbedRationales.get(id), raw.get(id)), rawRationales.get(id) + QuestionText.END,
                    EncoderDecoderPrompts.DECODER)));
        }
        TaskWeights weights = TaskWeights.of(Map.of(EncoderDecoderPrompts.ENCODER, c.train().alpha(),
                EncoderDecoderPrompts.DECODER, 1 - c.train().alpha()));
        return TrainingStage.run(run.dir().model(NAME), NAME, run.slm(), c.train(), c.train().encoderSteps(), weights,
                c.seed(), examples, run.listener());
    }
}
