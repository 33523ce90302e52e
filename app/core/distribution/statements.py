"""Writing the signed statements (one PDF per member) and the signed public notice."""

from __future__ import annotations

import datetime as dt
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives import serialization

from app.core import outfile
from app.core.distribution import documents, posting
from app.core.distribution.notice_pdf import PAPERS, render_notice
from app.core.distribution.plan import parse_plan
from app.core.distribution.statement_pdf import render_statement
from app.core.errors import ValidationError
from app.core.i18n import _
from app.core.pdf import keys
from app.core.pdf.signing import PdfSigner
from app.core.periods import parse_date
from app.core.progress import NEVER_CANCELLED, CancelToken, Progress, no_progress

if TYPE_CHECKING:
    from app.core.book import Book


def write_statements(
    book: Book,
    year: int,
    out_dir: str | Path,
    *,
    passphrase: str | None = None,
    members: list[str] | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken = NEVER_CANCELLED,
    workers: int | None = None,
) -> list[Path]:
    """A signed PDF statement per member (or for the members with the given codes). Returns the files.

    Many statements are made in worker processes (``workers``; default: the CPUs, up to 4, from 200 on)."""
    record = posting.require(book, year)
    lines = posting.lines(book, record["id"])
    if members:
        wanted = set(members)
        lines = [ln for ln in lines if ln["code"] in wanted]
        missing = wanted - {ln["code"] for ln in lines}
        if missing:
            raise ValidationError(
                _(
                    "成员 {c} 不在这次分配中。",
                    "Member {c} is not in this distribution.",
                    c="、".join(sorted(missing)),
                )
            )
    contents = documents.statement_contents(book, record, lines)
    signer = keys.load_signer(book, passphrase)
    contents = [s | {"signer_fingerprint": signer.fingerprint} for s in contents]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    jobs = [
        (
            s,
            str(
                out / f"{year}_{documents.safe_filename(s['code'])}_{documents.safe_filename(s['name'])}.pdf"
            ),
        )
        for s in contents
    ]
    reason = _("{y}年度收益分配明细单", "Income distribution statement {y}", y=year)
    workers = workers or (min(os.cpu_count() or 1, 4) if len(jobs) >= PARALLEL_FROM else 1)
    if workers > 1:
        _in_processes(signer, jobs, reason, workers, progress, cancel)
    else:
        for i, (content, path) in enumerate(jobs, start=1):
            cancel.check()
            _write_one(signer, content, path, reason)
            progress(i, len(jobs), content["code"])
    documents.save(book, record["id"], contents)
    return [Path(p) for _c, p in jobs]


PARALLEL_FROM = 200  # below this, starting worker processes costs more than it saves
CHUNK = 50
_signer: PdfSigner | None = None  # a worker process's copy of the signer


def _write_one(signer: PdfSigner, content: dict, path: str, reason: str) -> None:
    outfile.write_bytes(path, signer.sign(render_statement(content), reason=reason, location=content["org"]))


def _start_worker(key_der: bytes, certificate_der: bytes) -> None:
    global _signer
    _signer = PdfSigner(serialization.load_der_private_key(key_der, None), certificate_der)


def _work(chunk: list[tuple[dict, str]], reason: str) -> int:
    for content, path in chunk:
        _write_one(_signer, content, path, reason)
    return len(chunk)


def _in_processes(
    signer: PdfSigner, jobs: list, reason: str, workers: int, progress: Progress, cancel: CancelToken
) -> None:
    """Render and sign in worker processes (spawned: safe from a GUI thread and on Windows); the key is handed
    to them in memory, once per process."""
    key_der = signer.key.private_bytes(
        serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    done = 0
    with ProcessPoolExecutor(
        workers,
        mp_context=get_context("spawn"),
        initializer=_start_worker,
        initargs=(key_der, signer.certificate_der),
    ) as pool:
        futures = [pool.submit(_work, jobs[i : i + CHUNK], reason) for i in range(0, len(jobs), CHUNK)]
        try:
            for f in as_completed(futures):
                done += f.result()
                progress(done, len(jobs), "")
                cancel.check()
        except BaseException:
            pool.shutdown(cancel_futures=True)
            raise


def write_notice(
    book: Book,
    year: int,
    path: str | Path,
    *,
    passphrase: str | None = None,
    start: str | None = None,
    days: int | None = None,
    objections: str | None = None,
    paper: str = "A4",
) -> Path:
    """The signed public notice. The posting period and where objections go come from the arguments, else
    from the plan's [notice] table (start: today; 7 days)."""
    if paper not in PAPERS:
        raise ValidationError(_("纸张应为 A4 或 A3。", "The paper is A4 or A3."), field="paper")
    record = posting.require(book, year)
    plan = parse_plan(record["plan"])
    first = parse_date(start or plan.notice_start or dt.date.today().isoformat(), "start")
    days = days or plan.notice_days
    if not 1 <= days <= 90:
        raise ValidationError(_("公示天数应为1到90。", "The posting period is 1 to 90 days."), field="days")
    content = documents.notice_content(
        book,
        record,
        posting.lines(book, record["id"]),
        start=first.isoformat(),
        days=days,
        end=(first + dt.timedelta(days=days - 1)).isoformat(),
        objections=objections if objections is not None else plan.objections,
    )
    signer = keys.load_signer(book, passphrase)
    content["signer_fingerprint"] = signer.fingerprint
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    reason = _("{y}年度收益分配公示", "Income distribution notice {y}", y=year)
    outfile.write_bytes(target, signer.sign(render_notice(content, paper), reason=reason, location=content["org"]))
    documents.save(book, record["id"], [content])
    return target
