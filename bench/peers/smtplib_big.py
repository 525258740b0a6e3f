"""Peer: Python's smtplib sending one big message file (benchmark 2).

sendmail() takes the whole message as one bytes object (it normalizes line ends and
doubles leading dots in memory), so the file is read whole: that is smtplib's way.
"""
import smtplib
import sys


def main() -> None:
    host, port, sender, recipient, path = sys.argv[1:6]
    with open(path, "rb") as handle:
        message = handle.read()
    client = smtplib.SMTP(host, int(port), local_hostname="bench.mailwire.test")
    refused = client.sendmail(sender, [recipient], message)
    client.quit()
    if refused:
        raise SystemExit(f"recipient refused: {refused}")


if __name__ == "__main__":
    main()
