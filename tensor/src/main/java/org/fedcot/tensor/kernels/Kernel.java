package org.fedcot.tensor.kernels;

/**
 * Every portable kernel, named once: its family (the {@code *Kernels} class holding the Java
 * source) and its method name. A backend must run each of them; the backend coverage test walks
 * this list over every backend, so a missing twin fails a test instead of a run, and the subset
 * test reads each family's bytecode. A new kernel is a static method in its family and a line here.
 */
public enum Kernel {
    GELU_TANH_FORWARD(ActivationKernels.class, "geluTanhForward"),
    GELU_TANH_BACKWARD(ActivationKernels.class, "geluTanhBackward"),
    GELU_ERF_FORWARD(ActivationKernels.class, "geluErfForward"),
    GELU_ERF_BACKWARD(ActivationKernels.class, "geluErfBackward"),
    SILU_FORWARD(ActivationKernels.class, "siluForward"),
    SILU_BACKWARD(ActivationKernels.class, "siluBackward"),
    SWIGLU_FORWARD(ActivationKernels.class, "swigluForward"),
    SWIGLU_BACKWARD(ActivationKernels.class, "swigluBackward"),
    ATTENTION_FORWARD(AttentionKernels.class, "attentionForward"),
    ATTENTION_BACKWARD_QUERY(AttentionKernels.class, "attentionBackwardQuery"),
    ATTENTION_BACKWARD_KEY_VALUE(AttentionKernels.class, "attentionBackwardKeyValue"),
    CACHED_ATTENTION(CachedAttentionKernels.class, "attend"),
    CROSS_ENTROPY_FORWARD(CrossEntropyKernels.class, "crossEntropyForward"),
    CROSS_ENTROPY_BACKWARD(CrossEntropyKernels.class, "crossEntropyBackward"),
    ADD(ElementwiseKernels.class, "add"),
    MUL(ElementwiseKernels.class, "mul"),
    SCALE(ElementwiseKernels.class, "scale"),
    ACCUMULATE_SCALED(ElementwiseKernels.class, "accumulateScaled"),
    ACCUMULATE_PRODUCT(ElementwiseKernels.class, "accumulateProduct"),
    ADD_CONSTANT(ElementwiseKernels.class, "addConstant"),
    EMBEDDING_FORWARD(EmbeddingKernels.class, "embeddingForward"),
    EMBEDDING_BACKWARD(EmbeddingKernels.class, "embeddingBackward"),
    GEMM(MatmulKernels.class, "gemm"),
    ADD_BIAS(MatmulKernels.class, "addBias"),
    BIAS_BACKWARD(MatmulKernels.class, "biasBackward"),
    LAYER_NORM_FORWARD(NormKernels.class, "layerNormForward"),
    LAYER_NORM_BACKWARD_INPUT(NormKernels.class, "layerNormBackwardInput"),
    LAYER_NORM_BACKWARD_PARAMS(NormKernels.class, "layerNormBackwardParams"),
    RMS_NORM_FORWARD(NormKernels.class, "rmsNormForward"),
    RMS_NORM_BACKWARD_INPUT(NormKernels.class, "rmsNormBackwardInput"),
    RMS_NORM_BACKWARD_WEIGHT(NormKernels.class, "rmsNormBackwardWeight"),
    ADAMW(OptimizerKernels.class, "adamw"),
    SUM_SQUARES_PARTIAL(OptimizerKernels.class, "sumSquaresPartial"),
    SCALE_IN_PLACE(OptimizerKernels.class, "scale"),
    ROPE_TABLE(RotaryKernels.class, "ropeTable"),
    ROPE_FORWARD(RotaryKernels.class, "ropeForward"),
    ROPE_BACKWARD(RotaryKernels.class, "ropeBackward"),
    SLICE_FORWARD(SliceKernels.class, "sliceForward"),
    SLICE_BACKWARD(SliceKernels.class, "sliceBackward");

    private final Class<?> family;
    private final String method;

    Kernel(Class<?> family, String method) {
        this.family = family;
        this.method = method;
    }

    /** The class holding the Java source; a device backend's twin of it is named after it ({@code NormKernels.cl}). */
    public Class<?> family() {
        return family;
    }

    /** The static method's name, and its device twin's; its parameters end with {@code int lo, int hi}. */
    public String method() {
        return method;
    }
}
