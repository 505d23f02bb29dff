"""The start-up rules: where to listen, TLS for another host, the port's range, the
command each tab runs, the QR code; and the CLI's exit codes for each refusal."""

from __future__ import annotations

import shlex
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from workbench import cli
from workbench.serve import launch
from workbench.serve.launch import ServeUsageError, check_listen


def test_local_by_default() -> None:
    listen = check_listen(None, None)
    assert (listen.host, listen.port, listen.context, listen.insecure) == (
        "127.0.0.1", 8000, None, False)
    assert listen.scheme == "http"


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.2", "::1", "localhost"])
def test_a_local_host_needs_no_tls(host: str) -> None:
    assert check_listen(host, 8000).insecure is False


def test_another_host_needs_tls_or_insecure() -> None:
    with pytest.raises(ServeUsageError) as caught:
        check_listen("192.168.1.20", 8000)
    assert caught.value.key == "serve.needs_tls"
    listen = check_listen("192.168.1.20", 8000, insecure=True)
    assert listen.insecure and listen.context is None


@pytest.mark.parametrize("host", ["0.0.0.0", "::", ""])
def test_every_interface_is_refused(host: str) -> None:
    with pytest.raises(ServeUsageError) as caught:
        check_listen(host, 8000, insecure=True)
    assert caught.value.key == "serve.wildcard_host"


@pytest.mark.parametrize(("port", "ok"), [
    (0, True), (65535, True), (65536, False), (-1, False), ("8000", True), ("80a", False),
    ("", False)])
def test_the_port_range(port: object, ok: bool) -> None:
    if ok:
        assert check_listen(None, port).port == int(port)
    else:
        with pytest.raises(ServeUsageError):
            check_listen(None, port)


def test_tls_needs_both_files_and_usable_ones(tmp_path: Path) -> None:
    with pytest.raises(ServeUsageError) as caught:
        check_listen("192.168.1.20", 8443, cert=str(tmp_path / "c.pem"))
    assert caught.value.key == "serve.tls_pair"
    with pytest.raises(ServeUsageError) as caught:
        check_listen("192.168.1.20", 8443, str(tmp_path / "c.pem"), str(tmp_path / "k.pem"))
    assert caught.value.key == "serve.tls_unusable"


def self_signed(folder: Path) -> tuple[Path, Path]:
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.fail("openssl is needed to make a test certificate")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=192.168.1.20", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True, timeout=60)
    return cert, key


def test_tls_lets_another_host_serve(tmp_path: Path) -> None:
    cert, key = self_signed(tmp_path)
    listen = check_listen("192.168.1.20", 8443, str(cert), str(key))
    assert listen.scheme == "https" and not listen.insecure


def test_the_tab_command_opens_the_same_file_language_and_day(tmp_path: Path) -> None:
    command = launch.app_command(tmp_path / "my db.db", str(tmp_path / "c.toml"), "zh",
                                 "2026-11-27", no_backup=False)
    argv = shlex.split(command)
    assert argv[:3] == [sys.executable, "-m", "workbench"]
    assert argv[argv.index("--db") + 1] == str((tmp_path / "my db.db").resolve())
    assert argv[argv.index("--lang") + 1] == "zh"
    assert argv[argv.index("--today") + 1] == "2026-11-27"
    assert "--no-backup" not in argv
    assert "--no-backup" in shlex.split(launch.app_command(None, None, "en", None, True))


def test_the_link_as_a_qr_code() -> None:
    lines = launch.qr_lines("http://127.0.0.1:8000/?token=abc")
    assert len(lines) > 10 and all(len(x) == len(lines[0]) for x in lines)


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out = capsys.readouterr()
    assert "Traceback" not in out.err + out.out
    return code, out.out, out.err


@pytest.mark.parametrize(("args", "zh"), [
    (["--host", "192.168.1.20"], "需要加密"),
    (["--host", "0.0.0.0", "--insecure"], "不是一个可打开的地址"),
    (["--port", "65536"], "0 到 65535"),
    (["--tls-cert", "c.pem", "--host", "192.168.1.20"], "需要同时给出"),
])
def test_a_refused_option_is_one_line_and_exit_2(capsys, tmp_path: Path, args: list[str],
                                                 zh: str) -> None:
    code, out, err = run(capsys, "--lang", "zh", "serve", "--db", str(tmp_path / "w.db"),
                         *args)
    assert code == 2 and zh in err and err.count("\n") == 1
    assert not (tmp_path / "w.db").exists()


def test_a_taken_port_is_one_line_and_exit_1(capsys, tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        code, out, err = run(capsys, "serve", "--db", str(tmp_path / "w.db"), "--port",
                             str(port))
    assert code == 1 and f"Cannot listen on 127.0.0.1:{port}" in err


def test_without_the_serve_extra_one_line_says_what_to_install(capsys, monkeypatch,
                                                                 tmp_path: Path) -> None:
    for name in ("workbench.commands.serve", "workbench.serve.server", "workbench.serve.page"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    for name in [m for m in sys.modules if m.startswith("textual_serve")] + ["textual_serve"]:
        monkeypatch.setitem(sys.modules, name, None)  # as if not installed
    code, out, err = run(capsys, "serve", "--db", str(tmp_path / "w.db"))
    assert code == 1 and "pip install 'workbench[serve]'" in err and "textual_serve" in err


def test_the_server_process_never_loads_textual() -> None:
    """The server only relays: each tab's app is its own process (a lighter server, and
    the import contract that keeps serve on core holds at run time too)."""
    code = ("import sys, workbench.commands.serve, workbench.serve.server\n"
            "print('textual' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


@pytest.mark.parametrize("sig", ["SIGINT", "SIGTERM"])
def test_ctrl_c_or_sigterm_stops_it_cleanly(tmp_path: Path, sig: str) -> None:
    import signal

    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", "--lang", "en", "serve", "--port", "0", "--db",
         str(tmp_path / "w.db")], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        for line in process.stdout:  # listening once the link is printed
            if "/?token=" in line:
                break
        process.send_signal(getattr(signal, sig))
        out, err = process.communicate(timeout=60)
    finally:
        process.kill()
    assert process.returncode == 0 and out.splitlines()[-1] == "Stopped."
    assert "Traceback" not in err
