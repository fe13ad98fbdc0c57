#!/usr/bin/env python3
"""Shares of a training step's CPU samples by kind of work, from async-profiler's collapsed stacks.

Usage: classify-stacks.py STACKS.collapsed [--top N]

Each stack is classified by its innermost frame that names a kind of work (oneDNN's convolution kernels, batch
norm, ...); stacks with no such frame fall to OpenMP waits, Java, the JVM or other native code. --top N also prints
the N heaviest leaf frames of the 'other native' and 'Java' kinds, to refine the rules.
"""
import collections
import re
import sys

# innermost frame first: the first rule that matches a frame, walking from the leaf to the root, names the work
FRAME_RULES = [
    ("convolution", r"convolution|_conv_|conv_fwd|conv_bwd|jit_.*conv|brgemm|brg_conv|winograd|wino_|im2col|col2im"),
    ("layout copies (reorder, contiguous)", r"reorder|contiguous|copy_|clone|_to_copy|permute|transpose|empty_like"),
    ("batch norm", r"batch_norm|batchnorm"),
    ("max pool", r"max_pool"),
    ("relu", r"relu|threshold"),
    ("heads and loss (matmul, softmax, log, reductions)",
     r"addmm|::mm|_mm_|gemm|matmul|linear|softmax|log_softmax|logsumexp|::exp|::log|cross_entropy|nll|::sum|::mean|norm"),
    ("element-wise (add, mul, Adam's updates)", r"::add|add_|::mul|mul_|::div|div_|::sub|sub_|sqrt|lerp|addcmul|addcdiv|fill_|zero_|vectorized_loop|cpu_kernel"),
    ("memory allocation", r"je_|jemalloc|^malloc|^free|^mmap|^munmap|page_fault|clear_page|do_anonymous_page|alloc_pages"),
    ("autograd bookkeeping", r"torch::autograd::|autograd::Engine|evaluate_function"),
    ("DJL's JNI layer", r"ai\.djl\.pytorch\.jni|Java_ai_djl_pytorch"),
]
FALLBACK = [
    ("OpenMP waits and barriers", r"gomp_|GOMP_|futex|sched_yield|pthread_cond|__lll_lock"),
    ("Java", r"_\[j\]|_\[i\]|_\[0\]|^io\.cc4j|^ai\.djl|^java\.|^jdk\."),
    ("JVM (compiler, GC, VM)", r"CompileBroker|C2Compiler|Compilation|G1|GC|VMThread|Interpreter|SharedRuntime"),
]


def classify(frames):
    for f in reversed(frames):
        for name, rx in FRAME_RULES:
            if re.search(rx, f):
                return name
    for name, rx in FALLBACK:
        for f in reversed(frames[-8:]):
            if re.search(rx, f):
                return name
    return "other native"


def main():
    path = sys.argv[1]
    top = int(sys.argv[sys.argv.index("--top") + 1]) if "--top" in sys.argv else 0
    totals = collections.Counter()
    leaves = collections.defaultdict(collections.Counter)
    n = 0
    with open(path) as f:
        for line in f:
            stack, _, count = line.rstrip("\n").rpartition(" ")
            if not count.isdigit():
                continue
            c = int(count)
            frames = stack.split(";")
            kind = classify(frames)
            totals[kind] += c
            leaves[kind][frames[-1]] += c
            n += c
    for kind, c in totals.most_common():
        print(f"{100.0 * c / n:6.1f}%  {kind}")
    print(f"{n} samples")
    for kind in ("other native", "Java"):
        for leaf, c in leaves[kind].most_common(top):
            print(f"    {kind}: {100.0 * c / n:5.1f}%  {leaf[:140]}")


if __name__ == "__main__":
    main()
