package org.fedcot.tensor.cpu;

/**
 * A linear layer's weight [N, K] (PyTorch layout) copied into the layout decoding reads fastest:
 * panels of {@link #PANEL} outputs, each panel K rows of {@code PANEL} consecutive floats, so one
 * vector load brings the weights of {@code PANEL / L} outputs at one input index. With it a decode
 * step multiplies without summing a vector's lanes per output (what {@link Gemv} pays) and reads the
 * weight in one sequential stream. The last panel is padded with zeros.
 *
 * <p>It is a copy: it holds the weight as it was when packed.
 */
public final class PackedWeight {
    /** Outputs per panel: two vectors, the width {@link PanelGemm}'s kernels hold in registers. */
    public static final int PANEL = 2 * Lanes.SPECIES.length();

    private final int n;
    private final int k;
    private final float[] panels;

    private PackedWeight(int n, int k, float[] panels) {
        this.n = n;
        this.k = k;
        this.panels = panels;
    }

    /** Packs the weight {@code w[off + o * K + i]}, o in [0, N), i in [0, K). */
    public static PackedWeight pack(float[] w, int off, int N, int K) {
        if (N <= 0 || K <= 0) {
            throw new IllegalArgumentException("packed weight: shape [" + N + ", " + K + "] must be positive");
        }
        int count = (N + PANEL - 1) / PANEL;
        float[] panels = new float[count * K * PANEL];
        Parallel.forRange(count, (long) K * PANEL, (lo, hi) -> {
            for (int p = lo; p < hi; p++) {
                int outputs = Math.min(PANEL, N - p * PANEL);
                int src = off + p * PANEL * K;
                int dst = p * K * PANEL;
                // written in order, read from the panel's rows side by side: the other way round, every write
                // lands on another cache line and packing ran at a tenth of this speed
                for (int i = 0; i < K; i++) {
                    for (int j = 0; j < outputs; j++) {
                        panels[dst + i * PANEL + j] = w[src + j * K + i];
                    }
                }
            }
        });
        return new PackedWeight(N, K, panels);
    }

    /** Outputs (rows of the original weight). */
    public int outputs() {
        return n;
    }

    /** Inputs (columns of the original weight). */
    public int inputs() {
        return k;
    }

    /** Number of panels. */
    int panelCount() {
        return (n + PANEL - 1) / PANEL;
    }

    float[] panels() {
        return panels;
    }
}
