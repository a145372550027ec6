"""The `vanban` command. Each subcommand imports only what it needs, so `vanban search` on the
embedded store starts without loading Prefect, spaCy or underthesea."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

from vanban.errors import UsageError, VanbanError
from vanban.settings import Settings, settings_for

EXIT_INPUT = 2


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _settings(args: argparse.Namespace) -> Settings:
    return settings_for(args.store, args.backend, args.es_url)


def _store(args: argparse.Namespace):
    """The store a reading command (search, check, stats) reads: never created by reading it."""
    from vanban.search.base import open_store

    return open_store(_settings(args), create=False)


# --- commands -----------------------------------------------------------------------------------

def cmd_extract(args: argparse.Namespace) -> int:
    from vanban.extractors import extract
    from vanban.model import to_dict

    try:
        document = extract(args.file, settings=_settings(args))
    except VanbanError:
        raise
    except Exception as exc:  # a loader bug must still answer in one line naming the file
        raise VanbanError(f"{args.file}: unexpected {type(exc).__name__}: {exc}") from exc
    data = to_dict(document)
    if args.json:
        _print_json(data)
    else:
        from vanban.cli.render import render_document

        sys.stdout.write(render_document(document))
    return 0


def cmd_ingest(args: argparse.Namespace) -> int:
    from vanban.pipelines.runtime import quiet_prefect

    quiet_prefect()
    from vanban.pipelines.ingest import ingest
    from vanban.pipelines.runtime import prefect_api

    settings = _settings(args)
    with prefect_api():
        summary = ingest([str(p) for p in args.paths], store=str(settings.store), backend=settings.backend,
                         es_url=settings.es_url, show_progress=True, dask_address=args.dask_address,
                         workers=args.workers)
    if args.json:
        _print_json({key: summary[key] for key in ("ingested", "skipped", "failed", "skipped_files")})
    else:
        failed = summary["failed"]
        print(f"ingested {summary['ingested']}, skipped {summary['skipped']}, failed {len(failed)}")
        for item in summary["skipped_files"]:
            print(f"  skipped: {item['path']}: {item['reason']}")
        for item in failed:
            print(f"  failed: {item['error']}")
    # every file failed: a script must not take that run for a success
    return EXIT_INPUT if summary["failed"] and not (summary["ingested"] or summary["skipped"]) else 0


def cmd_search(args: argparse.Namespace) -> int:
    from vanban.model import SearchQuery, to_dict

    query = SearchQuery(q=args.query, kind=args.kind, level=args.level, issuer=args.issuer, signer=args.signer,
                        date_from=args.date_from, date_to=args.date_to, references=args.cites,
                        limit=args.limit, offset=args.offset, sort=args.sort)
    store = _store(args)
    try:
        result = store.search(query)
    finally:
        store.close()
    if args.json:
        _print_json(to_dict(result))
    else:
        from vanban.cli.render import render_search

        sys.stdout.write(render_search(result))
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from vanban.checks import render_markdown, render_summary, run_checks
    from vanban.model import to_dict

    store = _store(args)
    try:
        results = run_checks(store, parent=args.parent, child=args.child)
        if args.report:
            Path(args.report).write_text(render_markdown(results, store), encoding="utf-8")
    finally:
        store.close()
    if args.json:
        _print_json({"pairs": to_dict(results)})
    else:
        sys.stdout.write(render_summary(results, every_missing=args.all))
    return 0


def cmd_progress(args: argparse.Namespace) -> int:
    from vanban.checks.progress import run_progress
    from vanban.checks.progress_report import render_text
    from vanban.model import to_dict

    store = _store(args)
    try:
        progress = run_progress(store, args.parent)
    finally:
        store.close()
    if args.json:
        _print_json(to_dict(progress))
    else:
        sys.stdout.write(render_text(progress))
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    store = _store(args)
    try:
        stats = store.stats()
    finally:
        store.close()
    if args.json:
        _print_json(stats)
    else:
        print(", ".join(f"{k}: {v}" for k, v in stats.items()))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    if args.results:
        return _eval_results(args)
    if args.checks:
        if not args.texts:
            raise UsageError("vanban eval --checks needs --texts DIR, the folder of the texts the pairs name")
        from vanban.checks.evaluation import evaluate_checks, render_checks_table

        report = evaluate_checks(Path(args.checks), Path(args.texts))
        render = render_checks_table
    elif args.gold_dir:
        from vanban.extractors.evaluation import evaluate, render_table

        report = evaluate(Path(args.gold_dir), Path(args.texts) if args.texts else None)
        render = render_table
    else:
        raise UsageError("vanban eval needs GOLD_DIR, or --checks GOLD_DIR, or --results GOLD_DIR --texts DIR")
    if args.json:
        _print_json(report)
    else:
        table = render(report)
        sys.stdout.write(table if table.endswith("\n") else table + "\n")
    return 0


def _eval_results(args: argparse.Namespace) -> int:
    from vanban.checks.results_eval import evaluate_results, render_results_table

    if not args.texts:
        raise UsageError("--results needs --texts DIR: the folder holding the reports and the documents they review")
    report = evaluate_results(Path(args.results), Path(args.texts))
    if args.json:
        _print_json(report)
    else:
        sys.stdout.write(render_results_table(report))
    return 0


def cmd_reindex(args: argparse.Namespace) -> int:
    from vanban.search.base import open_store
    from vanban.search.reindex import reindex

    if args.source == "raw":
        from vanban.cli.manage import cmd_rebuild

        return cmd_rebuild(args)

    source_settings = _settings(args)
    target_settings = _settings(args)
    source_settings.backend = args.source
    target_settings.backend = args.to
    if args.to == args.source:
        raise UsageError("--to names the backend the documents already live in")
    source, target = open_store(source_settings, create=False), open_store(target_settings)
    try:
        count = reindex(source, target)
    finally:
        source.close()
        target.close()
    print(f"reindexed {count} documents from {args.source} into {args.to}", file=sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from vanban.web.app import create_app

    app = create_app(_settings(args))
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    from vanban.pipelines.runtime import quiet_prefect

    quiet_prefect()
    from vanban.pipelines.deployments import prefect_server, serve_deployments

    settings = _settings(args)
    for name in ("inbox", "inbox_interval", "check_cron", "timezone", "prefect_port"):
        if getattr(args, name) is not None:
            setattr(settings, name, getattr(args, name))
    settings.inbox = Path(settings.inbox)
    settings.inbox.mkdir(parents=True, exist_ok=True)
    with prefect_server(port=settings.prefect_port) as api_url:
        print(f"serving ingest-inbox (every {settings.inbox_interval} s over {settings.inbox}) and "
              f"check-consistency ({settings.check_cron}, {settings.timezone}) against {api_url}; "
              "Ctrl-C stops", file=sys.stderr)
        try:
            serve_deployments(settings)
        except KeyboardInterrupt:
            print("worker stopped", file=sys.stderr)
    return 0


# --- parser -------------------------------------------------------------------------------------

def _add_global_options(parser: argparse.ArgumentParser, default: object) -> None:
    parser.add_argument("--store", default=default, help="store folder (env VANBAN_STORE, default .vanban)")
    parser.add_argument("--backend", default=default, choices=["sqlite", "elasticsearch"],
                        help="env VANBAN_BACKEND")
    parser.add_argument("--es-url", default=default, help="Elasticsearch URL (env VANBAN_ES_URL)")


def build_parser() -> argparse.ArgumentParser:
    from vanban.search.query import MAX_LIMIT
    from vanban.vocab import SORTS

    parser = argparse.ArgumentParser(prog="vanban", description=__doc__.splitlines()[0])
    _add_global_options(parser, default=None)
    # The same options after the command ("vanban reindex --to elasticsearch --es-url URL");
    # SUPPRESS keeps an absent one from erasing what was given before the command.
    common = argparse.ArgumentParser(add_help=False)
    _add_global_options(common, default=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command", required=True)

    def command(name: str, **kw: Any) -> argparse.ArgumentParser:
        return sub.add_parser(name, parents=[common], **kw)

    p = command("extract", help="read one file and print what was extracted")
    p.add_argument("file")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_extract)

    p = command("ingest", help="ingest files and folders into the store (Prefect flow)")
    p.add_argument("paths", nargs="+", type=Path)
    p.add_argument("--json", action="store_true")
    p.add_argument("--dask-address", metavar="ADDRESS",
                   help="extract on an existing Dask cluster, e.g. tcp://10.0.0.5:8786 (env VANBAN_DASK_ADDRESS)")
    p.add_argument("--workers", type=int, metavar="N",
                   help="local worker processes (env VANBAN_WORKERS; default one per core, 1: none)")
    p.set_defaults(func=cmd_ingest)

    p = command("search", help="full-text search, accents optional")
    p.add_argument("query")
    p.add_argument("--kind")
    p.add_argument("--level")
    p.add_argument("--issuer")
    p.add_argument("--signer", help="the signer's name, accents and case aside")
    p.add_argument("--from", dest="date_from", metavar="DATE")
    p.add_argument("--to", dest="date_to", metavar="DATE")
    p.add_argument("--cites", metavar="NUMBER", help="only documents citing this document number")
    p.add_argument("--limit", type=int, default=10, help=f"hits per answer, at most {MAX_LIMIT}")
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--sort", choices=list(SORTS), default=next(iter(SORTS)))
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = command("check", help="check that plans carry the targets of the documents they implement")
    p.add_argument("--parent", metavar="NUMBER_OR_ID")
    p.add_argument("--child", metavar="NUMBER_OR_ID")
    p.add_argument("--report", metavar="FILE.md", help="also write the Markdown report")
    p.add_argument("--all", action="store_true",
                   help="list every missing indicator with its sentence (by default the summary "
                        "names a few per pair; --json and --report always hold every item)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_check)

    p = command("progress", help="where each target of a resolution stands, from the reports on it, and who "
                                 "implements it")
    p.add_argument("--parent", metavar="NUMBER_OR_ID", required=True)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_progress)

    p = command("stats", help="count documents, passages and targets in the store")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_stats)

    p = command("eval", help="score extraction (or, with --checks or --results, the checks or the follow-through) "
                             "against gold annotations")
    p.add_argument("gold_dir", nargs="?")
    p.add_argument("--checks", metavar="GOLD_DIR", help="score the checks on the pairs these gold files name")
    p.add_argument("--results", metavar="GOLD_DIR",
                   help="score reported results and their links to targets against this gold folder")
    p.add_argument("--texts", metavar="DIR")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_eval)

    p = command("reindex", help="copy every document from one backend into another, or (--from raw) "
                                "extract every document again from its original file")
    p.add_argument("--to", choices=["sqlite", "elasticsearch"], required=True)
    p.add_argument("--from", dest="source", choices=["sqlite", "elasticsearch", "raw"], default="sqlite")
    p.set_defaults(func=cmd_reindex)

    from vanban.cli import manage

    manage.add_commands(command)

    p = command("worker", help="serve the Prefect deployments (inbox ingest, nightly check)")
    p.add_argument("--inbox", help="folder to watch (env VANBAN_INBOX, default ./inbox)")
    p.add_argument("--interval", dest="inbox_interval", type=int,
                   help="seconds between inbox runs (env VANBAN_INBOX_INTERVAL, default 300)")
    p.add_argument("--cron", dest="check_cron",
                   help="schedule of the consistency check (env VANBAN_CHECK_CRON, default '0 2 * * *')")
    p.add_argument("--timezone", help="time zone of the schedules (env VANBAN_TIMEZONE, default Asia/Ho_Chi_Minh)")
    p.add_argument("--prefect-port", type=int,
                   help="port of the local Prefect server started when PREFECT_API_URL is unset "
                        "(env VANBAN_PREFECT_PORT, default 4200)")
    p.set_defaults(func=cmd_worker)

    p = command("serve", help="web UI and REST API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.set_defaults(func=cmd_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    # The Elasticsearch client logs every failed attempt with a traceback; our own errors say
    # what went wrong in one line, so its chatter stays out of a terminal user's way.
    logging.getLogger("elastic_transport").setLevel(logging.CRITICAL)
    try:
        return args.func(args)
    except VanbanError as exc:
        print(f"vanban: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        print("vanban: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
