"""The managing commands: get, delete, correct, replace, audit, and reindex from the raw files.

Whatever they change goes into the audit log under the label "cli:<user>": the command line holds
no staff key, the machine's user account is who acted.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any, Callable

from vanban.errors import NotFoundError, UsageError
from vanban.vocab import CORRECTABLE

CLI_LABEL_PREFIX = "cli:"


def cli_label() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return CLI_LABEL_PREFIX + user


def _store(args: argparse.Namespace):
    from vanban.cli import _store as open_store

    return open_store(args)


def _print_json(data: Any) -> None:
    from vanban.cli import _print_json as print_json

    print_json(data)


def cmd_get(args: argparse.Namespace) -> int:
    from vanban.model import to_dict

    with _store(args) as store:
        doc = store.get(args.id)
        if doc is None:
            raise NotFoundError(f"no document with id {args.id}")
        files = store.files(doc)
    if args.json:
        _print_json({**to_dict(doc), "files": [f.to_json() for f in files]})
    else:
        from vanban.cli.render import render_document

        sys.stdout.write(render_document(doc))
        for f in files:
            print(f"file: {f.sha} ({f.role}) {f.source}")
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    with _store(args) as store:
        doc_id = store.document_id(args.id)
        shas = store.remove(args.id, cli_label())
    if args.json:
        _print_json({"id": doc_id, "deleted": True, "files": shas})
    else:
        print(f"deleted {doc_id} and its {len(shas)} file(s)", file=sys.stderr)
    return 0


def cmd_correct(args: argparse.Namespace) -> int:
    from vanban.model import to_dict

    changes: dict[str, Any] = {f: getattr(args, f) for f in CORRECTABLE if getattr(args, f, None) is not None}
    if "period" in changes:
        start, dash, end = changes["period"].partition("-")
        changes["period"] = {"start": start.strip(), "end": end.strip()} if dash else changes["period"]
    for field in args.clear or []:
        changes[field] = None
    with _store(args) as store:
        doc = store.correct(args.id, changes, cli_label())
    if args.json:
        _print_json(to_dict(doc))
    else:
        meta = doc.doc
        print(f"{doc.id}: number {meta.number!r}, kind {meta.kind}, issuer {meta.issuer!r}, "
              f"level {meta.level}, date {meta.date!r}; corrected by hand: {', '.join(meta.corrected) or 'none'}")
    return 0


def cmd_replace(args: argparse.Namespace) -> int:
    from vanban.cli import _settings
    from vanban.extractors import extract

    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"{path}: cannot read: {exc.strerror}") from exc
    document = extract(str(path), data, settings=_settings(args))
    with _store(args) as store:
        doc = store.replace_file(args.id, document, data, path.name, cli_label())
    print(f"{doc.id}: its text now comes from {path.name}", file=sys.stderr)
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    with _store(args) as store:
        entries = store.registry.audit(limit=args.limit, doc_id=args.id and store.document_id(args.id))
    if args.json:
        _print_json({"entries": [e.to_json() for e in entries]})
    else:
        for e in entries:
            print(f"{e.at}  {e.label:<16} {e.action:<8} {e.doc_id[:16]}  {e.detail}")
    return 0


def cmd_rebuild(args: argparse.Namespace) -> int:
    """`vanban reindex --from raw`: extract every document again from its main file."""
    from vanban.cli import _settings
    from vanban.extractors import extract
    from vanban.search.base import open_store
    from vanban.search.rebuild import rebuild_from_raw

    settings = _settings(args)
    settings.backend = args.to
    failures: list[str] = []

    def progress(done: int, doc_id: str, error: str) -> None:
        if error:
            failures.append(error)
        print(f"[{done}] {doc_id[:16]}: {error or 'extracted'}", file=sys.stderr, flush=True)

    with open_store(settings) as target:
        count = rebuild_from_raw(target, lambda name, data: extract(name, data, settings=settings), progress)
    print(f"re-extracted {count} documents from the raw files into {args.to}"
          + (f"; {len(failures)} failed" if failures else ""), file=sys.stderr)
    return 2 if failures else 0


def add_commands(command: Callable[..., argparse.ArgumentParser]) -> None:
    p = command("get", help="one stored document, by its id or any of its files' sha256")
    p.add_argument("id")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_get)

    p = command("delete", help="remove a document everywhere: its files, index entry and corrections")
    p.add_argument("id", help="the document id or any of its files' sha256")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_delete)

    p = command("correct", help="correct a document's metadata by hand (kept through reindexing)")
    p.add_argument("id")
    p.add_argument("--number")
    p.add_argument("--kind")
    p.add_argument("--issuer")
    p.add_argument("--level")
    p.add_argument("--date", metavar="YYYY-MM-DD")
    p.add_argument("--period", metavar="START-END", help='e.g. "2021-2025"')
    p.add_argument("--clear", action="append", choices=list(CORRECTABLE), metavar="FIELD",
                   help="drop this field's correction (show the extracted value again); repeatable")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_correct)

    p = command("replace", help="replace a document's file with a corrected one (same id)")
    p.add_argument("id")
    p.add_argument("file")
    p.set_defaults(func=cmd_replace)

    p = command("audit", help="the audit log: uploads, deletions, replacements, corrections")
    p.add_argument("--id", help="only this document's entries")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_audit)
