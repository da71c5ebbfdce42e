"""A real OpenAI-compatible chat-completions server on 127.0.0.1 for the llm engine's tests and
bench: `http.server` in a thread, a real socket, no patched client.

By default it "translates": for each numbered sentence of a request it answers
`EN[<hash>] <the renderings the request's terminology gives for that sentence> <its Arabic
numbers>.`, so the glossary, name and number checks pass on what it returns. It can misbehave
on request: `plan` is a list of behaviours for the next requests in order, `rule(request)`
picks one per request (None: the plan, then "ok"). Behaviours:

    ok, numbered, fenced        good answers as a JSON object, a numbered list, a ```json fence
    malformed, fewer, more, empty
                                prose, one translation short, one too many, an empty one
    forget-term                 a good answer without the first terminology rendering (or `forget`)
    refuse, refusal-field       "I'm sorry…" as the content, or OpenAI's `message.refusal`
    slow                        answers after `slow_seconds` (past the client's timeout)
    http500, http401, drop      an error status, or the connection closed without an answer

It records every request, and how many were in flight at most; `barrier` makes that many
requests wait for each other (a deterministic test of parallel requests).
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from bilingual.document import text_hash

_SENTENCES = re.compile(r"Sentences to translate \(JSON, number → Chinese\):\n(\{.*?\n\})", re.S)
_RENDER = re.compile(r'^- render (.+?) as "(.*)"$', re.M)
_NUMBER = re.compile(r"\d+(?:\.\d+)?%?")


@dataclass
class Request:
    """One chat-completions request as the server saw it."""

    body: dict
    headers: dict[str, str]
    sentences: dict[str, str]  # number → Chinese, from the user message
    renderings: dict[str, str]  # Chinese → English, the terminology lines

    @property
    def user(self) -> str:
        return next(m["content"] for m in reversed(self.body["messages"]) if m["role"] == "user")


def english(zh: str, renderings: dict[str, str], forget: str = "") -> str:
    """The fake translation of one sentence (see the module docstring)."""
    parts = [f"EN[{text_hash(zh, 6)}]"]
    # each rendering as often as its term occurs (checks count every occurrence)
    parts += [
        en for term, en in renderings.items() if term != forget for _ in range(zh.count(term))
    ]
    parts += _NUMBER.findall(zh)
    return " ".join(parts) + "."


@dataclass
class FakeLLM:
    """The server (see the module docstring); `url` is its base URL, ending in /v1."""

    plan: list[str] = field(default_factory=list)
    rule: Callable[[Request], str | None] | None = None
    slow_seconds: float = 3.0
    api_key: str = ""
    barrier: threading.Barrier | None = None
    forget: str = ""  # the term forget-term leaves out (default: the request's first)
    requests: list[Request] = field(default_factory=list)
    max_in_flight: int = 0
    _in_flight: int = 0

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                server._handle(self)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    # -- one request ------------------------------------------------------------------------

    def _handle(self, handler: BaseHTTPRequestHandler) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = json.loads(handler.rfile.read(length) or b"{}")
        user = next(
            (m["content"] for m in reversed(body.get("messages", [])) if m["role"] == "user"), ""
        )
        first_user = next(
            (m["content"] for m in body.get("messages", []) if m["role"] == "user"), ""
        )
        found = _SENTENCES.search(first_user)
        request = Request(
            body,
            dict(handler.headers.items()),
            json.loads(found.group(1)) if found else {},
            dict(_RENDER.findall(first_user)),
        )
        with self._lock:
            self.requests.append(request)
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
            behaviour = (self.rule(request) if self.rule else None) or (
                self.plan.pop(0) if self.plan else "ok"
            )
        try:
            if self.barrier is not None:
                with contextlib.suppress(threading.BrokenBarrierError):  # fewer came: go on
                    self.barrier.wait(timeout=5)
            if handler.path != "/v1/chat/completions":
                return self._send(handler, 404, {"error": {"message": "no such route"}})
            if self.api_key and handler.headers.get("Authorization") != f"Bearer {self.api_key}":
                return self._send(handler, 401, {"error": {"message": "invalid api key"}})
            self._behave(handler, request, behaviour, user)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout): nothing to answer
        finally:
            with self._lock:
                self._in_flight -= 1

    def _behave(self, handler, request: Request, behaviour: str, user: str) -> None:
        if behaviour == "drop":
            handler.close_connection = True
            return
        if behaviour in ("http500", "http401"):
            return self._send(handler, int(behaviour[4:]), {"error": {"message": behaviour}})
        if behaviour == "slow":
            time.sleep(self.slow_seconds)
        forget = ""
        if behaviour == "forget-term":
            forget = self.forget if self.forget in request.renderings else ""
            forget = forget or next(iter(request.renderings), "")
        answers = {
            k: english(zh, request.renderings, forget) for k, zh in request.sentences.items()
        }
        message: dict[str, object] = {"role": "assistant"}
        if behaviour == "numbered":
            content = "\n".join(f"{k}. {en}" for k, en in answers.items())
        elif behaviour == "fenced":
            content = "```json\n" + json.dumps(answers, ensure_ascii=False) + "\n```"
        elif behaviour == "malformed":
            content = "Sure! These sentences are about the work of Party organizations."
        elif behaviour == "refuse":
            content = "I'm sorry, but I can't help with translating this text."
        elif behaviour == "refusal-field":
            content, message["refusal"] = None, "I can't assist with that."
        else:
            if behaviour == "fewer":
                answers.pop(max(answers, key=int))
            elif behaviour == "more":
                answers[str(len(answers) + 1)] = "An extra sentence."
            elif behaviour == "empty":
                answers[min(answers, key=int)] = ""
            content = json.dumps(answers, ensure_ascii=False)
        message["content"] = content
        reply = {
            "id": "chatcmpl-test",
            "object": "chat.completion",
            "model": request.body.get("model"),
            "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
        }
        self._send(handler, 200, reply)

    @staticmethod
    def _send(handler: BaseHTTPRequestHandler, status: int, data: dict) -> None:
        payload = json.dumps(data, ensure_ascii=False).encode("utf-8")
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.end_headers()
        handler.wfile.write(payload)
