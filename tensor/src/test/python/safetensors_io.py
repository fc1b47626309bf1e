"""Minimal safetensors writer for test fixtures, so fixture scripts need only torch and numpy.

Format (https://huggingface.co/docs/safetensors): an 8-byte little-endian header length N, N bytes
of JSON mapping each tensor name to {dtype, shape, data_offsets} (plus an optional string-to-string
"__metadata__"), then the raw little-endian tensor bytes the offsets point into.
"""
import json
import struct

import numpy as np


def save_safetensors(path, tensors, metadata=None):
    """Writes `tensors` (name -> torch tensor or numpy array) as F32 to `path`.

    Tensors are stored in name order; `metadata` values are converted to strings, as the format
    only allows string values there.
    """
    header = {}
    if metadata:
        header["__metadata__"] = {str(k): str(v) for k, v in metadata.items()}
    blobs = []
    offset = 0
    for name in sorted(tensors):
        array = _as_f32(tensors[name])
        blob = array.astype("<f4").tobytes()
        header[name] = {
            "dtype": "F32",
            "shape": list(array.shape),
            "data_offsets": [offset, offset + len(blob)],
        }
        blobs.append(blob)
        offset += len(blob)
    header_bytes = json.dumps(header, separators=(",", ":")).encode("utf-8")
    # Pad with spaces to 8 bytes so the data starts aligned, as the reference implementation does.
    header_bytes += b" " * (-len(header_bytes) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(header_bytes)))
        f.write(header_bytes)
        for blob in blobs:
            f.write(blob)


def _as_f32(value):
    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    # np.array, not np.ascontiguousarray: the latter turns a 0-d scalar into shape [1]
    return np.array(value, dtype=np.float32, order="C")
