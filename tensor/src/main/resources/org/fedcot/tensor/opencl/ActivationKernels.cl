// OpenCL C twins of org.fedcot.tensor.kernels.ActivationKernels: one work-item per element i in [lo, hi).
#pragma OPENCL EXTENSION cl_khr_fp64 : enable

#define SQRT_2_OVER_PI 0.7978845608028654f
#define GELU_CUBIC 0.044715f
#define INV_SQRT_2 0.7071067811865476
#define INV_SQRT_2PI 0.3989422804014327

float sigmoid(float v) {
    return 1.0f / (1.0f + exp(-v));
}

// erfc for z >= 0 with fractional error below 1.2e-7 (Numerical Recipes' erfcc), the Java kernel's
// own, in double as there; the name avoids OpenCL's built-in erfc
double erfcNr(double z) {
    double t = 1.0 / (1.0 + 0.5 * z);
    double poly = -1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806
            + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
    return t * exp(-z * z + poly);
}

double normalCdf(double v) {
    double e = 0.5 * erfcNr(fabs(v) * INV_SQRT_2);
    return v >= 0 ? 1.0 - e : e;
}

__kernel void geluTanhForward(__global float* out, const int outOff, __global const float* x, const int xOff,
                              const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    float v = x[xOff + i];
    float u = SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v);
    out[outOff + i] = 0.5f * v * (1.0f + tanh(u));
}

__kernel void geluTanhBackward(__global float* dx, const int dxOff, __global const float* x, const int xOff,
                               __global const float* dout, const int doutOff, const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    float v = x[xOff + i];
    float u = SQRT_2_OVER_PI * (v + GELU_CUBIC * v * v * v);
    float t = tanh(u);
    float sech2 = 1.0f - t * t;
    float du = SQRT_2_OVER_PI * (1.0f + 3.0f * GELU_CUBIC * v * v);
    float grad = 0.5f * (1.0f + t) + 0.5f * v * sech2 * du;
    dx[dxOff + i] += grad * dout[doutOff + i];
}

__kernel void geluErfForward(__global float* out, const int outOff, __global const float* x, const int xOff,
                             const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    float v = x[xOff + i];
    out[outOff + i] = (float) (v * normalCdf(v));
}

__kernel void geluErfBackward(__global float* dx, const int dxOff, __global const float* x, const int xOff,
                              __global const float* dout, const int doutOff, const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    double v = x[xOff + i];
    double grad = normalCdf(v) + v * INV_SQRT_2PI * exp(-0.5 * v * v);
    dx[dxOff + i] += (float) (grad * dout[doutOff + i]);
}

__kernel void siluForward(__global float* out, const int outOff, __global const float* x, const int xOff,
                          const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    float v = x[xOff + i];
    out[outOff + i] = v * sigmoid(v);
}

__kernel void siluBackward(__global float* dx, const int dxOff, __global const float* x, const int xOff,
                           __global const float* dout, const int doutOff, const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    float v = x[xOff + i];
    float s = sigmoid(v);
    dx[dxOff + i] += s * (1.0f + v * (1.0f - s)) * dout[doutOff + i];
}

__kernel void swigluForward(__global float* out, const int outOff, __global const float* gate, const int gateOff,
                            __global const float* up, const int upOff, const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    float g = gate[gateOff + i];
    out[outOff + i] = g * sigmoid(g) * up[upOff + i];
}

__kernel void swigluBackward(__global float* dgate, const int dgateOff, __global float* dup, const int dupOff,
                             __global const float* gate, const int gateOff, __global const float* up, const int upOff,
                             __global const float* dout, const int doutOff, const int lo, const int hi) {
    int i = lo + get_global_id(0);
    if (i >= hi) return;
    float g = gate[gateOff + i];
    float s = sigmoid(g);
    float d = dout[doutOff + i];
    dgate[dgateOff + i] += s * (1.0f + g * (1.0f - s)) * up[upOff + i] * d;
    dup[dupOff + i] += g * s * d;
}
