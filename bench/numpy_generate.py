#!/usr/bin/python3
"""A greedy llama2.c generator in numpy: the reference `fedcot generate` is checked and timed against.

Written for this project from the model's definition (not a port of run.c's code): float32 throughout, one
matrix-vector product per weight per token (OpenBLAS sgemv through numpy), a KV cache, RMSNorm (eps 1e-5),
llama2.c's rotary (interleaved pairs, theta 10000), grouped-query attention and a SwiGLU MLP. It follows
run.c's generate loop at temperature 0: feed BOS and the prompt one position at a time, then the argmax;
stop after --steps positions (0 or more than seq_len: seq_len) or when the argmax is BOS.

Run with Debian's interpreter, without the environment's OpenBLAS overrides (as bench/README.md says):
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/numpy_generate.py ckpt.bin \\
        --tokenizer tokenizer.bin --prompt "Once upon a time" --steps 256
    ... bench/numpy_generate.py tiny.bin --prompt-ids "5 9 13"
Prints the ids fed as the prompt (BOS first), the generated ids, the text when a tokenizer is given, and
last `numpy generate: <X> tokens/s decode`: generated tokens per second of the forwards that produced them.
"""
import argparse
import struct
import sys
import time

import numpy as np

BOS = 1
NORM_EPS = np.float32(1e-5)
ROPE_THETA = 10000.0


class Checkpoint:
    """A legacy (version 0) llama2.c checkpoint's sizes and weights, each weight an [out, in] float32 array."""

    def __init__(self, path):
        raw = np.fromfile(path, dtype="<f4")
        header = struct.unpack("<7i", raw[:7].tobytes())
        if header[0] == 0x616B3432:
            sys.exit(f"{path}: a version-1 llama2.c checkpoint; this reference reads the legacy format only")
        self.dim, self.hidden, self.layers, self.heads, self.kv_heads, vocab, self.seq_len = header
        self.vocab = abs(vocab)
        self.head_size = self.dim // self.heads
        kv_dim = self.kv_heads * self.head_size
        pos = 7

        def take(*shape):
            nonlocal pos
            n = int(np.prod(shape))
            if pos + n > raw.size:
                sys.exit(f"{path}: truncated llama2.c checkpoint (header {header})")
            out = raw[pos:pos + n].reshape(shape).astype(np.float32, copy=False)
            pos += n
            return out

        L, d, h = self.layers, self.dim, self.hidden
        self.embedding = take(self.vocab, d)
        self.attn_norm = take(L, d)
        self.wq = take(L, d, d)
        self.wk = take(L, kv_dim, d)
        self.wv = take(L, kv_dim, d)
        self.wo = take(L, d, d)
        self.ffn_norm = take(L, d)
        self.w1 = take(L, h, d)
        self.w2 = take(L, d, h)
        self.w3 = take(L, h, d)
        self.final_norm = take(d)
        take(self.seq_len * self.head_size)  # the legacy rotary tables, unused: the angles are computed
        self.classifier = self.embedding if vocab > 0 else take(self.vocab, d)
        if pos != raw.size:
            sys.exit(f"{path}: {4 * (raw.size - pos)} bytes more than the header {header} implies")


class Decoder:
    """The forward pass for one token at a time, keeping every layer's keys and values."""

    def __init__(self, ck):
        self.ck = ck
        hs = ck.head_size
        self.keys = np.zeros((ck.layers, ck.kv_heads, ck.seq_len, hs), np.float32)
        self.values = np.zeros_like(self.keys)
        # llama2.c's rotary: pair (2i, 2i+1) of every head turns by pos * theta^(-2i / head_size)
        freqs = (1.0 / np.power(np.float32(ROPE_THETA), np.arange(0, hs, 2, dtype=np.float32) / np.float32(hs)))
        angles = np.arange(ck.seq_len, dtype=np.float32)[:, None] * freqs.astype(np.float32)[None, :]
        self.cos = np.cos(angles).astype(np.float32)
        self.sin = np.sin(angles).astype(np.float32)
        self.scale = np.float32(1.0 / np.sqrt(hs))

    @staticmethod
    def rms_norm(x, weight):
        return weight * (x * np.float32(1.0 / np.sqrt(np.dot(x, x) / np.float32(x.size) + NORM_EPS)))

    def rotate(self, v, heads, pos):
        pairs = v.reshape(heads, -1, 2)
        a, b = pairs[..., 0], pairs[..., 1]
        c, s = self.cos[pos], self.sin[pos]
        return np.stack((a * c - b * s, a * s + b * c), axis=-1).reshape(-1)

    def forward(self, token, pos):
        """The logits after feeding token at position pos (every earlier position already fed)."""
        ck = self.ck
        hs, kvh = ck.head_size, ck.kv_heads
        group = ck.heads // kvh
        x = ck.embedding[token].copy()
        for l in range(ck.layers):
            xb = self.rms_norm(x, ck.attn_norm[l])
            q = self.rotate(ck.wq[l] @ xb, ck.heads, pos)
            self.keys[l, :, pos] = self.rotate(ck.wk[l] @ xb, kvh, pos).reshape(kvh, hs)
            self.values[l, :, pos] = (ck.wv[l] @ xb).reshape(kvh, hs)
            keys = self.keys[l, :, :pos + 1]      # [kv_heads, T, hs]
            values = self.values[l, :, :pos + 1]
            scores = (q.reshape(kvh, group, hs) @ keys.transpose(0, 2, 1)) * self.scale  # [kv_heads, group, T]
            scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
            scores /= scores.sum(axis=-1, keepdims=True)
            attended = (scores @ values).reshape(-1)  # heads in order: query head h reads kv head h // group
            x = x + ck.wo[l] @ attended
            xb = self.rms_norm(x, ck.ffn_norm[l])
            gate = ck.w1[l] @ xb
            x = x + ck.w2[l] @ (gate / (np.float32(1) + np.exp(-gate)) * (ck.w3[l] @ xb))
        return ck.classifier @ self.rms_norm(x, ck.final_norm)


class TokenizerBin:
    """llama2.c's tokenizer.bin: run.c's BPE encoding (dummy prefix, byte fallback, best-score merges)."""

    def __init__(self, path, vocab_size):
        with open(path, "rb") as f:
            data = f.read()
        off = 4  # max_token_length, not needed here
        self.pieces, self.scores = [], []
        for _ in range(vocab_size):
            score, length = struct.unpack_from("<fi", data, off)
            off += 8
            self.pieces.append(data[off:off + length])
            self.scores.append(score)
            off += length
        self.ids = {}
        for i, p in enumerate(self.pieces):
            self.ids.setdefault(p, i)

    def encode(self, text):
        ids = [BOS]
        if not text:
            return ids
        ids.append(self.ids[b" "])
        for ch in text:
            b = ch.encode("utf-8")
            ids.extend([self.ids[b]] if b in self.ids else [byte + 3 for byte in b])
        while True:
            best, at = None, -1
            for i in range(1, len(ids) - 1):
                merged = self.ids.get(self.pieces[ids[i]] + self.pieces[ids[i + 1]])
                if merged is not None and (best is None or self.scores[merged] > self.scores[best]):
                    best, at = merged, i
            if best is None:
                return ids
            ids[at:at + 2] = [best]

    def piece(self, prev, token):
        """The bytes run.c prints for token after prev."""
        p = self.pieces[token]
        if prev == BOS and p.startswith(b" "):
            p = p[1:]
        if len(p) == 6 and p.startswith(b"<0x") and p.endswith(b">"):
            p = bytes([int(p[3:5], 16)])
        if len(p) == 1 and not (0x20 <= p[0] < 0x7F or p[0] in b" \t\n\v\f\r"):
            return b""  # run.c skips unprintable single bytes
        return p


def generate(decoder, prompt, steps):
    """run.c's loop at temperature 0: (generated ids, seconds spent in the forwards that produced them)."""
    generated = []
    token, pos = prompt[0], 0
    decode_seconds = 0.0
    while pos < steps:
        started = time.perf_counter()
        logits = decoder.forward(token, pos)
        if pos < len(prompt) - 1:
            nxt = prompt[pos + 1]
        else:
            nxt = int(np.argmax(logits))
            decode_seconds += time.perf_counter() - started
        pos += 1
        if nxt == BOS:
            break
        if pos >= len(prompt):
            generated.append(nxt)
        token = nxt
    return generated, decode_seconds


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkpoint")
    parser.add_argument("--tokenizer", help="llama2.c tokenizer.bin, to give --prompt as text and print text")
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--prompt", default="", help="prompt text (needs --tokenizer)")
    group.add_argument("--prompt-ids", default=None, help="prompt token ids after BOS, space-separated")
    parser.add_argument("--steps", type=int, default=256, help="positions, as run.c's -n (0: seq_len)")
    args = parser.parse_args(argv)

    ck = Checkpoint(args.checkpoint)
    tok = TokenizerBin(args.tokenizer, ck.vocab) if args.tokenizer else None
    if args.prompt_ids is not None:
        prompt = [BOS] + [int(t) for t in args.prompt_ids.split()]
    elif tok is not None:
        prompt = tok.encode(args.prompt)
    elif args.prompt:
        parser.error("--prompt needs --tokenizer (or give --prompt-ids)")
    else:
        prompt = [BOS]
    if any(not 0 <= t < ck.vocab for t in prompt):
        parser.error(f"--prompt-ids: every id must be in [0, {ck.vocab})")
    steps = ck.seq_len if args.steps <= 0 or args.steps > ck.seq_len else args.steps
    if len(prompt) > steps:
        parser.error(f"the prompt is {len(prompt)} tokens, more than the {steps} positions")

    generated, seconds = generate(Decoder(ck), prompt, steps)
    print("prompt ids: " + " ".join(map(str, prompt)))
    print("generated ids: " + " ".join(map(str, generated)))
    if tok is not None:
        ids = prompt + generated
        text = b"".join(tok.piece(prev, t) for prev, t in zip(ids, ids[1:]))
        sys.stdout.flush()
        sys.stdout.buffer.write(text + b"\n")
        sys.stdout.buffer.flush()
    rate = len(generated) / seconds if seconds > 0 else 0.0
    print(f"numpy generate: {rate:.1f} tokens/s decode")


if __name__ == "__main__":
    main(sys.argv[1:])
