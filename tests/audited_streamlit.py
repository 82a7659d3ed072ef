"""Run ``streamlit`` with a Python audit hook that logs every outgoing connection and name lookup.

``python tests/audited_streamlit.py LOG run app.py ...`` is ``streamlit run app.py ...`` in which each
``socket.connect``, ``socket.sendto`` and ``socket.getaddrinfo`` of the server process to anything but
the loopback interface appends one line to LOG. The offline test reads it: an empty log means the server
asked no outside host anything, not even a DNS name.
"""

from __future__ import annotations

import ipaddress
import sys

LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def is_local(host: object) -> bool:
    if host is None:
        return True
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    name = str(host).lower().strip("[]")
    if name in LOOPBACK_NAMES:
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False  # a host name that is not localhost: a lookup that would leave the machine
    return address.is_loopback or address.is_unspecified


def main() -> None:
    log_path, *argv = sys.argv[1:]
    log = open(log_path, "a", buffering=1, encoding="utf-8")  # noqa: SIM115 - open for the process's life

    def hook(event: str, args: tuple) -> None:
        if event in ("socket.connect", "socket.sendto"):
            address = args[-1]
            if isinstance(address, tuple) and address and not is_local(address[0]):
                log.write(f"{event} {address!r}\n")
        elif event == "socket.getaddrinfo" and not is_local(args[0]):
            log.write(f"{event} {args[0]!r}\n")

    sys.addaudithook(hook)
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", *argv]
    streamlit_main()


if __name__ == "__main__":
    main()
