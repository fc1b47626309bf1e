#!/usr/bin/python3
"""Times PyTorch training steps of a Hugging Face config's model: the reference for `fedcot bench train`.

Run from the repository root with Debian's interpreter (torch 1.13 on the CPU, numpy):
    /usr/bin/python3 bench/torch_train.py bench/reference-llama.json --seq 256 --batch 8 --steps 10
The measurement matches `fedcot bench train`: weights initialised as Hugging Face does
(normal(0, initializer_range) matrices and embeddings, norm weights 1, biases 0), random tokens,
and each step zero_grad + forward + causal-LM loss (first label of each row ignored, as the Java
side's one-token prompt) + backward + AdamW step (lr 1e-4, betas (0.9, 0.999), eps 1e-8, no weight
decay); untimed warm-up steps, then the median timed step. The model is the minimal Hugging Face
re-statement in models/src/test/python/make_model_fixtures.py (Llama / Qwen2 / GPT-NeoX, eager
attention as transformers ran it in the torch 1.13 era), in float32.
Last line: torch train <params> params: <ms> ms/step, <tok> tokens/s
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "models", "src", "test", "python"))
import make_model_fixtures as ref  # noqa: E402  (the reference modules; not copied here)

# Hugging Face's defaults for the fields the reference forward passes read, when config.json leaves them out
HF_DEFAULTS = {
    "llama": {"rms_norm_eps": 1e-6, "rope_theta": 10000.0, "tie_word_embeddings": False},
    "qwen2": {"rms_norm_eps": 1e-6, "rope_theta": 10000.0, "tie_word_embeddings": False},
    "gpt_neox": {"layer_norm_eps": 1e-5, "rotary_pct": 0.25, "rotary_emb_base": 10000,
                 "use_parallel_residual": True, "hidden_act": "gelu", "tie_word_embeddings": False},
}

# The fixtures compute rotary tables in float64 for exact references; a benchmark runs in float32 throughout.
_rotary_float64 = ref.rotary_cos_sin
ref.rotary_cos_sin = lambda T, rot_dim, theta: tuple(t.float() for t in _rotary_float64(T, rot_dim, theta))


def read_config(path):
    with open(os.path.join(path, "config.json") if os.path.isdir(path) else path) as f:
        config = json.load(f)
    kind = config["model_type"]
    if kind not in HF_DEFAULTS:
        sys.exit(f"torch_train: model_type '{kind}' is not one of {', '.join(HF_DEFAULTS)}")
    return {**HF_DEFAULTS[kind], **config}


def init_weights(config, shapes):
    """Hugging Face's _init_weights: normal(0, initializer_range) weights, norm weights 1, biases 0."""
    std = config.get("initializer_range", 0.02)
    params = {}
    for name, shape in shapes.items():
        if name.endswith(".bias"):
            w = torch.zeros(shape)
        elif "norm" in name:
            w = torch.ones(shape)
        else:
            w = torch.randn(shape) * std
        params[name] = w.requires_grad_(True)
    return params


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", help="a config.json, or a directory holding one")
    parser.add_argument("--seq", type=int, default=256)
    parser.add_argument("--batch", type=int, default=8)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    torch.set_num_threads(os.cpu_count())
    torch.manual_seed(args.seed)
    config = read_config(args.model)
    neox = config["model_type"] == "gpt_neox"
    params = init_weights(config, (ref.neox_shapes if neox else ref.llama_shapes)(config))
    forward = ref.neox_forward if neox else ref.llama_forward
    ids = torch.randint(0, config["vocab_size"], (args.batch, args.seq))
    labels = ids.clone()
    labels[:, 0] = ref.IGNORE_INDEX
    opt = torch.optim.AdamW(params.values(), lr=1e-4, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0)

    times = []
    for step in range(1, args.warmup + args.steps + 1):
        start = time.perf_counter()
        opt.zero_grad()
        loss = ref.causal_lm_loss(forward(config, params, ids), labels)
        loss.backward()
        opt.step()
        ms = (time.perf_counter() - start) * 1e3
        timed = step > args.warmup
        if timed:
            times.append(ms)
        print(f"{'timed' if timed else 'warm-up'} step {step}: {ms:.1f} ms, loss {loss.item():.4f}", file=sys.stderr)

    count = sum(p.numel() for p in params.values())
    median = statistics.median(times)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, batch {args.batch} x seq {args.seq}: "
          f"median {median:.1f} ms, mean {statistics.mean(times):.1f} ms, best {min(times):.1f} ms over "
          f"{args.steps} steps after {args.warmup} warm-up", file=sys.stderr)
    print(f"torch train {count} params: {median:.1f} ms/step, {args.batch * args.seq / (median / 1e3):.0f} tokens/s")


if __name__ == "__main__":
    main()
