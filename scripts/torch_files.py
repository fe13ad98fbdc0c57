#!/usr/bin/env python3
"""Reading PyTorch files (torch.save: .pth, .pt, .tar) without running code from them.

torch.load unpickles, and a pickle can name any Python callable. `load(path, trust=False)` first tries torch's own
weights_only loader (where torch has it), then torch.load through an unpickler that only resolves an allow-list of
globals (tensors, parameters, OrderedDict): a file that names anything else is refused with a message saying so.
`trust=True` unpickles fully, for files you trust. Used by cc-checkpoint-to-npz.py and state-dict-to-npz.py.
"""

import contextlib
import inspect
import pickle
import types

import torch

# Globals a checkpoint of tensors refers to; anything else (which could run code) is refused.
SAFE_GLOBALS = {
    ("collections", "OrderedDict"),
    ("torch._utils", "_rebuild_tensor"),
    ("torch._utils", "_rebuild_tensor_v2"),
    ("torch._utils", "_rebuild_parameter"),
}


class UnreadableFile(Exception):
    """The file is no PyTorch file, or holds Python objects beyond the allow-list."""


class _RestrictedUnpickler(pickle.Unpickler):
    def find_class(self, module, name):
        if (module, name) in SAFE_GLOBALS:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"refusing to unpickle {module}.{name}")


@contextlib.contextmanager
def _restricted_pickle():
    """torch.load through _RestrictedUnpickler (storages are resolved by torch before it is asked).

    torch 1.13's weights_only loader rejects the floats of an optimizer state, and its torch.load ignores a
    pickle_module argument, so the restriction goes in through the module torch.serialization unpickles with."""
    shim = types.ModuleType("pickle")
    shim.__dict__.update({k: v for k, v in vars(pickle).items() if not k.startswith("__")})
    shim.Unpickler = _RestrictedUnpickler
    shim.load = lambda f, **kwargs: _RestrictedUnpickler(f, **kwargs).load()
    saved = torch.serialization.pickle
    torch.serialization.pickle = shim
    try:
        yield
    finally:
        torch.serialization.pickle = saved


def load(path, trust=False):
    """The object torch.save wrote to `path`, tensors on the CPU; UnreadableFile when it cannot be read safely."""
    if trust:
        return torch.load(path, map_location="cpu")
    errors = []
    if "weights_only" in inspect.signature(torch.load).parameters:
        try:
            return torch.load(path, map_location="cpu", weights_only=True)
        except Exception as e:  # noqa: BLE001  (torch raises several types; the next loader may succeed)
            errors.append(e)
    try:
        with _restricted_pickle():
            return torch.load(path, map_location="cpu")
    except Exception as e:  # noqa: BLE001
        errors.append(e)
    raise UnreadableFile(f"{path}: cannot read it as a PyTorch file: {errors[-1]} (if it holds Python objects "
                         f"beyond tensors and you trust the file, add --trust to unpickle it fully)")
