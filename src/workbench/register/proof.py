"""Does the register prove itself? Both chains and the outside witness, in one verdict.

``prove(db)`` recomputes the sign-off chain and the ledger and compares the ledger with
its witness (``check``, ``restore``, the weekly report); ``prove_quick(db)`` looks only
at what was written since the last witnessed head (the app, at start-up: its cost
follows the writes since, not the register's size). ``Proof.lines()`` says what is
wrong in translated lines; ``Proof.head_line()`` is what a report prints: the head, or
where the chain is broken.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.core.i18n import t
from workbench.register import chain, ledger, witness

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Proof:
    signoffs: chain.ChainReport | None  # None: not recomputed (the quick look)
    ledger: ledger.LedgerReport | None  # None: a file from before the ledger
    findings: list[witness.Finding] = field(default_factory=list)
    witness_path: Path | None = None

    @property
    def broken(self) -> bool:
        """Something recorded was changed, removed or forged (chains or witness say so)."""
        return (self.signoffs is not None and not self.signoffs.ok) or (
            self.ledger is not None and not self.ledger.ok) or any(
            f.grave for f in self.findings)

    @property
    def unwitnessed(self) -> bool:
        """Sound as far as the file shows, but the witness is missing or behind."""
        return not self.broken and any(not f.info for f in self.findings)

    def lines(self) -> list[str]:
        """What is wrong, one translated line each (none when all holds)."""
        out = []
        if self.signoffs is not None and not self.signoffs.ok:
            out.append(t("check.chain_broken", id=self.signoffs.broken_id,
                         problem=t(f"check.chain_{self.signoffs.problem}"),
                         count=self.signoffs.count))
        for p in self.ledger.problems if self.ledger else []:
            kind = t(f"ledger.kind.{p.kind}")
            if p.what == "unsealed":
                out.append(t("ledger.unsealed", kind=kind, id=p.ref_id))
            else:
                out.append(t("ledger.broken", seq=p.seq, kind=kind, id=p.ref_id,
                             problem=t(f"ledger.{p.what}")))
        out += [t(f.key, **f.params) for f in self.findings]
        return out

    def where_broken(self) -> str:
        """The first broken place, short (a report's line)."""
        if self.signoffs is not None and not self.signoffs.ok:
            return f"{t('ledger.kind.signoff')} {self.signoffs.broken_id}"
        if self.ledger is not None and self.ledger.problems:
            p = self.ledger.problems[0]
            return f"{t('ledger.kind.' + p.kind)} {p.ref_id}"
        grave = next(f for f in self.findings if f.grave)
        return t(grave.key, **grave.params)

    def head_line(self) -> str:
        """The head a report prints, or where the chain is broken."""
        if self.broken:
            return t("witness.broken", where=self.where_broken())
        head = self.ledger.head if self.ledger else ledger.Head(0, ledger.GENESIS)
        return t("witness.head", seq=head.seq, signoffs=head.signoffs, head=head.hash)


def _has_ledger(db: Database) -> bool:
    return witness.file_id(db) is not None


def prove(db: Database, witness_path: Path | None = None) -> Proof:
    """Everything: both chains recomputed, every witnessed head compared.

    ``witness_path`` defaults to this file's witness in the user state folder.
    """
    signoffs = chain.verify_chain(db)
    if not _has_ledger(db):
        return Proof(signoffs, None)
    path = witness_path or witness.path_for(db)
    entries = witness.read(path) if path else []
    return Proof(signoffs, ledger.verify(db), witness.compare(db, entries), path)


def prove_quick(db: Database) -> Proof:
    """The links since the last witnessed head (the app's start-up look)."""
    if not _has_ledger(db):
        return Proof(None, None)
    path = witness.path_for(db)
    last = witness.last(path) if path else None
    findings = witness.compare_last(db, last)
    if any(f.grave for f in findings):
        return Proof(None, ledger.LedgerReport(ledger.head(db), []), findings, path)
    report = (ledger.verify_since(db, last.seq, last.head) if last
              else ledger.LedgerReport(ledger.head(db), ledger.unsealed(db, newest_only=True)))
    return Proof(None, report, findings, path)
