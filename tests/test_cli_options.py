"""Global options work before or after the command, as people type them."""

from vanban.cli import build_parser


def test_global_options_may_follow_the_command():
    args = build_parser().parse_args(["reindex", "--to", "elasticsearch", "--es-url", "http://127.0.0.1:9200"])
    assert (args.to, args.es_url, args.store) == ("elasticsearch", "http://127.0.0.1:9200", None)


def test_an_option_after_the_command_does_not_erase_one_before_it():
    args = build_parser().parse_args(["--store", "kho", "search", "đảng bộ", "--backend", "sqlite"])
    assert (args.store, args.backend, args.query) == ("kho", "sqlite", "đảng bộ")
