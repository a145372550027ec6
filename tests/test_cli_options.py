"""Global options work before or after the command, as people type them."""

from vanban.cli import build_parser


def test_global_options_may_follow_the_command():
    args = build_parser().parse_args(["reindex", "--to", "elasticsearch", "--es-url", "http://127.0.0.1:9200"])
    assert (args.to, args.es_url, args.store) == ("elasticsearch", "http://127.0.0.1:9200", None)


def test_an_option_after_the_command_does_not_erase_one_before_it():
    args = build_parser().parse_args(["--store", "kho", "search", "đảng bộ", "--backend", "sqlite"])
    assert (args.store, args.backend, args.query) == ("kho", "sqlite", "đảng bộ")


def test_reading_commands_refuse_a_mistyped_store_instead_of_creating_it(tmp_path, capsys):
    from vanban.cli import main

    for command in (["search", "đảng bộ", "--json"], ["stats", "--json"], ["check", "--json"]):
        assert main(["--store", str(tmp_path / "kho-go-nham"), "--backend", "sqlite", *command]) == 2
        err = capsys.readouterr().err
        assert "kho-go-nham" in err and "no store here" in err and "[E301]" in err, command
    assert not (tmp_path / "kho-go-nham").exists()
