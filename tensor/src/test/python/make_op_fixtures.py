"""Writes the per-op torch fixtures that TorchParityTest compares the Java tensor ops against.

Run from the repository root with Debian's python (torch 1.13 + numpy), not the pyenv one on PATH:
    /usr/bin/python3 tensor/src/test/python/make_op_fixtures.py

It regenerates every tensor/src/test/resources/fixtures/ops/<case>.safetensors (deleting stale
ones first). Each case is one op call on small float32 inputs drawn from a generator seeded by the
case name, so adding or editing a case leaves the others byte-identical. A file holds:
    <input>        each input of the op (x, w, b, q, ...)
    grad.<input>   torch autograd's gradient of loss = (out * dout).sum() for each differentiable input
    out            the op's output (cross-entropy: shape [1] instead of a 0-d scalar)
    dout           the fixed random upstream gradient
    ids, targets   integer arguments stored as F32 (small integers, so exact)
    weights        cross-entropy row weights, when the case has them
and in __metadata__: "op" (which Java op to call) plus its scalar arguments (eps, theta, rot_dim,
pos_offset, interleaved, trans_a, trans_b, scale, ignore_index), all as strings.
"""
import glob
import math
import os
import zlib

import torch
import torch.nn.functional as F

from safetensors_io import save_safetensors

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures", "ops")
IGNORE_INDEX = -100

CASES = {}


def case(name):
    """Registers fn(gen) -> (op, inputs, forward, extras, meta) as fixture `name`."""
    def register(fn):
        CASES[name] = fn
        return fn
    return register


def randn(gen, *shape, scale=1.0):
    return torch.randn(shape, generator=gen) * scale


# ---- linear ------------------------------------------------------------------------------

@case("linear_bias")
def linear_bias(gen):
    inputs = {"x": randn(gen, 2, 3, 5), "w": randn(gen, 4, 5), "b": randn(gen, 4)}
    return "linear", inputs, lambda x, w, b: F.linear(x, w, b), {}, {}


@case("linear_nobias")
def linear_nobias(gen):
    inputs = {"x": randn(gen, 2, 3, 5), "w": randn(gen, 4, 5)}
    return "linear", inputs, lambda x, w: F.linear(x, w), {}, {}


@case("linear_fast_gemm")
def linear_fast_gemm(gen):
    # R * OC * C = 40 * 36 * 48 is past the Vector API GEMM threshold (32^3), unlike the cases above.
    inputs = {"x": randn(gen, 40, 48), "w": randn(gen, 36, 48), "b": randn(gen, 36)}
    return "linear", inputs, lambda x, w, b: F.linear(x, w, b), {}, {}


# ---- element-wise, reductions, embedding --------------------------------------------------------

@case("add")
def add(gen):
    return "add", {"a": randn(gen, 3, 4), "b": randn(gen, 3, 4)}, lambda a, b: a + b, {}, {}


@case("mul")
def mul(gen):
    return "mul", {"a": randn(gen, 3, 4), "b": randn(gen, 3, 4)}, lambda a, b: a * b, {}, {}


@case("scale")
def scale(gen):
    s = -1.7
    return "scale", {"a": randn(gen, 3, 4)}, lambda a: a * s, {}, {"scale": s}


@case("embedding")
def embedding(gen):
    ids = torch.tensor([3, 0, 3, 5, 3, 1])  # repeated ids must accumulate into one table row
    return "embedding", {"table": randn(gen, 6, 4)}, lambda table: F.embedding(ids, table), {"ids": ids}, {}


# ---- norms, activations ---------------------------------------------------------------------

@case("layer_norm")
def layer_norm(gen):
    eps = 1e-5
    inputs = {"x": randn(gen, 2, 3, 7, scale=2.0) + 0.5, "w": randn(gen, 7), "b": randn(gen, 7)}
    return "layer_norm", inputs, lambda x, w, b: F.layer_norm(x, (7,), w, b, eps), {}, {"eps": eps}


@case("rms_norm")
def rms_norm(gen):
    eps = 1e-6

    def forward(x, w):
        # transformers' LlamaRMSNorm
        variance = x.pow(2).mean(-1, keepdim=True)
        return w * (x * torch.rsqrt(variance + eps))

    return "rms_norm", {"x": randn(gen, 2, 3, 7, scale=2.0), "w": randn(gen, 7)}, forward, {}, {"eps": eps}


@case("gelu_tanh")
def gelu_tanh(gen):
    return "gelu_tanh", {"x": randn(gen, 3, 17, scale=2.5)}, lambda x: F.gelu(x, approximate="tanh"), {}, {}


@case("gelu_erf")
def gelu_erf(gen):
    return "gelu_erf", {"x": randn(gen, 3, 17, scale=2.5)}, lambda x: F.gelu(x), {}, {}


@case("silu")
def silu(gen):
    return "silu", {"x": randn(gen, 3, 17, scale=2.5)}, lambda x: F.silu(x), {}, {}


@case("swiglu")
def swiglu(gen):
    inputs = {"gate": randn(gen, 3, 17, scale=2.5), "up": randn(gen, 3, 17)}
    return "swiglu", inputs, lambda gate, up: F.silu(gate) * up, {}, {}


# ---- rotary position embedding -----------------------------------------------------------------

def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def rope_hf(x, rot_dim, theta, pos_offset):
    """Hugging Face rotate_half rotary (Llama, Qwen2) with GPT-NeoX's partial split, on [B, T, H, D]."""
    t = x.shape[1]
    inv_freq = 1.0 / (theta ** (torch.arange(0, rot_dim, 2).float() / rot_dim))
    pos = torch.arange(pos_offset, pos_offset + t).float()
    freqs = torch.outer(pos, inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    cos = emb.cos()[None, :, None, :]
    sin = emb.sin()[None, :, None, :]
    x_rot, x_pass = x[..., :rot_dim], x[..., rot_dim:]
    return torch.cat((x_rot * cos + rotate_half(x_rot) * sin, x_pass), dim=-1)


def rope_interleaved(x, rot_dim, theta, pos_offset):
    """llama2.c / Meta Llama rotary: pairs (2i, 2i+1) turned as complex numbers, on [B, T, H, D]."""
    t = x.shape[1]
    inv_freq = 1.0 / (theta ** (torch.arange(0, rot_dim, 2).float() / rot_dim))
    pos = torch.arange(pos_offset, pos_offset + t).float()
    freqs = torch.outer(pos, inv_freq)
    cos = freqs.cos()[None, :, None, :]
    sin = freqs.sin()[None, :, None, :]
    x_rot, x_pass = x[..., :rot_dim], x[..., rot_dim:]
    x0, x1 = x_rot[..., 0::2], x_rot[..., 1::2]
    y = torch.stack((x0 * cos - x1 * sin, x0 * sin + x1 * cos), dim=-1).flatten(-2)
    return torch.cat((y, x_pass), dim=-1)


def rope_case(gen, shape, rot_dim, theta, pos_offset, interleaved):
    fn = rope_interleaved if interleaved else rope_hf
    meta = {"rot_dim": rot_dim, "theta": theta, "pos_offset": pos_offset, "interleaved": interleaved}
    return "rope", {"x": randn(gen, *shape)}, lambda x: fn(x, rot_dim, theta, pos_offset), {}, meta


@case("rope_full")
def rope_full(gen):
    return rope_case(gen, (2, 5, 3, 8), 8, 1_000_000.0, 0, False)


@case("rope_partial")
def rope_partial(gen):
    return rope_case(gen, (2, 5, 2, 12), 6, 10000.0, 3, False)


@case("rope_interleaved")
def rope_interleaved_case(gen):
    return rope_case(gen, (1, 6, 3, 8), 8, 10000.0, 5, True)


# ---- attention ---------------------------------------------------------------------------------

def causal_attention(q, k, v):
    """Causal SDPA on [B, T, H, D] with GQA: kv head g serves query heads g*group .. (g+1)*group-1."""
    group = q.shape[2] // k.shape[2]
    k = k.repeat_interleave(group, dim=2)
    v = v.repeat_interleave(group, dim=2)
    q, k, v = (t.transpose(1, 2) for t in (q, k, v))
    t = q.shape[2]
    scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
    mask = torch.ones(t, t, dtype=torch.bool).triu(1)
    att = F.softmax(scores.masked_fill(mask, float("-inf")), dim=-1)
    return (att @ v).transpose(1, 2)


def attention_case(gen, b, t, nh, nkv, d):
    inputs = {"q": randn(gen, b, t, nh, d), "k": randn(gen, b, t, nkv, d), "v": randn(gen, b, t, nkv, d)}
    return "attention", inputs, causal_attention, {}, {}


@case("attention_mha")
def attention_mha(gen):
    return attention_case(gen, 2, 7, 3, 3, 4)


@case("attention_gqa")
def attention_gqa(gen):
    return attention_case(gen, 2, 7, 4, 2, 6)


@case("attention_mha_fast")
def attention_mha_fast(gen):
    # T >= 16 and D >= 8 take the CPU fast path (FastAttention)
    return attention_case(gen, 1, 20, 2, 2, 8)


@case("attention_gqa_fast")
def attention_gqa_fast(gen):
    return attention_case(gen, 1, 20, 4, 2, 8)


# ---- cross-entropy -----------------------------------------------------------------------------

def cross_entropy_case(gen, targets, weights):
    n, v = len(targets), 7
    targets = torch.tensor(targets)
    extras = {"targets": targets}
    if weights is not None:
        weights = torch.tensor(weights)
        extras["weights"] = weights

    def forward(logits):
        per_row = F.cross_entropy(logits, targets, ignore_index=IGNORE_INDEX, reduction="none")
        if weights is None:
            loss = per_row.sum() / (targets != IGNORE_INDEX).sum()
        else:
            counted = (targets != IGNORE_INDEX).float()
            loss = (weights * per_row).sum() / (weights * counted).sum()
        return loss.reshape(1)

    return "cross_entropy", {"logits": randn(gen, n, v, scale=2.0)}, forward, extras, {"ignore_index": IGNORE_INDEX}


@case("cross_entropy_ignore")
def cross_entropy_ignore(gen):
    # all-ones weights: the same as F.cross_entropy's mean reduction with ignore_index
    return cross_entropy_case(gen, [2, IGNORE_INDEX, 6, 0, 3, IGNORE_INDEX], None)


@case("cross_entropy_weighted")
def cross_entropy_weighted(gen):
    # the ignored row's large weight must not count; the zero weight row must not either
    return cross_entropy_case(gen, [2, IGNORE_INDEX, 6, 0, 3, 4], [0.5, 9.0, 0.1, 0.25, 0.0, 0.15])


# ---- driver ------------------------------------------------------------------------------------

def write_case(name, fn):
    gen = torch.Generator().manual_seed(zlib.crc32(name.encode("utf-8")))
    op, inputs, forward, extras, meta = fn(gen)
    leaves = {k: t.float().requires_grad_() for k, t in inputs.items()}
    out = forward(**leaves)
    dout = torch.randn(out.shape, generator=gen)
    (out * dout).sum().backward()
    tensors = {"out": out, "dout": dout}
    for k, t in leaves.items():
        tensors[k] = t
        tensors["grad." + k] = t.grad
    tensors.update(extras)
    meta = {"op": op, "torch": torch.__version__, **{k: _meta_str(v) for k, v in meta.items()}}
    save_safetensors(os.path.join(OUT_DIR, name + ".safetensors"), tensors, meta)


def _meta_str(value):
    # lower-case booleans and repr floats, so Java's parseBoolean / parseFloat read them back exactly
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


if __name__ == "__main__":
    os.makedirs(OUT_DIR, exist_ok=True)
    torch.set_num_threads(1)
    for stale in glob.glob(os.path.join(OUT_DIR, "*.safetensors")):
        os.remove(stale)
    for case_name, case_fn in CASES.items():
        write_case(case_name, case_fn)
    total = sum(os.path.getsize(p) for p in glob.glob(os.path.join(OUT_DIR, "*.safetensors")))
    print("wrote %d cases to %s (%d bytes)" % (len(CASES), os.path.normpath(OUT_DIR), total))
