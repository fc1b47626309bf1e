"""Writes the fixtures with which the `fedcot grads` test checks loss and gradients against PyTorch.

Run from the repository root with Debian's python (torch 1.13 + numpy), not the pyenv one on PATH:
    /usr/bin/python3 models/src/test/python/make_grads_fixtures.py

The reference models, weights and loss are those of make_model_fixtures.py (minimal re-statements of
Hugging Face's Llama / Qwen2 / GPT-NeoX forward passes and causal-LM loss, run in float64 on float32
weights). For each case it rewrites models/src/test/resources/grads/<case>/:
    config.json            the Hugging Face config
    model.safetensors      random weights under their Hugging Face names (F32)
    batch.json             {"input_ids": [[...]], "labels": [[...]]}: a right-padded row (pad labels
                           -100) and a row whose prompt is masked with -100
    expected.safetensors   "loss" (a scalar, shape []) and d loss / d parameter under each parameter's name,
                           the layout `fedcot grads` writes
"""
import json
import os
import sys
import zlib

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "tensor", "src", "test", "python"))
from make_model_fixtures import (IGNORE_INDEX, random_model, reference_run,  # noqa: E402
                                 write_model_dir)
from safetensors_io import save_safetensors  # noqa: E402

OUT_DIR = os.path.join(HERE, "..", "resources", "grads")

CASES = {
    # Llama with grouped-query attention (4 query heads share 2 key/value heads), untied output layer
    "llama_gqa": {
        "model_type": "llama", "vocab_size": 32, "hidden_size": 16, "intermediate_size": 24,
        "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
        "rms_norm_eps": 1e-6, "rope_theta": 10000.0, "attention_bias": False, "hidden_act": "silu",
        "tie_word_embeddings": False, "max_position_embeddings": 32,
    },
    # Qwen2: grouped-query attention with q/k/v biases, output layer tied to the embedding
    "qwen2_gqa_bias": {
        "model_type": "qwen2", "vocab_size": 32, "hidden_size": 16, "intermediate_size": 24,
        "num_hidden_layers": 2, "num_attention_heads": 4, "num_key_value_heads": 2,
        "rms_norm_eps": 1e-6, "rope_theta": 1000000.0, "hidden_act": "silu",
        "tie_word_embeddings": True, "max_position_embeddings": 32, "use_sliding_window": False,
    },
    # GPT-NeoX / Pythia: fused QKV, half of each head rotating, parallel residual, GELU
    "neox": {
        "model_type": "gpt_neox", "vocab_size": 32, "hidden_size": 16, "intermediate_size": 32,
        "num_hidden_layers": 2, "num_attention_heads": 4, "rotary_pct": 0.5, "rotary_emb_base": 10000,
        "use_parallel_residual": True, "layer_norm_eps": 1e-5, "hidden_act": "gelu",
        "tie_word_embeddings": False, "max_position_embeddings": 32,
    },
}
BATCH, SEQ = 3, 6


def batch(gen, vocab):
    ids = torch.randint(1, vocab, (BATCH, SEQ), generator=gen)
    labels = ids.clone()
    ids[1, 4:] = 0  # right padding: pad id 0, nothing to predict there
    labels[1, 4:] = IGNORE_INDEX
    labels[2, :3] = IGNORE_INDEX  # a masked prompt: only the answer is learned
    return ids, labels


def write_case(name, config):
    gen = torch.Generator().manual_seed(zlib.crc32(("grads/" + name).encode()))
    weights = random_model(config, gen)
    ids, labels = batch(gen, config["vocab_size"])
    params, _, loss = reference_run(config, weights, ids, labels)

    out = os.path.join(OUT_DIR, name)
    write_model_dir(out, dict(config, torch_dtype="float32"), weights)
    with open(os.path.join(out, "batch.json"), "w") as f:
        json.dump({"input_ids": ids.tolist(), "labels": labels.tolist()}, f)
        f.write("\n")
    expected = {"loss": loss.detach().reshape(())}
    expected.update({n: t.grad for n, t in params.items()})
    save_safetensors(os.path.join(out, "expected.safetensors"), expected, {"case": name})
    print(f"{name}: loss {loss.item():.6f}, {sum(w.numel() for w in weights.values())} parameters")


def main():
    for name, config in CASES.items():
        write_case(name, config)


if __name__ == "__main__":
    main()
