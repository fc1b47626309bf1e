#!/usr/bin/python3
"""Writes a random-weight llama2.c checkpoint of any shape, so the generation figures need no download.

The file is the legacy ("version 0") format that llama2.c's run.c reads and `fedcot generate --model` loads:
a header of 7 little-endian int32 (dim, hidden_dim, n_layers, n_heads, n_kv_heads, vocab_size, seq_len; a
positive vocab_size says the classifier is the token embedding), then float32 tensors, each stored row-major
as [out, in] and layer after layer, in run.c's memory_map_weights order:

    token embedding [vocab, dim]      attention RMSNorm weights [layers, dim]
    wq [layers, dim, dim]             wk, wv [layers, kv_dim, dim]          wo [layers, dim, dim]
    FFN RMSNorm weights [layers, dim] w1 [layers, hidden, dim]  w2 [layers, dim, hidden]  w3 [layers, hidden, dim]
    final RMSNorm weight [dim]        two unused rotary tables [seq_len, head_size / 2] each (zeros)

Matrices are drawn normal(0, --std), by default 0.02 as Hugging Face initialises Llama; norms are 1. The same flags and seed
write the same bytes. Examples (from the repository root; any python3 with numpy):
    /usr/bin/python3 bench/llama2c_random.py --shape stories15M -o /tmp/random15M.bin
    /usr/bin/python3 bench/llama2c_random.py --dim 16 --hidden-dim 32 --layers 2 --heads 4 --kv-heads 2 \\
        --vocab 64 --seq-len 32 --seed 7 -o tiny.bin
The vocabulary is only ids: for text, pair a 32000-token checkpoint with llama2.c's tokenizer.bin.
"""
import argparse
import os
import struct
import sys

import numpy as np

STD = 0.02  # Hugging Face's initializer_range for Llama
SHAPES = {
    "stories15M": dict(dim=288, hidden_dim=768, layers=6, heads=6, kv_heads=6, vocab=32000, seq_len=256),
    "stories110M": dict(dim=768, hidden_dim=2048, layers=12, heads=12, kv_heads=12, vocab=32000, seq_len=1024),
}


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", required=True, help="the checkpoint file to write")
    parser.add_argument("--shape", choices=sorted(SHAPES), help="a preset shape; the flags below override it")
    parser.add_argument("--dim", type=int)
    parser.add_argument("--hidden-dim", type=int)
    parser.add_argument("--layers", type=int)
    parser.add_argument("--heads", type=int)
    parser.add_argument("--kv-heads", type=int, help="key/value heads (default: --heads)")
    parser.add_argument("--vocab", type=int)
    parser.add_argument("--seq-len", type=int)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--std", type=float, default=STD,
                        help="standard deviation of the matrices (default %(default)s; at 0.02 the residual stream "
                             "is mostly the fed token's embedding, so greedy decoding soon repeats one token)")
    args = parser.parse_args(argv)
    shape = dict(SHAPES[args.shape]) if args.shape else {}
    for key in ("dim", "hidden_dim", "layers", "heads", "kv_heads", "vocab", "seq_len"):
        if getattr(args, key) is not None:
            shape[key] = getattr(args, key)
    if "kv_heads" not in shape and "heads" in shape:
        shape["kv_heads"] = shape["heads"]
    missing = [k for k in ("dim", "hidden_dim", "layers", "heads", "vocab", "seq_len") if k not in shape]
    if missing:
        parser.error("give --shape or --" + ", --".join(k.replace("_", "-") for k in missing))
    problem = shape_problem(shape)
    if problem:
        parser.error(problem)
    return args, shape


def shape_problem(s):
    """What run.c could not read in this shape, or None."""
    if any(v <= 0 for v in s.values()):
        return "every size must be positive: " + str(s)
    if s["dim"] % s["heads"] or (s["dim"] // s["heads"]) % 2:
        return "--dim must be --heads times an even head size"
    if s["heads"] % s["kv_heads"]:
        return "--heads must be a multiple of --kv-heads"
    return None


def tensors(s, rng, std):
    """The checkpoint's float32 arrays in file order; a generator, so only one is in memory at a time."""
    dim, hidden, layers = s["dim"], s["hidden_dim"], s["layers"]
    head_size = dim // s["heads"]
    kv_dim = s["kv_heads"] * head_size

    def normal(*shape):
        return rng.standard_normal(shape, dtype=np.float32) * np.float32(std)

    yield normal(s["vocab"], dim)
    yield np.ones((layers, dim), np.float32)
    yield normal(layers, dim, dim)
    yield normal(layers, kv_dim, dim)
    yield normal(layers, kv_dim, dim)
    yield normal(layers, dim, dim)
    yield np.ones((layers, dim), np.float32)
    yield normal(layers, hidden, dim)
    yield normal(layers, dim, hidden)
    yield normal(layers, hidden, dim)
    yield np.ones(dim, np.float32)
    yield np.zeros(2 * s["seq_len"] * (head_size // 2), np.float32)


def write(path, s, seed, std):
    """Writes the checkpoint atomically (a temporary file renamed over path)."""
    rng = np.random.default_rng(seed)
    header = struct.pack("<7i", s["dim"], s["hidden_dim"], s["layers"], s["heads"], s["kv_heads"], s["vocab"],
                         s["seq_len"])
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        f.write(header)
        for t in tensors(s, rng, std):
            f.write(t.astype("<f4", copy=False).tobytes())
    os.replace(tmp, path)


def main(argv):
    args, shape = parse_args(argv)
    write(args.output, shape, args.seed, args.std)
    print(f"wrote {args.output}: {os.path.getsize(args.output)} bytes, " + ", ".join(f"{k} {v}" for k, v in shape.items())
          + f", seed {args.seed}, std {args.std}", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
