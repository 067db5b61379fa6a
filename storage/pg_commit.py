"""Group commit for PostgreSQL on asyncpg: many kudos, one transaction, each caller answered after it.

One kudos per transaction through SQLAlchemy cost a connection checkout, an advisory lock, a
statement or two compiled and sent one at a time, and a commit: about 750 kudos a second, all of
them waiting on round trips. Here the writes that arrive while one transaction is on its way share
the next one, on a connection of this replica's own, driven by asyncpg directly with statements
compiled once (``storage.pg_statements``). Each caller's future resolves only
once its transaction has committed (contract rule 6).

The rules stay in ``storage.kudos_writes``: each write is its generator of statements, driven here
in rounds. A round takes the next statement of every write in the batch and sends each kind of
statement once, for all the writes that asked for it (arrays unnested server-side; results matched
back by position), so a batch of a hundred new kudos is a handful of round trips, not hundreds.

Across replicas the daily limit and the order of a reaction's events hold as before: the
transaction first takes the advisory locks of every write in the batch (the same keys as a single
write takes: a kudos' giver and its message), in one statement and in key order, so two replicas'
batches never wait on each other in a circle. Within a batch a giver's writes run one after
another, in the order they arrived. The keys are computed here (``lock_key``), so the BEGIN and
the locks go to the server as one round trip: a transaction of new kudos is five (the locks, three
rounds of statements, the COMMIT), and on a busy machine each round trip waits for both processes
to be scheduled.

A write that fails must fail alone. Set-based statements cannot roll one write back, so a batch
that meets an error is rolled back whole and its writes are run again, each in a transaction of
its own: the failing one fails, the others commit.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass
from time import perf_counter
from typing import Callable

import sqlalchemy as sa
from sqlalchemy.engine import URL

from storage.db import CONNECT_TIMEOUT, unavailable
from storage.kudos_writes import Statement, Steps
from storage.pg_statements import Many, One
from storage.timing import Observe

log = logging.getLogger(__name__)
MAX_BATCH = 512  # writes per transaction
# A statement of a batch takes milliseconds; one still unanswered after this means the database or
# the network is gone (nobody waits for an answer longer than adapters.web.ANSWER_WITHIN anyway):
# the batch fails, the connection is dropped, and the next batch opens a new one.
WRITE_TIMEOUT = 5.0
# Advisory locks by name, in the order of their keys whoever takes them, so two transactions never
# wait for each other in a circle (the target list runs after the sort: the function is volatile).
LOCKS = "SELECT pg_advisory_xact_lock(k) FROM unnest({keys}) AS k ORDER BY k"


def lock_key(name: str) -> int:
    """The advisory lock of ``name`` (a giver, a message, the kept weeks): 64 bits of BLAKE2b, as
    PostgreSQL's signed ``bigint``. Every replica and every path computes the same key."""
    return int.from_bytes(hashlib.blake2b(f"kodo:{name}".encode(), digest_size=8).digest(), "big", signed=True)


def keys(names) -> list[int]:
    return sorted({lock_key(name) for name in names})


def begin_locked(names) -> str:
    """BEGIN and the locks of ``names`` as one simple query: one round trip. Only integers this
    module computed are written into it, never a name."""
    return "BEGIN; " + LOCKS.format(keys="ARRAY[" + ",".join(map(str, keys(names))) + "]::bigint[]")


async def take_locks(conn, names: tuple[str, ...]) -> None:
    """The same locks on an async SQLAlchemy connection (a write outside the group commit)."""
    await conn.execute(sa.text(LOCKS.format(keys="CAST(:keys AS bigint[])")), {"keys": keys(names)})


@dataclass
class _Write:
    make: Callable[[], Steps]
    locks: tuple[str, ...]  # the first is the giver's: their writes run in turn, in arrival order
    future: asyncio.Future

    @property
    def lock(self) -> str:
        return self.locks[0]


class PgGroupCommitter:
    def __init__(self, url: URL, observe: Observe | None = None):
        self._dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self.observe = observe  # told how long each commit took (GET /metrics)
        self._conn = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._pending: list[_Write] = []
        self._drainer: asyncio.Task | None = None
        self._one: dict[str, One] = {}
        self._many: dict[str, Many] = {}
        self.batches = 0  # how many transactions carried how many writes: for tests and benchmarks
        self.writes = 0

    async def run(self, make: Callable[[], Steps], locks: tuple[str, ...]):
        """``make`` builds the write's steps (again, if the write must be run alone after all);
        ``locks``: taken for the transaction, the giver's first (``_Write``)."""
        loop = asyncio.get_running_loop()
        drainer = self._drainer
        draining = drainer is not None and not (drainer.done() or drainer.get_loop().is_closed())
        if loop is not self._loop:
            if draining:
                raise RuntimeError("a PgGroupCommitter writes for one event loop at a time")
            self._loop = loop
            self._drop()  # a connection belongs to the loop that opened it
        future = loop.create_future()
        self._pending.append(_Write(make, locks, future))
        if not draining:
            self._drainer = loop.create_task(self._drain())
        return await future

    async def close(self) -> None:
        if self._drainer is not None and not self._drainer.get_loop().is_closed():
            await asyncio.wait([self._drainer])
        if self._conn is not None and not self._conn.is_closed():
            try:
                await self._conn.close(timeout=2)
            except Exception:  # noqa: BLE001 - closing a connection that is already gone
                self._conn.terminate()
        self._conn = None

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.terminate()
            except Exception:  # noqa: BLE001 - its loop is gone: nothing is left to close
                pass
            self._conn = None

    async def _drain(self) -> None:
        while self._pending:
            batch, self._pending = self._pending[:MAX_BATCH], self._pending[MAX_BATCH:]
            batch = [w for w in batch if not w.future.done()]  # callers that stopped waiting: write nothing
            if not batch:
                continue
            try:
                outcomes = await self._transaction(batch)
            except Exception as exc:  # noqa: BLE001 - the batch is rolled back; who fails is decided below
                outcomes = await self._alone(batch, exc)
            self.batches += 1
            self.writes += len(batch)
            for write, (value, exc) in zip(batch, outcomes):
                if write.future.done():
                    continue
                if exc is not None:
                    write.future.set_exception(exc)
                else:
                    write.future.set_result(value)

    async def _alone(self, batch: list[_Write], exc: Exception) -> list:
        """After a failed batch: each write in a transaction of its own, unless the database is gone."""
        gone = self._conn is None or self._conn.is_closed() or unavailable(exc)
        if gone or len(batch) == 1:
            if gone:
                self._drop()  # a connection that timed out or broke is not trusted again
            log.warning("PostgreSQL group commit of %d writes failed: %s", len(batch), type(exc).__name__)
            return [(None, exc)] * len(batch)
        # Said once per batch: a write that fails alone is rare, and a batch that always fails (a
        # statement that cannot be sent for many writes) would otherwise cost only speed, silently.
        log.warning("PostgreSQL group commit: a batch of %d writes failed (%s); each runs alone", len(batch),
                    type(exc).__name__)
        outcomes = []
        for write in batch:
            try:
                outcomes.append((await self._transaction([write]))[0])
            except Exception as alone:  # noqa: BLE001 - this write fails alone
                outcomes.append((None, alone))
        return outcomes

    async def _transaction(self, batch: list[_Write]) -> list:
        if self._conn is None or self._conn.is_closed():
            import asyncpg

            self._conn = await asyncpg.connect(self._dsn, timeout=CONNECT_TIMEOUT, command_timeout=WRITE_TIMEOUT)
        conn = self._conn
        try:
            await conn.execute(begin_locked(name for w in batch for name in w.locks))
            outcomes = await self._rounds(conn, batch)
            began = perf_counter()
            await conn.execute("COMMIT")
        except BaseException:
            await self._roll_back(conn)
            raise
        if self.observe is not None:
            self.observe("commit", perf_counter() - began)
        return outcomes

    async def _roll_back(self, conn) -> None:
        """After a failed statement, or a COMMIT that did not say it committed: a connection that
        cannot roll back (broken, timed out) is not trusted again."""
        if conn.is_closed() or not conn.is_in_transaction():
            return
        try:
            await conn.execute("ROLLBACK")
        except Exception:  # noqa: BLE001 - the transaction dies with the connection
            self._drop()

    async def _rounds(self, conn, batch: list[_Write]) -> list:
        """Drive every write's steps, one statement per write and round; a giver's writes in turn."""
        queues: dict[str, list[int]] = defaultdict(list)
        for n, write in enumerate(batch):
            queues[write.lock].append(n)
        outcomes: list = [None] * len(batch)
        steps: dict[int, Steps] = {}
        asked: dict[int, tuple[Statement, dict]] = {}

        def advance(n: int, result) -> None:
            try:
                asked[n] = steps[n].send(result)
            except StopIteration as done:
                outcomes[n] = (done.value, None)
                queue = queues[batch[n].lock]
                queue.pop(0)
                if queue:
                    start(queue[0])

        def start(n: int) -> None:
            steps[n] = batch[n].make()
            advance(n, None)

        for queue in queues.values():
            start(queue[0])
        while asked:
            by_statement: dict[str, list[int]] = defaultdict(list)
            for n, (statement, _params) in asked.items():
                by_statement[statement.name].append(n)
            round_, asked = asked, {}
            for name, writes in by_statement.items():
                statement = round_[writes[0]][0]
                many = [round_[n][1] for n in writes]
                if statement.idempotent and len(writes) > 1:
                    results = await self._once_each(conn, statement, many)
                elif len(writes) == 1:
                    results = [await self._single(statement).run(conn, many[0])]
                elif self._batched(statement).apart(many):
                    results = await self._batched(statement).run(conn, many)
                elif statement.summed:
                    results = await self._batched(statement).summed(conn, many, statement.summed)
                else:
                    results = [await self._single(statement).run(conn, params) for params in many]
                for n, result in zip(writes, results):
                    advance(n, result)
        return outcomes

    async def _once_each(self, conn, statement: Statement, many: list[dict]) -> list:
        """An idempotent statement once per distinct set of parameters; each write gets its set's
        result (in one set-based UPDATE, only one of several writes matching a row would be told
        it changed)."""
        sets = [tuple(sorted(params.items())) for params in many]
        distinct = list(dict.fromkeys(sets))
        if len(distinct) == 1:
            results = [await self._single(statement).run(conn, many[0])]
        else:
            results = await self._batched(statement).run(conn, [dict(s) for s in distinct])
        found = dict(zip(distinct, results))
        return [found[s] for s in sets]

    def _single(self, statement: Statement) -> One:
        if (found := self._one.get(statement.name)) is None:
            found = self._one[statement.name] = One(statement)
        return found

    def _batched(self, statement: Statement) -> Many:
        if (found := self._many.get(statement.name)) is None:
            found = self._many[statement.name] = Many(statement)
        return found
