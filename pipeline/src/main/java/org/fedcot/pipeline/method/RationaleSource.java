package org.fedcot.pipeline.method;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.fedcot.eval.data.QaExample;
import org.fedcot.models.transformer.DecoderModel;
import org.fedcot.pipeline.prompt.EncoderDecoderPrompts;
import org.fedcot.pipeline.prompt.RationalePrompts;
import org.fedcot.pipeline.run.Exposure;
import org.fedcot.pipeline.run.RunDir;
import org.fedcot.pipeline.slm.SlmGenerator;
import org.fedcot.pipeline.stage.LlmStage;
import org.fedcot.pipeline.stage.PerturbStage;
import org.fedcot.pipeline.stage.TextStage;

/**
 * Steps 2 to 4 of Algorithm 1 for each method: encode the private prompts, ask the LLM, decode. Every step
 * is a stage over all private examples (data fractions take their share afterwards), so variants that differ
 * only in decoding or fraction share the LLM's answers.
 */
public final class RationaleSource {
    private final RunContext run;

    /** Rationales of the private examples of {@code run}. */
    public RationaleSource(RunContext run) {
        this.run = run;
    }

    /** Non-Private: the raw prompts sent, the answers used as they come. */
    public Rationales raw() throws IOException {
        Map<String, String> raw = RunContext.questionTexts(run.data().privatePart());
        Map<String, String> rationales = ask("rationales-raw", raw, Exposure.RAW_PRIVATE);
        return new Rationales(raw, rationales, rationales);
    }

    /** FedCoT-E: exponential mechanism at {@code eps}; in-context decoding with the pretrained SLM when {@code decode}. */
    public Rationales exponential(double eps, boolean decode) throws IOException {
        List<QaExample> examples = run.data().privatePart();
        Map<String, String> raw = RunContext.questionTexts(examples);
        String tag = "-eps" + RunDir.eps(eps);
        Map<String, String> perturbed = PerturbStage.run(
                run.dir(), "perturbed" + tag, run.perturber(), eps, run.config().seed(), raw, run.listener());
        Map<String, String> received = ask("rationales" + tag, perturbed, Exposure.PERTURBED);
        if (!decode) {
            return new Rationales(perturbed, received, received);
        }
        SlmGenerator slm = slm(run.slm().pretrained(), run.config().generation().rationaleTokens());
        Map<String, String> decoded = generate(
                "decoded" + tag,
                slm,
                RunContext.byId(
                        examples,
                        e -> RationalePrompts.icl(perturbed.get(e.id()), received.get(e.id()), raw.get(e.id()))));
        return new Rationales(perturbed, received, decoded);
    }

    /** FedCoT-A: the trained encoder writes the prompts, the trained decoder recovers the rationales when {@code decode}. */
    public Rationales trained(EncoderDecoderTraining.Models models, boolean decode) throws IOException {
        List<QaExample> examples = run.data().privatePart();
        Map<String, String> raw = RunContext.questionTexts(examples);
        Map<String, String> sent = encode("fedcot-a-encoded", models.encoder(), examples);
        Map<String, String> received = ask("fedcot-a-rationales", sent, Exposure.PERTURBED);
        if (!decode) {
            return new Rationales(sent, received, received);
        }
        SlmGenerator decoder = slm(models.decoder(), run.config().generation().rationaleTokens());
        Map<String, String> decoded = generate(
                "fedcot-a-decoded",
                decoder,
                RunContext.byId(
                        examples,
                        e -> EncoderDecoderPrompts.decoder(sent.get(e.id()), received.get(e.id()), raw.get(e.id()))));
        return new Rationales(sent, received, decoded);
    }

    /**
     * Stage {@code name}: {@code encoder}'s rewrite of each example's question text, as the server is sent it
     * (with the question layout the LLM instruction expects).
     */
    Map<String, String> encode(String name, DecoderModel encoder, List<QaExample> examples) throws IOException {
        Map<String, String> raw = RunContext.questionTexts(examples);
        SlmGenerator slm = slm(encoder, run.config().generation().encodedTokens());
        Map<String, String> encoded =
                generate(name, slm, RunContext.byId(examples, e -> EncoderDecoderPrompts.encoder(raw.get(e.id()))));
        return RunContext.byId(examples, e -> encoded.get(e.id()).strip() + "\n");
    }

    /** The LLM's rationale for each question text, in stage {@code name}. */
    Map<String, String> ask(String name, Map<String, String> questionTexts, Exposure exposure) throws IOException {
        Map<String, String> prompts = new LinkedHashMap<>();
        questionTexts.forEach((id, text) -> prompts.put(id, RationalePrompts.request(text)));
        return LlmStage.run(run.dir(), name, prompts, run.llm(), exposure, run.listener());
    }

    /** Greedy generations of {@code model}, up to {@code maxNewTokens}, a batch of the config's size at a time. */
    private SlmGenerator slm(DecoderModel model, int maxNewTokens) {
        return new SlmGenerator(
                model,
                run.slm().tokenizer(),
                maxNewTokens,
                run.config().generation().batch());
    }

    /** Stage {@code name}: the SLM's continuation of each prompt, generated and stored a batch at a time. */
    private Map<String, String> generate(String name, SlmGenerator slm, Map<String, String> prompts)
            throws IOException {
        return TextStage.run(
                run.dir(),
                name,
                prompts,
                run.config().generation().batch(),
                (ids, inputs) -> slm.continuations(inputs),
                run.listener());
    }
}
