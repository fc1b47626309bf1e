package org.fedcot.models.transformer;

import java.util.List;
import java.util.OptionalInt;

/**
 * Builds a {@link TransformerConfig}, starting from Hugging Face's defaults for the model type (the
 * values its config classes use when config.json leaves a field out). The sizes (vocabulary, hidden,
 * intermediate, layers, heads) have no default and must be set; num_key_value_heads defaults to the
 * number of heads and head_dim to hidden / heads. Each setter sets the {@link TransformerConfig}
 * component of the same name and returns this builder.
 */
public final class TransformerConfigBuilder {
    private final ModelType modelType;
    private int vocabSize;
    private int hiddenSize;
    private int intermediateSize;
    private int numLayers;
    private int numHeads;
    private int numKvHeads;
    private int headDim;
    private double normEps;
    private double ropeTheta = 10000;
    private double rotaryPct;
    private boolean parallelResidual;
    private boolean tieWordEmbeddings;
    private boolean attentionBias;
    private boolean mlpBias;
    private HiddenAct hiddenAct;
    private int maxPositionEmbeddings;
    private double initializerRange = 0.02;
    private OptionalInt bosTokenId;
    private List<Integer> eosTokenIds;

    TransformerConfigBuilder(ModelType modelType) {
        this.modelType = modelType;
        modelType.architecture().defaults(this);
    }

    TransformerConfigBuilder(TransformerConfig c) {
        modelType = c.modelType();
        vocabSize = c.vocabSize();
        hiddenSize = c.hiddenSize();
        intermediateSize = c.intermediateSize();
        numLayers = c.numLayers();
        numHeads = c.numHeads();
        numKvHeads = c.numKvHeads();
        headDim = c.headDim();
        normEps = c.normEps();
        ropeTheta = c.ropeTheta();
        rotaryPct = c.rotaryPct();
        parallelResidual = c.parallelResidual();
        tieWordEmbeddings = c.tieWordEmbeddings();
        attentionBias = c.attentionBias();
        mlpBias = c.mlpBias();
        hiddenAct = c.hiddenAct();
        maxPositionEmbeddings = c.maxPositionEmbeddings();
        initializerRange = c.initializerRange();
        bosTokenId = c.bosTokenId();
        eosTokenIds = c.eosTokenIds();
    }

    public TransformerConfigBuilder vocabSize(int v) {
        vocabSize = v;
        return this;
    }

    public TransformerConfigBuilder hiddenSize(int v) {
        hiddenSize = v;
        return this;
    }

    public TransformerConfigBuilder intermediateSize(int v) {
        intermediateSize = v;
        return this;
    }

    public TransformerConfigBuilder numLayers(int v) {
        numLayers = v;
        return this;
    }

    public TransformerConfigBuilder numHeads(int v) {
        numHeads = v;
        return this;
    }

    /** Grouped-query attention; 0 (the default) means one kv head per query head. */
    public TransformerConfigBuilder numKvHeads(int v) {
        numKvHeads = v;
        return this;
    }

    /** 0 (the default) means hiddenSize / numHeads. */
    public TransformerConfigBuilder headDim(int v) {
        headDim = v;
        return this;
    }

    public TransformerConfigBuilder normEps(double v) {
        normEps = v;
        return this;
    }

    public TransformerConfigBuilder ropeTheta(double v) {
        ropeTheta = v;
        return this;
    }

    public TransformerConfigBuilder rotaryPct(double v) {
        rotaryPct = v;
        return this;
    }

    public TransformerConfigBuilder parallelResidual(boolean v) {
        parallelResidual = v;
        return this;
    }

    public TransformerConfigBuilder tieWordEmbeddings(boolean v) {
        tieWordEmbeddings = v;
        return this;
    }

    public TransformerConfigBuilder attentionBias(boolean v) {
        attentionBias = v;
        return this;
    }

    public TransformerConfigBuilder mlpBias(boolean v) {
        mlpBias = v;
        return this;
    }

    public TransformerConfigBuilder hiddenAct(HiddenAct v) {
        hiddenAct = v;
        return this;
    }

    public TransformerConfigBuilder maxPositionEmbeddings(int v) {
        maxPositionEmbeddings = v;
        return this;
    }

    public TransformerConfigBuilder initializerRange(double v) {
        initializerRange = v;
        return this;
    }

    public TransformerConfigBuilder bosTokenId(OptionalInt v) {
        bosTokenId = v;
        return this;
    }

    public TransformerConfigBuilder eosTokenIds(List<Integer> v) {
        eosTokenIds = v;
        return this;
    }

    /**
     * The config.
     *
     * @throws IllegalArgumentException if a size is unset or the values are inconsistent
     */
    public TransformerConfig build() {
        int kv = numKvHeads == 0 ? numHeads : numKvHeads;
        int hd = headDim == 0 && numHeads > 0 ? hiddenSize / numHeads : headDim;
        return new TransformerConfig(
                        modelType,
                        vocabSize,
                        hiddenSize,
                        intermediateSize,
                        numLayers,
                        numHeads,
                        kv,
                        hd,
                        normEps,
                        ropeTheta,
                        rotaryPct,
                        parallelResidual,
                        tieWordEmbeddings,
                        attentionBias,
                        mlpBias,
                        hiddenAct,
                        maxPositionEmbeddings,
                        initializerRange,
                        bosTokenId,
                        eosTokenIds)
                .checked();
    }
}
