"""Writes the tiny random-transformer fixtures that TorchReferenceTest compares the Java models against.

Run from the repository root with Debian's python (torch 1.13 + numpy), not the pyenv one on PATH:
    /usr/bin/python3 models/src/test/python/make_model_fixtures.py

There is no transformers package here, so the reference modules below are minimal re-statements of
Hugging Face's modeling_llama / modeling_qwen2 / modeling_gpt_neox forward passes (RMSNorm,
rotate_half rotary, repeat_kv grouped-query attention, SwiGLU; GPT-NeoX's per-head fused QKV view,
partial rotary, parallel or sequential residual, GELU) and of the causal-LM loss (labels shifted
inside, -100 ignored, mean). They run in float64 on the float32 weights, so the expected values
carry no float32 rounding of their own.

For each case it rewrites models/src/test/resources/transformer/<case>/:
    config.json            the Hugging Face config
    model.safetensors      the weights under their Hugging Face names (F32)
    expected.safetensors   ids, labels [B, T] (F32; small integers, so exact), logits [B, T, V],
                           loss [1], and grad.<name>: d loss / d parameter for every parameter
"""
import json
import math
import os
import shutil
import sys
import zlib

import torch
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "tensor", "src", "test", "python"))
from safetensors_io import save_safetensors  # noqa: E402  (shared with the tensor module's fixtures)

OUT_DIR = os.path.join(HERE, "..", "resources", "transformer")
IGNORE_INDEX = -100

CASES = {
    # Llama with grouped-query attention, head_dim != hidden / heads, q/k/v/o biases, untied output
    "llama_gqa": {
        "model_type": "llama", "vocab_size": 40, "hidden_size": 32, "intermediate_size": 48,
        "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2, "head_dim": 12,
        "rms_norm_eps": 1e-6, "rope_theta": 10000.0, "attention_bias": True, "mlp_bias": False,
        "hidden_act": "silu", "tie_word_embeddings": False, "max_position_embeddings": 64,
    },
    # Qwen2: q/k/v biases (no o bias), one kv head, tied embeddings, a large rope theta
    "qwen2_tied": {
        "model_type": "qwen2", "vocab_size": 40, "hidden_size": 32, "intermediate_size": 40,
        "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 1,
        "rms_norm_eps": 1e-6, "rope_theta": 1000000.0, "hidden_act": "silu",
        "tie_word_embeddings": True, "max_position_embeddings": 64, "use_sliding_window": False,
    },
    # GPT-NeoX / Pythia: partial rotary (half of each head), parallel residual, exact GELU
    "neox_parallel": {
        "model_type": "gpt_neox", "vocab_size": 40, "hidden_size": 32, "intermediate_size": 64,
        "num_hidden_layers": 2, "num_attention_heads": 4, "rotary_pct": 0.5, "rotary_emb_base": 10000,
        "use_parallel_residual": True, "layer_norm_eps": 1e-5, "hidden_act": "gelu",
        "tie_word_embeddings": False, "max_position_embeddings": 64,
    },
    # GPT-NeoX with the sequential residual, a quarter of each head rotating, tanh GELU
    "neox_sequential": {
        "model_type": "gpt_neox", "vocab_size": 40, "hidden_size": 32, "intermediate_size": 48,
        "num_hidden_layers": 1, "num_attention_heads": 4, "rotary_pct": 0.25, "rotary_emb_base": 500,
        "use_parallel_residual": False, "layer_norm_eps": 1e-5, "hidden_act": "gelu_new",
        "tie_word_embeddings": False, "max_position_embeddings": 64,
    },
}
BATCH, SEQ = 2, 7


# ---- parameter shapes, in Hugging Face's state-dict order ---------------------------------------

def llama_shapes(c):
    C, I, V = c["hidden_size"], c["intermediate_size"], c["vocab_size"]
    H = c["num_attention_heads"]
    D = c.get("head_dim", C // H)
    KV = c.get("num_key_value_heads", H)
    qkv_bias = c["model_type"] == "qwen2" or c.get("attention_bias", False)
    o_bias = c["model_type"] == "llama" and c.get("attention_bias", False)
    shapes = {"model.embed_tokens.weight": (V, C)}
    for l in range(c["num_hidden_layers"]):
        p = f"model.layers.{l}."
        for name, out, inp, bias in (("q_proj", H * D, C, qkv_bias), ("k_proj", KV * D, C, qkv_bias),
                                     ("v_proj", KV * D, C, qkv_bias), ("o_proj", C, H * D, o_bias)):
            shapes[p + f"self_attn.{name}.weight"] = (out, inp)
            if bias:
                shapes[p + f"self_attn.{name}.bias"] = (out,)
        shapes[p + "mlp.gate_proj.weight"] = (I, C)
        shapes[p + "mlp.up_proj.weight"] = (I, C)
        shapes[p + "mlp.down_proj.weight"] = (C, I)
        shapes[p + "input_layernorm.weight"] = (C,)
        shapes[p + "post_attention_layernorm.weight"] = (C,)
    shapes["model.norm.weight"] = (C,)
    if not c["tie_word_embeddings"]:
        shapes["lm_head.weight"] = (V, C)
    return shapes


def neox_shapes(c):
    C, I, V = c["hidden_size"], c["intermediate_size"], c["vocab_size"]
    shapes = {"gpt_neox.embed_in.weight": (V, C)}
    for l in range(c["num_hidden_layers"]):
        p = f"gpt_neox.layers.{l}."
        for norm in ("input_layernorm", "post_attention_layernorm"):
            shapes[p + norm + ".weight"] = (C,)
            shapes[p + norm + ".bias"] = (C,)
        for name, out, inp in (("attention.query_key_value", 3 * C, C), ("attention.dense", C, C),
                               ("mlp.dense_h_to_4h", I, C), ("mlp.dense_4h_to_h", C, I)):
            shapes[p + name + ".weight"] = (out, inp)
            shapes[p + name + ".bias"] = (out,)
    shapes["gpt_neox.final_layer_norm.weight"] = (C,)
    shapes["gpt_neox.final_layer_norm.bias"] = (C,)
    shapes["embed_out.weight"] = (V, C)
    return shapes


def random_weights(shapes, gen):
    """Weights large enough that every path matters: matrices ~N(0, 0.2^2), norms 1 + N(0, 0.1^2), biases N(0, 0.1^2)."""
    weights = {}
    for name, shape in shapes.items():
        is_norm = "norm" in name and name.endswith(".weight")
        if is_norm:
            w = 1 + 0.1 * torch.randn(shape, generator=gen)
        elif name.endswith(".bias"):
            w = 0.1 * torch.randn(shape, generator=gen)
        else:
            w = 0.2 * torch.randn(shape, generator=gen)
        weights[name] = w.float()
    return weights


# ---- reference forward passes (Hugging Face semantics) -----------------------------------------

def rms_norm(x, w, eps):
    return w * (x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + eps))


def rotate_half(x):
    half = x.shape[-1] // 2
    return torch.cat((-x[..., half:], x[..., :half]), dim=-1)


def rotary_cos_sin(T, rot_dim, theta):
    inv_freq = 1.0 / (theta ** (torch.arange(0, rot_dim, 2, dtype=torch.float64) / rot_dim))
    freqs = torch.outer(torch.arange(T, dtype=torch.float64), inv_freq)
    emb = torch.cat((freqs, freqs), dim=-1)
    return emb.cos(), emb.sin()  # [T, rot_dim]


def apply_rotary(x, cos, sin):
    """x [B, H, T, D]: rotates the first rot_dim = cos.shape[-1] dims of each head, passes the rest."""
    rd = cos.shape[-1]
    rot, keep = x[..., :rd], x[..., rd:]
    return torch.cat((rot * cos + rotate_half(rot) * sin, keep), dim=-1)


def causal_attention(q, k, v):
    """q [B, H, T, D], k/v [B, KV, T, D] (repeat_kv expands them to H heads); returns [B, T, H*D]."""
    B, H, T, D = q.shape
    rep = H // k.shape[1]
    k = k.repeat_interleave(rep, dim=1)
    v = v.repeat_interleave(rep, dim=1)
    scores = q @ k.transpose(-1, -2) / math.sqrt(D)
    mask = torch.ones(T, T, dtype=torch.bool).triu(1)
    scores = scores.masked_fill(mask, float("-inf"))
    return (scores.softmax(-1) @ v).transpose(1, 2).reshape(B, T, H * D)


def gelu_new(x):
    return 0.5 * x * (1 + torch.tanh(math.sqrt(2 / math.pi) * (x + 0.044715 * x.pow(3))))


def llama_forward(c, p, ids):
    B, T = ids.shape
    C = c["hidden_size"]
    H = c["num_attention_heads"]
    D = c.get("head_dim", C // H)
    KV = c.get("num_key_value_heads", H)
    eps = c["rms_norm_eps"]
    cos, sin = rotary_cos_sin(T, D, c["rope_theta"])
    x = p["model.embed_tokens.weight"][ids]
    for l in range(c["num_hidden_layers"]):
        a = f"model.layers.{l}.self_attn."
        m = f"model.layers.{l}.mlp."
        h = rms_norm(x, p[f"model.layers.{l}.input_layernorm.weight"], eps)
        q = F.linear(h, p[a + "q_proj.weight"], p.get(a + "q_proj.bias")).view(B, T, H, D).transpose(1, 2)
        k = F.linear(h, p[a + "k_proj.weight"], p.get(a + "k_proj.bias")).view(B, T, KV, D).transpose(1, 2)
        v = F.linear(h, p[a + "v_proj.weight"], p.get(a + "v_proj.bias")).view(B, T, KV, D).transpose(1, 2)
        att = causal_attention(apply_rotary(q, cos, sin), apply_rotary(k, cos, sin), v)
        x = x + F.linear(att, p[a + "o_proj.weight"], p.get(a + "o_proj.bias"))
        h = rms_norm(x, p[f"model.layers.{l}.post_attention_layernorm.weight"], eps)
        x = x + F.linear(F.silu(F.linear(h, p[m + "gate_proj.weight"])) * F.linear(h, p[m + "up_proj.weight"]),
                         p[m + "down_proj.weight"])
    x = rms_norm(x, p["model.norm.weight"], eps)
    head = p["model.embed_tokens.weight"] if c["tie_word_embeddings"] else p["lm_head.weight"]
    return F.linear(x, head)


def neox_forward(c, p, ids):
    B, T = ids.shape
    C = c["hidden_size"]
    H = c["num_attention_heads"]
    D = C // H
    eps = c["layer_norm_eps"]
    act = {"gelu": F.gelu, "gelu_new": gelu_new}[c["hidden_act"]]
    cos, sin = rotary_cos_sin(T, int(D * c["rotary_pct"]), c["rotary_emb_base"])

    def ln(x, name):
        return F.layer_norm(x, (C,), p[name + ".weight"], p[name + ".bias"], eps)

    def lin(x, name):
        return F.linear(x, p[name + ".weight"], p[name + ".bias"])

    x = p["gpt_neox.embed_in.weight"][ids]
    for l in range(c["num_hidden_layers"]):
        pre = f"gpt_neox.layers.{l}."
        # HF views the fused output per head: [B, T, H, 3 * D], then q | k | v within each head
        qkv = lin(ln(x, pre + "input_layernorm"), pre + "attention.query_key_value").view(B, T, H, 3 * D)
        q = qkv[..., :D].permute(0, 2, 1, 3)
        k = qkv[..., D:2 * D].permute(0, 2, 1, 3)
        v = qkv[..., 2 * D:].permute(0, 2, 1, 3)
        attn = lin(causal_attention(apply_rotary(q, cos, sin), apply_rotary(k, cos, sin), v), pre + "attention.dense")

        def mlp(h):
            return lin(act(lin(h, pre + "mlp.dense_h_to_4h")), pre + "mlp.dense_4h_to_h")

        if c["use_parallel_residual"]:
            x = mlp(ln(x, pre + "post_attention_layernorm")) + attn + x
        else:
            attn = attn + x
            x = mlp(ln(attn, pre + "post_attention_layernorm")) + attn
    x = ln(x, "gpt_neox.final_layer_norm")
    return F.linear(x, p["embed_out.weight"])


def causal_lm_loss(logits, labels):
    V = logits.shape[-1]
    return F.cross_entropy(logits[:, :-1].reshape(-1, V), labels[:, 1:].reshape(-1), ignore_index=IGNORE_INDEX)


# ---- driver -------------------------------------------------------------------------------------

def reference_run(config, weights, ids, labels):
    """The float64 reference forward, loss and backward; returns (params with .grad, logits, loss)."""
    neox = config["model_type"] == "gpt_neox"
    params = {n: w.double().requires_grad_(True) for n, w in weights.items()}
    logits = (neox_forward if neox else llama_forward)(config, params, ids)
    loss = causal_lm_loss(logits, labels)
    loss.backward()
    return params, logits, loss


def random_model(config, gen):
    """Random float32 weights of the config's architecture under their Hugging Face names."""
    neox = config["model_type"] == "gpt_neox"
    return random_weights((neox_shapes if neox else llama_shapes)(config), gen)


def write_model_dir(out, config_json, weights):
    """A fresh Hugging Face model directory: config.json and model.safetensors."""
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    with open(os.path.join(out, "config.json"), "w") as f:
        json.dump(config_json, f, indent=2)
        f.write("\n")
    save_safetensors(os.path.join(out, "model.safetensors"), weights, {"format": "pt"})


def write_case(name, config):
    gen = torch.Generator().manual_seed(zlib.crc32(name.encode()))
    weights = random_model(config, gen)
    V = config["vocab_size"]
    ids = torch.randint(0, V, (BATCH, SEQ), generator=gen)
    labels = ids.clone()
    labels[0, 3] = IGNORE_INDEX  # prompt-style masking in the middle and at the start
    labels[1, :2] = IGNORE_INDEX
    params, logits, loss = reference_run(config, weights, ids, labels)

    out = os.path.join(OUT_DIR, name)
    write_model_dir(out, dict(config, architectures=[
        {"llama": "LlamaForCausalLM", "qwen2": "Qwen2ForCausalLM", "gpt_neox": "GPTNeoXForCausalLM"}[
            config["model_type"]]], torch_dtype="float32"), weights)
    expected = {"ids": ids.float(), "labels": labels.float(), "logits": logits.detach(),
                "loss": loss.detach().reshape(1)}
    expected.update({"grad." + n: t.grad for n, t in params.items()})
    save_safetensors(os.path.join(out, "expected.safetensors"), expected, {"case": name})
    print(f"{name}: loss {loss.item():.6f}, {sum(w.numel() for w in weights.values())} parameters")


def main():
    for name, config in CASES.items():
        write_case(name, config)


if __name__ == "__main__":
    main()
