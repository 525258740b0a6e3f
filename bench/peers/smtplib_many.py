"""Peer: Python's smtplib, one SMTP object, sendmail() in a loop on one connection.

Same argv and output as the Node clients (bench/src/many/protocol.ts): it times the span
from the first MAIL FROM to the reply to the last message's final dot, and prints one
JSON line. smtplib does not pipeline: MAIL, each RCPT, DATA and the body wait in turn.
"""
import json
import smtplib
import sys
import time


def main() -> None:
    host, port, messages, sender, to, message_file = sys.argv[1:7]
    recipients = to.split(",")
    with open(message_file, "rb") as handle:
        message = handle.read()
    client = smtplib.SMTP(host, int(port), local_hostname="bench.mailwire.test")
    client.ehlo()
    started = time.perf_counter()
    cpu_started = time.process_time()
    for _ in range(int(messages)):
        refused = client.sendmail(sender, recipients, message)
        if refused:
            raise SystemExit(f"recipients refused: {refused}")
    elapsed_ms = (time.perf_counter() - started) * 1000
    cpu_ms = (time.process_time() - cpu_started) * 1000
    client.quit()
    print(json.dumps({"client": "smtplib", "messages": int(messages), "elapsedMs": elapsed_ms, "cpuMs": cpu_ms}))


if __name__ == "__main__":
    main()
