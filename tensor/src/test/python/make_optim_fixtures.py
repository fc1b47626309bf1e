"""Writes the optimiser fixtures that the Java tests compare against torch.

Run from the repository root with Debian's python (torch 1.13 + numpy):
    /usr/bin/python3 tensor/src/test/python/make_optim_fixtures.py

adamw.safetensors, for each case in metadata "cases" and parameter in "params":
    {case}.init.{p}            the parameter before the first step
    {case}.grad.{k}.{p}        its gradient at step k = 1..steps (absent: grad was None, step skipped)
    {case}.param.{k}.{p}       the parameter after step k
    {case}.exp_avg.{p}         first moment after the last step
    {case}.exp_avg_sq.{p}      second moment after the last step
  case "constant": fixed lr; parameter "p2" has no gradient at the steps in "constant.skip_p2".
  case "cosine": LambdaLR with the Hugging Face cosine-with-warm-up multiplier written out below.

clip.safetensors, for each case in "cases":
    {case}.before.{g}, {case}.after.{g}   gradients around clip_grad_norm_
    {case}.norm                          the total norm it returned, shape [1]
"""
import math
import os

import torch

from safetensors_io import save_safetensors

OUT_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "fixtures")

SHAPES = {"p0": (3, 5), "p1": (7,), "p2": (2, 3, 2)}
STEPS = 10
LR = 0.02
BETAS = (0.8, 0.95)
EPS = 1e-6
WEIGHT_DECAY = 0.1
SKIP_P2 = (4, 7)
WARMUP = 3


def hf_cosine(step, warmup, total):
    """transformers.get_cosine_schedule_with_warmup's lambda with num_cycles = 0.5."""
    if step < warmup:
        return float(step) / float(max(1, warmup))
    progress = float(step - warmup) / float(max(1, total - warmup))
    return max(0.0, 0.5 * (1.0 + math.cos(math.pi * 0.5 * 2.0 * progress)))


def run_adamw(case, seed, out, scheduled):
    gen = torch.Generator().manual_seed(seed)
    params = {n: torch.randn(s, generator=gen).requires_grad_() for n, s in SHAPES.items()}
    opt = torch.optim.AdamW(list(params.values()), lr=LR, betas=BETAS, eps=EPS,
                            weight_decay=WEIGHT_DECAY, foreach=False)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: hf_cosine(s, WARMUP, STEPS)) if scheduled else None
    for n, p in params.items():
        out[f"{case}.init.{n}"] = p.detach().clone()
    for k in range(1, STEPS + 1):
        for n, p in params.items():
            if not scheduled and n == "p2" and k in SKIP_P2:
                p.grad = None
                continue
            # A different scale each step so the moments see both large and small gradients.
            scale = 0.05 + 2.0 * torch.rand((), generator=gen).item()
            p.grad = torch.randn(SHAPES[n], generator=gen) * scale
            out[f"{case}.grad.{k}.{n}"] = p.grad.clone()
        opt.step()
        if sched is not None:
            sched.step()
        for n, p in params.items():
            out[f"{case}.param.{k}.{n}"] = p.detach().clone()
    for n, p in params.items():
        out[f"{case}.exp_avg.{n}"] = opt.state[p]["exp_avg"].clone()
        out[f"{case}.exp_avg_sq.{n}"] = opt.state[p]["exp_avg_sq"].clone()


def write_adamw():
    out = {}
    run_adamw("constant", 1234, out, scheduled=False)
    run_adamw("cosine", 5678, out, scheduled=True)
    meta = {
        "cases": "constant,cosine",
        "params": ",".join(SHAPES),
        "steps": STEPS,
        "lr": LR,
        "beta1": BETAS[0],
        "beta2": BETAS[1],
        "eps": EPS,
        "weight_decay": WEIGHT_DECAY,
        "constant.skip_p2": ",".join(str(k) for k in SKIP_P2),
        "cosine.warmup": WARMUP,
        "cosine.total": STEPS,
        "torch": torch.__version__,
    }
    save_safetensors(os.path.join(OUT_DIR, "adamw.safetensors"), out, meta)


def write_clip():
    gen = torch.Generator().manual_seed(42)
    shapes = {"g0": (4, 3), "g1": (5,), "g2": (3, 1, 3)}
    cases = {"clipped": 1.0, "unclipped": 100.0}
    out = {}
    for case, max_norm in cases.items():
        params = [torch.zeros(s, requires_grad=True) for s in shapes.values()]
        for p in params:
            p.grad = torch.randn(p.shape, generator=gen) * 1.5
        for n, p in zip(shapes, params):
            out[f"{case}.before.{n}"] = p.grad.clone()
        norm = torch.nn.utils.clip_grad_norm_(params, max_norm)
        for n, p in zip(shapes, params):
            out[f"{case}.after.{n}"] = p.grad.clone()
        out[f"{case}.norm"] = norm.reshape(1)
    meta = {"cases": ",".join(cases), "grads": ",".join(shapes), "torch": torch.__version__}
    meta.update({f"{case}.max_norm": v for case, v in cases.items()})
    save_safetensors(os.path.join(OUT_DIR, "clip.safetensors"), out, meta)


if __name__ == "__main__":
    os.makedirs(OUT_DIR, exist_ok=True)
    torch.set_num_threads(1)
    write_adamw()
    write_clip()
