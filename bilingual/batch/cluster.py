"""Translation on a Ray cluster: a pool of actors, each holding the model, behind an Engine.

`ray_engine()` connects (`ray.init(address=…)`, or starts a local instance when no address is
given; a Ray already initialised in this process, as in the tests, is used as it is), starts
one actor per worker (one CPU each) and returns a `RemoteEngine`: the driver's own engine
object for everything but `translate`, which hands the chunk to a free actor. So the
driver alone protects terms, restores and checks, writes the cache and the stores
(`translation.py`); the actors only see protected sentences and return English.

The model reaches the actors one of two ways (`ship`):
- `bytes` (the default): the installed package, zipped once into Ray's object store
  (`ray.put`); each actor unpacks it into its own temporary folder. Works on any cluster.
- `path`: each actor reads the package from the same Argos package folder as the driver
  (`ARGOS_PACKAGES_DIR`), which the nodes must share (NFS, say). Nothing is copied.

Each actor loads the CTranslate2 model once, single-threaded (one CPU per actor, so Ray's
scheduling is the thread layout). The nodes need `bilingual[cluster]` installed.
"""

from __future__ import annotations

import contextlib
import io
import os
import queue
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import ModelError
from ..mt import Engine, EngineOptions

SHIP = ("bytes", "path")
INSTALL = "Install the cluster extra: `uv pip install 'bilingual[cluster]'` (or pip)."


def _ray():
    """The ray module, or a one-line error saying how to install it."""
    # Under `uv run`, Ray would start every worker with `uv run` in a fresh environment
    # built from the project (without this extra); the nodes' own Python is what we want.
    # Read when Ray is imported.
    os.environ.setdefault("RAY_ENABLE_UV_RUN_RUNTIME_ENV", "0")
    try:
        import ray
    except ImportError:
        raise ModelError("--ray needs Ray, which is not installed", INSTALL) from None
    return ray


class ModelActor:
    """One actor: an engine built once from the shipped package (or the shared folder)."""

    def __init__(
        self, engine: str, options: EngineOptions, package: bytes | None, packages_dir: str
    ) -> None:
        os.environ["OMP_NUM_THREADS"] = "1"  # Ray gave this actor one CPU
        self.folder = ""
        if package is not None:
            self.folder = tempfile.mkdtemp(prefix="bilingual-model-")
            with zipfile.ZipFile(io.BytesIO(package)) as zf:
                zf.extractall(self.folder)
            packages_dir = self.folder
        if packages_dir:
            os.environ["ARGOS_PACKAGES_DIR"] = packages_dir
        from ..mt import create

        self.engine = create(engine, options)
        if hasattr(type(self.engine), "layout"):
            # A CTranslate2 engine: one replica of one thread, as Ray gave this actor one CPU
            # (its own layout would take every core of the node, in each actor).
            self.engine.layout = (1, 1)
        self.engine.translate(["预热。"])  # load the model now, not in the first chunk

    def signature(self) -> str:
        return str(self.engine.signature())

    def translate(self, texts: list[str]) -> list[str]:
        return self.engine.translate(texts)

    def close(self) -> None:
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)


class RemoteEngine:
    """The driver's engine, with `translate` done by whichever actor is free."""

    def __init__(self, local: Engine, actors: list) -> None:
        self.local = local
        self.name, self.label, self.flag = local.name, local.label, local.flag
        self.workers = len(actors)
        self._free: queue.Queue = queue.Queue()
        for actor in actors:
            self._free.put(actor)

    def __getattr__(self, name: str):  # placeholders, prepare, …: the driver's engine's
        return getattr(self.local, name)

    def signature(self):
        return self.local.signature()

    def prepare(self, count: int) -> None:
        """Nothing to load here: each actor loaded its model when it started."""

    def translate(self, texts: list[str]) -> list[str]:
        ray = _ray()
        actor = self._free.get()
        try:
            return ray.get(actor.translate.remote(texts))
        except ray.exceptions.RayError as exc:
            raise ModelError(
                f"A Ray worker failed ({type(exc).__name__}: {str(exc).splitlines()[0]})",
                "Check the cluster (`ray status`), then run the same command to continue.",
            ) from None
        finally:
            self._free.put(actor)


def _package(engine: Engine) -> tuple[bytes | None, str]:
    """The engine's installed package zipped (paths relative to the package folder), and
    the package folder it was found in; (None, '') for engines without a model."""
    info = getattr(engine, "info", None)
    if info is None:
        return None, ""
    buffer = io.BytesIO()
    root = Path(info.path)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zf:  # weights hardly compress
        for path in sorted(root.rglob("*")):
            if path.is_file():
                zf.write(path, (Path(root.name) / path.relative_to(root)).as_posix())
    return buffer.getvalue(), str(root.parent)


def _connect(ray, address: str | None, workers: int) -> bool:
    """Initialise Ray; True when this call did (so it shuts Ray down after)."""
    if ray.is_initialized():
        return False
    try:
        if address:
            ray.init(address=address, log_to_driver=False)
        else:
            ray.init(num_cpus=workers, include_dashboard=False, log_to_driver=False)
    except (ConnectionError, RuntimeError, ValueError) as exc:
        where = address or "a local instance"
        raise ModelError(
            f"Cannot start Ray on {where} ({str(exc).splitlines()[0] if str(exc) else exc})",
            "Check the address (`ray status` on the head node), or leave it out for a local Ray.",
        ) from None
    return True


def _started(ray, actors: list) -> list[str]:
    """The actors' engine signatures, once each has loaded its model; a failure to start
    (no such model on a node, a broken environment) as one line."""
    try:
        return ray.get([a.signature.remote() for a in actors])
    except ray.exceptions.RayError as exc:
        cause = getattr(exc, "cause", None)
        what = getattr(cause, "message", None) or str(exc).strip().splitlines()[-1]
        raise ModelError(
            f"A Ray worker could not load the model ({what})",
            "Check that every node has `bilingual[cluster]` (and, with --ship path, the "
            "model), or use --ship bytes.",
        ) from None


@contextmanager
def ray_engine(
    local: Engine,
    options: EngineOptions,
    address: str | None = None,
    workers: int = 0,
    ship: str = "bytes",
) -> Iterator[RemoteEngine]:
    """A `RemoteEngine` over `workers` actors (default: the cluster's CPUs); actors are killed
    and a Ray this call started is shut down when the block ends, Ctrl-C included."""
    if ship not in SHIP:
        raise ModelError(f"Unknown --ship '{ship}'", f"Choose one of: {', '.join(SHIP)}.")
    ray = _ray()
    started = _connect(ray, address, workers or (os.cpu_count() or 1))
    actors: list = []
    try:
        count = workers or max(1, int(ray.cluster_resources().get("CPU", 1)))
        package, folder = _package(local)
        shipped = ray.put(package) if ship == "bytes" and package is not None else None
        remote = ray.remote(num_cpus=1)(ModelActor)
        options = EngineOptions(options.model, options.beam_size, options.max_decoding_length)
        actors = [
            remote.remote(local.name, options, shipped, "" if shipped else folder)
            for _ in range(count)
        ]
        want = str(local.signature())
        for got in _started(ray, actors):
            if got != want:
                raise ModelError(
                    f"A Ray worker loaded another model ({got}, not {want})",
                    "Use --ship bytes, or install the same model on every node.",
                )
        yield RemoteEngine(local, actors)
    finally:
        for actor in actors:
            with contextlib.suppress(Exception):  # a dead actor has nothing left to clean
                ray.get(actor.close.remote(), timeout=10)
            ray.kill(actor)
        if started:
            ray.shutdown()
