#!/usr/bin/python3
"""Times PyTorch multiple-choice log-likelihood scoring on random Llamas: the reference for `fedcot bench eval`.

Run from the repository root with Debian's interpreter (torch 1.13 on the CPU, numpy):
    /usr/bin/python3 bench/torch_eval.py                       # both shapes
    /usr/bin/python3 bench/torch_eval.py --model llama-100M --questions 16
The measurement matches `fedcot bench eval`: the same two shapes (llama2.c's stories260K and a
~100M-parameter Llama), weights initialised as Hugging Face does, questions of random tokens drawn
as the Java side draws them (a context of T/2..3T/2 tokens shared by C choices of 1..2L-1 tokens),
and the same token count (context + continuation - 1 per choice). Scoring is lm-evaluation-harness's
`loglikelihood` under torch.no_grad(): every choice is its own request, (context + continuation)
without its last token; requests sorted longest first, cut into batches of at most --batch, each
right-padded to its longest row; log_softmax over the whole batch's logits, then the continuation
tokens' log-probabilities summed (and the greedy check, as the harness does). The model is the
minimal Hugging Face re-statement in models/src/test/python/make_model_fixtures.py, in float32.
Last line per shape: torch eval mc <name> <params> params: <q> questions/s, <t> loglik tokens/s
"""
import argparse
import os
import statistics
import sys
import time

import torch
import torch.nn.functional as F

import torch_train  # bench/: Hugging Face's init, the float32 rotary tables and the reference modules
from torch_train import ref

# The shapes of EvalBench.SHAPES, with the fields their Java configs default (Llama: eps 1e-6, theta 1e4)
SHAPES = {
    "stories260K": ({"model_type": "llama", "vocab_size": 512, "hidden_size": 64, "intermediate_size": 172,
                     "num_hidden_layers": 5, "num_attention_heads": 8, "num_key_value_heads": 4,
                     "max_position_embeddings": 512, "tie_word_embeddings": True}, 128),
    "llama-100M": ({"model_type": "llama", "vocab_size": 32000, "hidden_size": 768, "intermediate_size": 2048,
                    "num_hidden_layers": 12, "num_attention_heads": 12, "num_key_value_heads": 4,
                    "max_position_embeddings": 1024, "tie_word_embeddings": True}, 16),
}


def random_questions(n, vocab, args, gen):
    """n questions as (context, [continuation] * choices) token lists, drawn as EvalBench draws them."""
    def draw(low, high):  # an int in [low, high]
        return int(torch.randint(low, high + 1, (1,), generator=gen))

    def tokens(count):
        return torch.randint(0, vocab, (count,), generator=gen).tolist()

    questions = []
    for _ in range(n):
        ctx = tokens(args.context // 2 + draw(0, args.context))
        questions.append((ctx, [tokens(1 + draw(0, 2 * args.continuation - 2)) for _ in range(args.choices)]))
    return questions


def score(config, params, questions, batch):
    """Each choice's log-likelihood, as lm-evaluation-harness's loglikelihood computes them."""
    requests = [(ctx + cont)[:-1] for ctx, conts in questions for cont in conts]
    continuations = [cont for _, conts in questions for cont in conts]
    order = sorted(range(len(requests)), key=lambda i: -len(requests[i]))
    results = [None] * len(requests)
    with torch.no_grad():
        for start in range(0, len(order), batch):
            rows = order[start:start + batch]
            width = len(requests[rows[0]])
            ids = torch.zeros(len(rows), width, dtype=torch.long)
            for b, i in enumerate(rows):
                ids[b, :len(requests[i])] = torch.tensor(requests[i])
            logprobs = F.log_softmax(ref.llama_forward(config, params, ids), dim=-1)
            for b, i in enumerate(rows):
                cont = torch.tensor(continuations[i])
                positions = logprobs[b, len(requests[i]) - len(cont):len(requests[i])]
                greedy = bool((positions.argmax(-1) == cont).all())
                results[i] = (float(positions.gather(1, cont[:, None]).sum()), greedy)
    return results


def measure(name, args):
    config, default_questions = SHAPES[name]
    config = {**torch_train.HF_DEFAULTS["llama"], **config}
    torch.manual_seed(args.seed)
    params = {k: v.requires_grad_(False) for k, v in
              torch_train.init_weights(config, ref.llama_shapes(config)).items()}
    n = args.questions or default_questions
    questions = random_questions(n, config["vocab_size"], args, torch.Generator().manual_seed(args.seed))
    tokens = sum(len(ctx) + len(cont) - 1 for ctx, conts in questions for cont in conts)
    for _ in range(args.warmup):
        score(config, params, questions, args.batch)
    times = []
    for run in range(1, args.repeat + 1):
        start = time.perf_counter()
        score(config, params, questions, args.batch)
        times.append(time.perf_counter() - start)
        print(f"{name} run {run}: {times[-1]:.3f} s ({n / times[-1]:.1f} questions/s)", file=sys.stderr)
    median = statistics.median(times)
    print(f"{name}, torch {torch.__version__}, {torch.get_num_threads()} threads: {n} questions x {args.choices} "
          f"choices, {tokens} tokens read per run, batch {args.batch}; median {median:.3f} s over {args.repeat} "
          f"runs after {args.warmup} warm-up", file=sys.stderr)
    count = sum(p.numel() for p in params.values())
    print(f"torch eval mc {name} {count} params: {n / median:.1f} questions/s, {tokens / median:.0f} loglik tokens/s",
          flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="all", choices=["all", *SHAPES])
    parser.add_argument("--questions", type=int, help="per timed run (default: 128 on stories260K, half the Java side's, for time; 16 on llama-100M)")
    parser.add_argument("--choices", type=int, default=5)
    parser.add_argument("--context", type=int, default=40, help="mean context tokens, drawn from T/2 to 3T/2")
    parser.add_argument("--continuation", type=int, default=3, help="mean continuation tokens, drawn from 1 to 2L-1")
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    torch.set_num_threads(os.cpu_count())
    for name in SHAPES:
        if args.model in ("all", name):
            measure(name, args)


if __name__ == "__main__":
    main()
