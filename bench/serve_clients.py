"""Aggregate throughput of N concurrent greedy clients against one client asking the same prompts in turn.

Usage: serve_clients.py URL MODEL [N=8] [TOKENS=128] [ROUNDS=5] [WARMUP=10]   (URL without /v1, e.g. http://127.0.0.1:8000)
Runs WARMUP untimed rounds, then ROUNDS timed rounds of both (one client, then N clients), and prints the
median tokens/s of each, the median of the rounds' ratios, and how many concurrent answers equal the
one-client answers. The server's JIT keeps compiling the batched path for the first twenty or so
concurrent rounds (the batch's size changes as requests join and leave), so a server measured straight
after its start times the compiler. A concurrent round lasts well under a second on a small model, and the
clients share the machine with the server, so single rounds scatter.
Standard library only, so any Python 3 runs it.
"""
import json
import statistics
import sys
import threading
import time
import urllib.request

url, model = sys.argv[1], sys.argv[2]
n = int(sys.argv[3]) if len(sys.argv) > 3 else 8
tokens = int(sys.argv[4]) if len(sys.argv) > 4 else 128
rounds = int(sys.argv[5]) if len(sys.argv) > 5 else 5
warmup = int(sys.argv[6]) if len(sys.argv) > 6 else 10
prompts = ["Once upon a time", "The little dog", "Lily and Ben went", "One day a bird",
           "There was a big tree", "Tom liked to play", "The sun was hot", "A girl named Sue"]
prompts = [prompts[i % len(prompts)] + " " * (i // len(prompts)) for i in range(n)]


def ask(prompt):
    body = json.dumps({"model": model, "prompt": prompt, "max_tokens": tokens, "temperature": 0}).encode()
    request = urllib.request.Request(url + "/v1/completions", body, {"Content-Type": "application/json"})
    answer = json.load(urllib.request.urlopen(request, timeout=600))
    return answer["choices"][0]["text"], answer["usage"]["completion_tokens"]


def concurrently():
    out = [None] * n
    threads = [threading.Thread(target=lambda i=i: out.__setitem__(i, ask(prompts[i]))) for i in range(n)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return out, time.perf_counter() - start


# warm-up, untimed: requests alone and concurrent rounds, so the server's JIT has compiled the decode
# path for one row and for a full batch before either is timed
for _ in range(warmup):
    ask(prompts[0])
    concurrently()
one_rates, many_rates, same = [], [], n
for _ in range(rounds):
    start = time.perf_counter()
    alone = [ask(p) for p in prompts]
    alone_s = time.perf_counter() - start
    together, together_s = concurrently()
    one_rates.append(sum(c for _, c in alone) / alone_s)
    many_rates.append(sum(c for _, c in together) / together_s)
    same = min(same, sum(1 for a, b in zip(alone, together) if a[0] == b[0]))
one = statistics.median(one_rates)
many = statistics.median(many_rates)
ratios = [m / o for o, m in zip(one_rates, many_rates)]
rates = lambda xs: ", ".join(f"{x:.0f}" for x in xs)
print(f"one client, {n} requests of {tokens} tokens in turn: median {one:.1f} tokens/s ({rates(one_rates)})")
print(f"{n} concurrent clients: median {many:.1f} tokens/s ({rates(many_rates)})")
# each round's two halves run back to back, so their ratio is paired: the machine's speed, which can
# drift by half within minutes, cancels in it, where it does not between the two medians
print(f"ratio: median {statistics.median(ratios):.2f}x of the rounds' ({', '.join(f'{r:.2f}' for r in ratios)});"
      f" ratio of the medians {many / one:.2f}x")
print(f"identical answers: {same}/{n} in every round")
