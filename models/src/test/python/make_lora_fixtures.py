"""Writes the fixtures with which LoraReferenceTest checks LoRA's loss and gradients against PyTorch.

Run from the repository root with Debian's python (torch 1.13 + numpy), not the pyenv one on PATH:
    /usr/bin/python3 models/src/test/python/make_lora_fixtures.py

The reference is written here, without PEFT: each targeted linear layer's weight becomes
W + (alpha / r) * B @ A (dropout off), and the forward passes, weights and loss are those of
make_model_fixtures.py / make_grads_fixtures.py (float64 on float32 weights). A and B are both
random, so that neither gradient is zero. For each case it rewrites models/src/test/resources/lora/<case>/:
    config.json, model.safetensors   the base model (F32, Hugging Face names)
    adapter/adapter_config.json      a PEFT LoraConfig, as PEFT's save_pretrained writes it
    adapter/adapter_model.safetensors base_model.model.<module>.lora_A.weight [r, in] / .lora_B.weight [out, r]
    expected.safetensors             ids, labels, logits, loss, and grad.<tensor name> of every adapter tensor
"""
import json
import os
import sys
import zlib

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "..", "tensor", "src", "test", "python"))
from make_grads_fixtures import CASES as GRADS_CASES, batch  # noqa: E402
from make_model_fixtures import (causal_lm_loss, llama_forward, neox_forward, random_model,  # noqa: E402
                                 write_model_dir)
from safetensors_io import save_safetensors  # noqa: E402

OUT_DIR = os.path.join(HERE, "..", "resources", "lora")
PREFIX = "base_model.model."

CASES = {
    "llama": (GRADS_CASES["llama_gqa"], ["q_proj", "v_proj"]),
    "neox": (GRADS_CASES["neox"], ["query_key_value"]),
}
RANK, ALPHA = 4, 6  # scale 1.5: a factor of alpha / r that is neither 1 nor alpha


def targeted(weights, targets):
    """The linear layers' module names that PEFT's list matching picks: name == t or name ends with "." + t."""
    modules = [n[:-len(".weight")] for n, w in weights.items() if n.endswith(".weight") and w.dim() == 2]
    return [m for m in modules if any(m == t or m.endswith("." + t) for t in targets)]


def write_case(name, config, targets):
    gen = torch.Generator().manual_seed(zlib.crc32(("lora/" + name).encode()))
    weights = random_model(config, gen)
    ids, labels = batch(gen, config["vocab_size"])
    adapter = {}
    for m in targeted(weights, targets):
        out_dim, in_dim = weights[m + ".weight"].shape
        adapter[PREFIX + m + ".lora_A.weight"] = torch.randn(RANK, in_dim, generator=gen) * 0.3
        adapter[PREFIX + m + ".lora_B.weight"] = torch.randn(out_dim, RANK, generator=gen) * 0.3

    lora = {n: t.double().requires_grad_(True) for n, t in adapter.items()}
    params = {n: w.double() for n, w in weights.items()}
    for n in list(params):
        m = n[:-len(".weight")]
        if PREFIX + m + ".lora_A.weight" in lora:
            params[n] = params[n] + (ALPHA / RANK) * (lora[PREFIX + m + ".lora_B.weight"] @ lora[PREFIX + m + ".lora_A.weight"])
    forward = neox_forward if config["model_type"] == "gpt_neox" else llama_forward
    logits = forward(config, params, ids)
    loss = causal_lm_loss(logits, labels)
    loss.backward()

    out = os.path.join(OUT_DIR, name)
    write_model_dir(out, dict(config, torch_dtype="float32"), weights)
    os.makedirs(os.path.join(out, "adapter"))
    peft_config = {
        "alpha_pattern": {}, "auto_mapping": None, "base_model_name_or_path": "tiny-" + name, "bias": "none",
        "fan_in_fan_out": False, "inference_mode": True, "init_lora_weights": True, "layers_pattern": None,
        "layers_to_transform": None, "loftq_config": {}, "lora_alpha": ALPHA, "lora_dropout": 0.0,
        "megatron_config": None, "megatron_core": "megatron.core", "modules_to_save": None, "peft_type": "LORA",
        "r": RANK, "rank_pattern": {}, "revision": None, "target_modules": sorted(targets), "task_type": "CAUSAL_LM",
        "use_dora": False, "use_rslora": False,
    }
    with open(os.path.join(out, "adapter", "adapter_config.json"), "w") as f:
        json.dump(peft_config, f, indent=2)
        f.write("\n")
    save_safetensors(os.path.join(out, "adapter", "adapter_model.safetensors"), adapter, {"format": "pt"})
    expected = {"ids": ids.float(), "labels": labels.float(), "logits": logits.detach(),
                "loss": loss.detach().reshape(1)}
    expected.update({"grad." + n: t.grad for n, t in lora.items()})
    save_safetensors(os.path.join(out, "expected.safetensors"), expected, {"case": name})
    print(f"{name}: loss {loss.item():.6f}, {len(adapter)} adapter tensors")


def main():
    for name, (config, targets) in CASES.items():
        write_case(name, config, targets)


if __name__ == "__main__":
    main()
