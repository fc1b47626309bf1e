package org.fedcot.models.transformer;

import java.util.ArrayList;
import java.util.List;
import org.fedcot.tensor.NoGrad;
import org.fedcot.tensor.Tensor;
import org.fedcot.tensor.Workspace;
import org.fedcot.tensor.ops.Elementwise;
import org.fedcot.tensor.ops.Reduce;

/**
 * Activation checkpointing of a model's decoder layers: the forward runs a layer without recording,
 * keeps only its output, and the output's backward runs the layer again with recording on and
 * back-propagates through that. The layers' own activations live in a scratch workspace that the
 * next layer reuses, so a training step holds one layer's activations at a time instead of all.
 */
final class LayerCheckpoint {
    private final DecoderModel model;
    private Workspace scratch;
    /** The window size the scratch workspace pools arrays for; another size gets a fresh one. */
    private long scratchShape = -1;

    LayerCheckpoint(DecoderModel model) {
        this.model = model;
    }

    /** Layer {@code index} over x, as {@link DecoderModel#layer}, recomputed in backward. */
    Tensor layer(int index, Tensor x, DecoderModel.Pass pass) {
        Workspace ws = scratchFor(pass);
        Tensor out = Tensor.output(x.shape());
        try (Workspace.Scope s = ws.enter();
                NoGrad n = NoGrad.enter()) {
            out.copyFrom(model.layer(index, x.detach(), pass));
        }
        List<Tensor> from = trainable();
        from.add(x);
        out.recordBackward(() -> backward(index, x, out.grad(), pass, ws), from.toArray(Tensor[]::new));
        return out;
    }

    /**
     * Recomputes the layer and pushes {@code dOut} through it: the gradient of
     * {@code sum(layer(x) * dOut)} is dOut at the layer's output (1 * dOut, exactly), so the parameters'
     * and x's gradients are those the recorded layer would give.
     */
    private void backward(int index, Tensor x, Tensor dOut, DecoderModel.Pass pass, Workspace ws) {
        // x's gradient belongs to the outer pass: allocated before the scratch workspace is entered
        Tensor dx = x.requiresGrad() ? x.gradBuffer() : null;
        try (Workspace.Scope s = ws.enter()) {
            Tensor input = x.detach();
            if (dx != null) {
                input.requiresGrad(true);
                input.setGrad(dx);
            }
            Tensor y = model.layer(index, input, pass);
            Reduce.sum(Elementwise.mul(y, dOut.detach())).backward();
        }
    }

    /** The tensors that want gradients: the model's unfrozen parameters and its adapters. */
    private List<Tensor> trainable() {
        List<Tensor> t = new ArrayList<>();
        for (Tensor p : model.namedParameters().values()) {
            if (p.requiresGrad()) {
                t.add(p);
            }
        }
        for (Dense d : model.linearLayers().values()) {
            if (d.lora() != null) {
                t.add(d.lora().a());
                t.add(d.lora().b());
            }
        }
        return t;
    }

    private Workspace scratchFor(DecoderModel.Pass pass) {
        long shape = ((long) pass.batch() << 32) | pass.seqLen();
        if (shape != scratchShape) {
            scratch = new Workspace();
            scratchShape = shape;
        }
        return scratch;
    }
}
