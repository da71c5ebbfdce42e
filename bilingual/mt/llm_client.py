"""A small client for OpenAI-compatible chat completions (Ollama, llama.cpp's server, vLLM, LM
Studio…), with the offline promise enforced where the socket is opened.

The promise: sentences go only to this machine or a private network. The host is resolved
once, every address it resolves to must be in LOCAL_NETWORKS (127/8, ::1, 10/8, 172.16/12,
192.168/16, fc00::/7, link-local), and the connection is made to an address that was
checked — never resolved again, so a name cannot change its answer in between.
`allow_remote` (`--allow-remote`) lifts the check; the user then sends text off the network.

The standard library's `http.client` is enough: one keep-alive connection per worker thread,
a timeout on every request, and `abort()` closes the connections in flight (Ctrl-C must not
wait for a slow model).
"""

from __future__ import annotations

import contextlib
import http.client
import ipaddress
import json
import socket
import ssl
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..errors import ModelError, NetworkError


class TransientError(Exception):
    """A request that may succeed if asked again or smaller: a timeout, a dropped
    connection, an overloaded server (HTTP 429, 5xx) or a request it could not take (400)."""


@dataclass(frozen=True)
class Answer:
    """What the model said: its text, why it stopped, and its refusal (when the server
    reports one apart from the text, as OpenAI's `message.refusal`)."""

    content: str
    finish_reason: str = ""
    refusal: str = ""


# This machine and private networks (RFC 1918, RFC 4193, link-local), named one by one:
# `ipaddress`'s is_private also counts documentation and other reserved ranges.
LOCAL_NETWORKS = tuple(
    ipaddress.ip_network(n)
    for n in (
        "127.0.0.0/8",
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "169.254.0.0/16",
        "::1/128",
        "fc00::/7",
        "fe80::/10",
    )
)


def _allowed(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])  # an IPv6 zone index is not the address
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip in network for network in LOCAL_NETWORKS)


def check_endpoint(url: str, allow_remote: bool = False) -> tuple[str, str, int, str, str]:
    """(scheme, host, port, checked address, path) of an endpoint URL; raises when the URL is
    not http(s), the host does not resolve, or (without `allow_remote`) any address it resolves
    to is neither loopback nor private."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ModelError(
            f"The LLM URL {url!r} is not an http:// or https:// URL",
            "Give the endpoint's base URL, e.g. --llm-url http://127.0.0.1:11434/v1.",
        )
    host = parts.hostname
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = [str(ipaddress.ip_address(host))]  # an address needs no lookup
    except ValueError:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, ValueError) as exc:
            raise NetworkError(
                f"Cannot resolve the LLM host {host!r} ({exc})", "Check --llm-url."
            ) from None
        addresses = list(dict.fromkeys(str(info[4][0]) for info in infos))
    if not allow_remote:
        outside = [a for a in addresses if not _allowed(a)]
        if outside:
            raise NetworkError(
                f"Refusing to send sentences to {host} ({', '.join(outside)}): it is neither "
                "this machine nor a private network, and translation stays offline",
                "Run the model locally, or pass --allow-remote to send the text there.",
            )
    path = parts.path.rstrip("/")
    return parts.scheme, host, port, addresses[0], path


class _HTTP(http.client.HTTPConnection):
    """HTTP to the checked address; the Host header still names the host."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _HTTPS(http.client.HTTPSConnection):
    """HTTPS to the checked address, the certificate checked against the host's name."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


class Client:
    """POST chat completions to one endpoint; thread-safe (a connection per thread)."""

    def __init__(
        self, url: str, model: str, api_key: str, timeout: float, allow_remote: bool, key_env: str
    ) -> None:
        self.url = url
        self.model = model
        self.api_key = api_key
        self.key_env = key_env
        self.timeout = timeout
        self.scheme, self.host, self.port, self.address, self.path = check_endpoint(
            url, allow_remote
        )
        self._local = threading.local()
        self._open: set[http.client.HTTPConnection] = set()
        self._lock = threading.Lock()

    def _connection(self) -> http.client.HTTPConnection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            kind = _HTTPS if self.scheme == "https" else _HTTP
            conn = kind(self.host, self.port, self.address, self.timeout)
            self._local.conn = conn
            with self._lock:
                self._open.add(conn)
        return conn

    def _drop(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
            with self._lock:
                self._open.discard(conn)

    def abort(self) -> None:
        """Close every connection, so requests in flight end now (their threads see an error)."""
        with self._lock:
            for conn in self._open:
                if conn.sock is not None:
                    with contextlib.suppress(OSError):  # already closed by the other side
                        conn.sock.shutdown(socket.SHUT_RDWR)
                conn.close()
            self._open.clear()

    def chat(self, messages: list[dict[str, str]]) -> Answer:
        """One chat completion at temperature 0. Raises `TransientError` for what may pass,
        NetworkError when the endpoint cannot be reached, ModelError when it refuses the key
        or does not know the model."""
        body = json.dumps(
            {"model": self.model, "messages": messages, "temperature": 0, "stream": False},
            ensure_ascii=False,
        ).encode("utf-8")
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.api_key:
            headers["Authorization"] = f"Bearer {self.api_key}"
        try:
            status, data = self._post(body, headers)
        except TimeoutError:
            self._drop()
            raise TransientError(f"no answer within {self.timeout:g} s") from None
        except ConnectionRefusedError:
            self._drop()
            raise NetworkError(
                f"Cannot reach the LLM endpoint at {self.url} (connection refused)",
                "Start the model server (e.g. `ollama serve`) or check --llm-url.",
            ) from None
        except (OSError, http.client.HTTPException) as exc:
            self._drop()
            raise TransientError(f"connection lost ({type(exc).__name__})") from None
        return self._answer(status, data)

    def _post(self, body: bytes, headers: dict[str, str]) -> tuple[int, bytes]:
        """(status, body) of one POST; a kept-alive connection the server has closed since is
        replaced once, silently (that is no failure of the request)."""
        for attempt in (1, 2):
            conn = self._connection()
            reused = conn.sock is not None
            try:
                conn.request("POST", f"{self.path}/chat/completions", body, headers)
                response = conn.getresponse()
                return response.status, response.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                if not reused or attempt == 2:
                    raise
                self._drop()
        raise AssertionError("unreachable")

    def _answer(self, status: int, data: bytes) -> Answer:
        detail = data[:200].decode("utf-8", "replace").strip()
        if status in (401, 403):
            raise ModelError(
                f"The LLM endpoint at {self.url} refused the request (HTTP {status}: {detail})",
                f"Set {self.key_env} to a valid API key.",
            )
        if status == 404:
            raise ModelError(
                f"The LLM endpoint at {self.url} has no model {self.model!r} or no chat "
                f"completions (HTTP 404: {detail})",
                "Check --llm-model and --llm-url (it ends in /v1 for most servers).",
            )
        if status != 200:
            raise TransientError(f"HTTP {status}: {detail}")
        try:
            reply = json.loads(data)
            choice = reply["choices"][0]
            message = choice.get("message") or {}
            return Answer(
                content=str(message.get("content") or ""),
                finish_reason=str(choice.get("finish_reason") or ""),
                refusal=str(message.get("refusal") or ""),
            )
        except (ValueError, KeyError, IndexError, TypeError, AttributeError):
            raise TransientError(f"not a chat completion: {detail}") from None
