"""A real SMTP server on a local port that fails on purpose, one way per connection.

Each new connection takes the next behaviour from its script; when the script is used up
it accepts mail. What a client gets is what a real mail server gives: a connection that
never greets (the client's timeout), a "421" greeting, a "451 try again later" for the
sender, a connection dropped after the greeting, a "550" for the recipient, or a mail
accepted and kept in `ontvangen`.
"""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from email import message_from_bytes
from email.message import Message

STIL = "stil"  # accepts the connection, never says anything: the client times out
NIET_BESCHIKBAAR = "421"  # greets with 421: the server is busy
LATER = "451"  # refuses the sender with 451: try again later
WEG = "weg"  # greets, then drops the connection
ONBEKEND = "550"  # refuses the recipient with 550: no such user (permanent)
OK = "ok"


@dataclass
class Ontvangen:
    afzender: str
    ontvangers: list[str]
    bericht: Message


@dataclass
class SmtpServer:
    script: list[str]
    poort: int = 0
    verbindingen: list[str] = field(default_factory=list)
    ontvangen: list[Ontvangen] = field(default_factory=list)
    _sock: socket.socket | None = None
    _klaar: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(16)
        self._sock.settimeout(0.2)
        self.poort = int(self._sock.getsockname()[1])
        threading.Thread(target=self._luister, daemon=True).start()

    def stop(self) -> None:
        self._klaar.set()
        if self._sock is not None:
            self._sock.close()

    def _luister(self) -> None:
        assert self._sock is not None
        while not self._klaar.is_set():
            try:
                verbinding, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            with self._lock:
                gedrag = self.script.pop(0) if self.script else OK
                self.verbindingen.append(gedrag)
            threading.Thread(target=self._bedien, args=(verbinding, gedrag), daemon=True).start()

    def _bedien(self, verbinding: socket.socket, gedrag: str) -> None:
        with verbinding, suppress(OSError):
            if gedrag == STIL:
                self._klaar.wait(30)
                return
            if gedrag == NIET_BESCHIKBAAR:
                verbinding.sendall(b"421 4.3.2 Service not available, try later\r\n")
                return
            verbinding.sendall(b"220 mail.test ESMTP\r\n")
            regels = _regels(verbinding)
            afzender, ontvangers = "", []
            for regel in regels:
                opdracht = regel[:4].upper()
                if gedrag == WEG:
                    return  # dropped without a word, after the greeting
                if opdracht in {"EHLO", "HELO"}:
                    verbinding.sendall(b"250-mail.test\r\n250 8BITMIME\r\n")
                elif opdracht == "MAIL":
                    if gedrag == LATER:
                        verbinding.sendall(b"451 4.3.0 Temporary failure, try again later\r\n")
                        continue
                    afzender = regel.split(":", 1)[1].strip().strip("<>")
                    verbinding.sendall(b"250 2.1.0 Ok\r\n")
                elif opdracht == "RCPT":
                    adres = regel.split(":", 1)[1].strip().strip("<>")
                    if gedrag == ONBEKEND:
                        verbinding.sendall(f"550 5.1.1 <{adres}>: no such user\r\n".encode())
                        continue
                    ontvangers.append(adres)
                    verbinding.sendall(b"250 2.1.5 Ok\r\n")
                elif opdracht == "DATA":
                    verbinding.sendall(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    data = _tot_punt(regels)
                    with self._lock:
                        self.ontvangen.append(
                            Ontvangen(afzender, ontvangers, message_from_bytes(data))
                        )
                    verbinding.sendall(b"250 2.0.0 Ok: queued\r\n")
                elif opdracht == "RSET":
                    verbinding.sendall(b"250 2.0.0 Ok\r\n")
                elif opdracht == "QUIT":
                    verbinding.sendall(b"221 2.0.0 Bye\r\n")
                    return
                else:
                    verbinding.sendall(b"502 5.5.2 Command not recognised\r\n")


def _regels(verbinding: socket.socket) -> Iterator[str]:
    buffer = b""
    while True:
        stuk = verbinding.recv(65536)
        if not stuk:
            return
        buffer += stuk
        while b"\r\n" in buffer:
            regel, buffer = buffer.split(b"\r\n", 1)
            yield regel.decode("utf-8", errors="replace")


def _tot_punt(regels: Iterator[str]) -> bytes:
    data = []
    for regel in regels:
        if regel == ".":
            break
        data.append(regel[1:] if regel.startswith("..") else regel)
    return "\r\n".join(data).encode()


@contextmanager
def smtp_server(*script: str) -> Iterator[SmtpServer]:
    server = SmtpServer(list(script))
    server.start()
    try:
        yield server
    finally:
        server.stop()
