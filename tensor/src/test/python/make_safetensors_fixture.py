"""Writes the safetensors fixture the Java reader is tested against.

The `safetensors` package is not assumed to be installed, so the format is written by hand from
torch tensors: an 8-byte little-endian header length, a JSON header padded with spaces to a
multiple of 8, then each tensor's little-endian bytes.

Alongside it goes a text file with the values torch itself gives each tensor as float32
(`tensor.float()`), so the Java test checks its F16/BF16 decoding against torch, not against itself.
Each line: name <TAB> dtype <TAB> comma-separated shape <TAB> space-separated values (Python repr,
exact for float32 values).

Run from the repository root with Debian's interpreter (torch 1.13, numpy):
    /usr/bin/python3 tensor/src/test/python/make_safetensors_fixture.py
"""
import json
import struct
from pathlib import Path

import torch

OUT_DIR = Path(__file__).resolve().parents[1] / "resources" / "safetensors"
FIXTURE = OUT_DIR / "torch_written.safetensors"
EXPECTED = OUT_DIR / "torch_written.expected.txt"

METADATA = {"format": "pt", "writer": "make_safetensors_fixture.py", "note": "quote \" and caf\u00e9"}


def tensors():
    """Fixed values (no RNG), covering inexact decimals, a transposed source, a scalar and halves."""
    return {
        "embed.weight": (torch.arange(12, dtype=torch.float32) * 0.1 - 0.55).reshape(3, 4),
        # A transposed (non-contiguous) tensor: the file must hold its row-major contiguous copy.
        "proj.weight_t": torch.tensor([[1.5, -2.25], [3.0, 1e-3], [-7.0, 123456.789]]).t(),
        "scale": torch.tensor(2.5),
        "norm.half": torch.tensor([1.0, -2.0, 0.1, 65504.0, 6e-8, -0.0], dtype=torch.float16),
        "lm_head.bf16": torch.tensor([[3.14159, -0.001], [1e30, 7.0]], dtype=torch.bfloat16),
        "step": torch.tensor([42], dtype=torch.int64),
    }


def to_bytes(t):
    """The little-endian bytes and safetensors dtype code of a tensor."""
    t = t.contiguous()
    if t.dtype == torch.bfloat16:
        # numpy has no bfloat16: reinterpret the bits as int16.
        return t.view(torch.int16).numpy().astype("<i2").tobytes(), "BF16"
    codes = {torch.float32: ("<f4", "F32"), torch.float16: ("<f2", "F16"), torch.int64: ("<i8", "I64")}
    numpy_type, code = codes[t.dtype]
    return t.numpy().astype(numpy_type).tobytes(), code


def main():
    header = {"__metadata__": METADATA}
    data = bytearray()
    lines = []
    for name, t in tensors().items():
        raw, code = to_bytes(t)
        header[name] = {"dtype": code, "shape": list(t.shape), "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
        values = " ".join(repr(float(v)) for v in t.contiguous().float().flatten().tolist())
        lines.append(f"{name}\t{code}\t{','.join(str(d) for d in t.shape)}\t{values}")
    header_bytes = json.dumps(header, separators=(",", ":")).encode("utf-8")
    header_bytes += b" " * (-len(header_bytes) % 8)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    FIXTURE.write_bytes(struct.pack("<Q", len(header_bytes)) + header_bytes + bytes(data))
    EXPECTED.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
