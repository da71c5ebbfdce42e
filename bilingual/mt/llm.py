"""The llm engine: a local LLM behind an OpenAI-compatible chat-completions endpoint.

It translates in context (`mt.InContext`): the caller hands it sentences in document order
with their article's title, neighbours and Analysis; it asks for consecutive sentences of one
article at a time (`llm_prompt`), the glossary terms and names they hold stated as binding
instructions, and up to `parallel` requests at once. Every answer must give one translation
per sentence. When it does not:

1. a malformed answer (not JSON or a numbered list, a wrong count, an empty translation) is
   asked again once, with what was wrong;
2. still malformed, or refused, or failed in transit (timeout, dropped connection, HTTP 5xx),
   each sentence is asked on its own;
3. a sentence that still gets no usable answer is left without English and flagged
   `llm-malformed`, `llm-refused` or `llm-failed` (not cached: the next run asks again).

The same checks as for every engine follow (`terms.protect.check`: term-miss, name-miss,
number-mismatch). When MAX_FAILURES requests in a row fail in transit the endpoint is taken
to be down and the run stops with an error; what was translated is committed and kept.

A stop request (Ctrl-C) during a chunk ends the requests in flight at once and gives the
chunk up (`chunks.Abandoned`): the caller keeps the chunks committed before it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from functools import cached_property

from ..chunks import Abandoned, StopRequest
from ..document import Flag, Signature
from ..errors import ModelError, NetworkError
from ..terms.analysis import Analysis
from . import EngineBase, EngineOptions, SentenceInContext
from .llm_client import Answer, Client, TransientError
from .llm_prompt import looks_like_refusal, messages, parse, prompt_id, retry_messages
from .llm_settings import LLMSettings

MAX_FAILURES = 3  # requests failing in transit in a row: the endpoint is down
SNIPPET = 100  # characters of a bad answer quoted in a flag
POLL_SECONDS = 0.1  # how often a chunk's wait looks for a stop request

Result = tuple[str, tuple[Flag, ...]]


class LLMEngine(EngineBase):
    """Chinese → English by an LLM, sentence-aligned, with the glossary in its instructions."""

    name = "llm"
    label = "LLM translation"
    flag = None

    def __init__(self, options: EngineOptions) -> None:
        self.settings = (options.llm or LLMSettings()).resolved()
        s = self.settings
        if not s.model:
            raise ModelError(
                "No LLM model is named",
                "Give one with --llm-model NAME (e.g. qwen2.5:7b-instruct), or set model in "
                "the [llm] table of the config file (see `bilingual translate --help`).",
            )
        if (s.parallel or 0) < 1 or (s.timeout or 0) <= 0 or (s.sentences_per_request or 0) < 1:
            raise ModelError(
                "The LLM settings need parallel ≥ 1, timeout > 0 and sentences_per_request ≥ 1",
                "Fix the flags or the [llm] table of the config file.",
            )
        self.client = Client(
            s.url or "",
            s.model,
            s.api_key,
            float(s.timeout or 0),
            bool(s.allow_remote),
            s.api_key_env or "",
        )
        self.batch_sentences = int(s.parallel or 1) * int(s.sentences_per_request or 1)
        self._failures = 0
        self._lock = threading.Lock()
        self._stopped = False

    def signature(self) -> Signature:
        """`llm MODEL prompt=1-3fa2c1`: the model and the prompt template decide the output
        (the endpoint's address does not: the same model anywhere answers alike)."""
        return Signature("llm", "_".join(self.settings.model.split()), prompt=prompt_id())

    # -- the engine protocol --------------------------------------------------------------

    def translate(self, texts: list[str]) -> list[str]:
        """Plain texts, each on its own (no article, no glossary): for callers that do not
        know `translate_units`. Protected markers pass through as any Latin text does."""
        units = [SentenceInContext(Analysis(t, (), (), ()), i, "") for i, t in enumerate(texts)]
        return [en for en, _ in self.translate_units(units)]

    def translate_units(
        self, units: list[SentenceInContext], stop: StopRequest | None = None
    ) -> list[Result]:
        """(English, flags) per sentence, in order; requests run `parallel` at a time. On a
        stop request the requests in flight end at once and the chunk is given up."""
        groups = _groups(units, int(self.settings.sentences_per_request or 1))
        try:
            futures = [self._pool.submit(self._group, g) for g in groups]
            running = set(futures)
            while running:
                if stop is not None and stop.asked:
                    raise Abandoned
                done, running = wait(running, timeout=POLL_SECONDS, return_when=FIRST_EXCEPTION)
                for future in done:
                    future.result()  # a fatal error (endpoint down, key refused) ends the run
            return [r for f in futures for r in f.result()]
        except BaseException:
            # A stop request or a fatal error: end the requests in flight now rather than at
            # their timeout, and start no more.
            self._stopped = True
            self._pool.shutdown(wait=False, cancel_futures=True)
            self.client.abort()
            raise

    @cached_property
    def _pool(self) -> ThreadPoolExecutor:
        """The same threads for every batch, so each keeps its connection alive."""
        return ThreadPoolExecutor(
            max_workers=int(self.settings.parallel or 1), thread_name_prefix="llm"
        )

    # -- one request and its fallbacks -----------------------------------------------------

    def _ask(self, sent: list[dict[str, str]]) -> Answer:
        if self._stopped:  # the run is ending: no fallback request after an abort
            raise Abandoned
        try:
            answer = self.client.chat(sent)
        except TransientError:
            with self._lock:
                self._failures += 1
                down = self._failures >= MAX_FAILURES
            if down:
                raise NetworkError(
                    f"The LLM endpoint at {self.settings.url} failed {MAX_FAILURES} requests "
                    "in a row",
                    "Check the model server (or raise --llm-timeout) and run again: what was "
                    "translated is saved.",
                ) from None
            raise
        with self._lock:
            self._failures = 0
        return answer

    def _group(self, group: list[SentenceInContext]) -> list[Result]:
        """A request for the group; retried once when malformed; else sentence by sentence."""
        sent = messages(group)
        try:
            answer = self._ask(sent)
        except TransientError:
            return self._one_by_one(group)
        refused = _refused(answer)
        if not refused:
            found, problem = parse(answer.content, len(group))
            if found is None:
                try:
                    again = self._ask(retry_messages(sent, answer.content, problem, len(group)))
                except TransientError:
                    return self._one_by_one(group)
                found, _ = parse(again.content, len(group))
            if found is not None:
                return [(en, ()) for en in found]
        if len(group) == 1:
            return [_failed(group[0], answer, "llm-refused" if refused else "llm-malformed")]
        return self._one_by_one(group)

    def _one_by_one(self, group: list[SentenceInContext]) -> list[Result]:
        out: list[Result] = []
        for unit in group:
            try:
                answer = self._ask(messages([unit]))
            except TransientError as exc:
                out.append(("", (Flag("llm-failed", str(exc)),)))
                continue
            if _refused(answer):
                out.append(_failed(unit, answer, "llm-refused"))
                continue
            found, _ = parse(answer.content, 1)
            out.append((found[0], ()) if found else _failed(unit, answer, "llm-malformed"))
        return out


def _groups(units: Sequence[SentenceInContext], size: int) -> list[list[SentenceInContext]]:
    """Consecutive sentences of the same article, at most `size` to a request."""
    groups: list[list[SentenceInContext]] = []
    for unit in units:
        if groups and groups[-1][0].article == unit.article and len(groups[-1]) < size:
            groups[-1].append(unit)
        else:
            groups.append([unit])
    return groups


def _refused(answer: Answer) -> bool:
    return (
        bool(answer.refusal)
        or answer.finish_reason == "content_filter"
        or (looks_like_refusal(answer.content) and parse(answer.content, 1)[0] is None)
    )


def _failed(unit: SentenceInContext, answer: Answer, code: str) -> Result:
    said = " ".join((answer.refusal or answer.content).split())
    said = said if len(said) <= SNIPPET else said[: SNIPPET - 1] + "…"
    return "", (Flag(code, f"the model answered: {said!r}" if said else "empty answer"),)
