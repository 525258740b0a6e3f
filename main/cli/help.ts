// `mailwire --help`: the whole contract in one page (usage, options, output, JSON fields,
// exit codes), so what a script relies on is written where the script's author looks.

const USAGE = `Usage:
  mailwire send --server HOST[:PORT] --from ADDR --to ADDR [--to ADDR ...] [--cc ADDR ...] [--bcc ADDR ...]
                [--subject TEXT] [--body TEXT | --body-file PATH | --data-file PATH] [--attach PATH ...]
                [--header "Name: value" ...] [--tls auto|starttls|implicit|none] [--insecure] [--ca PATH]
                [--user NAME] [--allow-plaintext-auth] [--helo NAME] [--timeout SECONDS]
                [--quit-after connect|greeting|ehlo|tls|auth|mail|rcpt] [--json]
  mailwire probe HOST[:PORT] [--tls auto|starttls|implicit|none] [--insecure] [--ca PATH]
                [--helo NAME] [--timeout SECONDS] [--json]
  mailwire --help | --version
`

const SEND = `mailwire send: send one message and show the whole SMTP session

  --server HOST[:PORT]   HOST is a name, an IPv4 address, or [IPv6] in brackets ([::1]:2525).
                         Port 25 by default, 465 with --tls implicit.
  --from ADDR            envelope sender and From header ("Ann <ann@example.com>" or ann@example.com)
  --to ADDR              recipient; repeat it, or paste a list: --to "a@x.org, Bob <b@y.org>"
  --cc ADDR, --bcc ADDR  same; Bcc recipients get the message but are not named in its headers
  --subject TEXT
  --body TEXT            the text body; or --body-file PATH (a UTF-8 text file)
  --data-file PATH       send PATH as the whole message, headers and body, as it is (raw mode,
                         like typing it after DATA); warns when it has no From or Date header
  --attach PATH          attach a file; repeat for more
  --header "Name: value" an extra header; repeat for more
  --tls MODE             auto (default): STARTTLS when the server offers it; starttls: require it;
                         implicit: TLS from the first byte (smtps); none: never
  --insecure             accept a certificate that does not verify (still shown, and flagged)
  --ca PATH              trust this PEM CA bundle too (a private or test CA)
  --user NAME            log in (AUTH); the password comes from MAILWIRE_PASSWORD or is asked
                         on the terminal without echo. There is no --password flag, on purpose:
                         arguments are visible to other users and kept in shell history.
  --allow-plaintext-auth allow the password over a connection without TLS (refused otherwise)
  --helo NAME            the name sent in EHLO/HELO (default: this machine's full name, or
                         the address literal of our end of the connection, e.g. [192.0.2.1])
  --timeout SECONDS      bound every single wait (connect, each reply, each write) to SECONDS;
                         without it each step has its RFC 5321 section 4.5.3.2 default
  --quit-after STEP      stop with QUIT after connect, greeting, ehlo, tls, auth, mail or rcpt
                         (nothing is sent; exit 0 when that step succeeded)
  --json                 print one JSON object instead of the transcript (see Output)
`

const PROBE = `mailwire probe: what does this server offer?

  Connects, reads the greeting, sends EHLO, starts TLS when offered (or from the first byte
  with --tls implicit), sends EHLO again, and QUITs. Shows the capabilities before and after
  TLS side by side (what disappeared, what appeared) and the certificate: subject, issuer,
  names, validity and days left, SHA-256 fingerprint, the verdict, the protocol and cipher.
  Takes --tls, --insecure, --ca, --helo, --timeout and --json as send does.
`

const OUTPUT = `Output:
  The transcript, live, one line per line on the wire:
      12.3ms -> EHLO me.example        client to server
      12.9ms <- 250 2.1.5 Ok   (ok · destination address valid)
               ~> and <~ once the line travels inside TLS
               == information and the TLS handshake, ** errors
  Time since the session started on each line, the meaning of each reply code after it, and
  message lines up to a bound, then a byte count. Text from the server is printed safely:
  control characters and bidi overrides are shown as visible symbols (␛, \\u{202e}).
  Then a result paragraph: status, each recipient's outcome, queue id, TLS, timings.
  Colour only on a terminal; NO_COLOR turns it off, FORCE_COLOR forces it.

  --json prints exactly one JSON object on stdout, nothing else:
    send:  { "transcript": WireEvent[], "result": SendResult }
    probe: { "transcript": WireEvent[], "probe": ProbeResult }
    bad input (exit 2, before any connection): { "error": { "code": "EINPUT", "message" } }
  WireEvent: seq (0,1,2…), at (ms since start), kind (client|server|tls|info|error),
    text (the line without CRLF; credentials masked), phase (connect|greeting|ehlo|starttls|
    auth|mail|rcpt|data|quit), secure (inside TLS), reply {code, enhanced} on server lines,
    rtt (ms, on a reply's last line), bytes/totalBytes (DATA progress), tls (handshake details).
  SendResult: status (sent|partial|refused|failed|unknown), recipients [{address, accepted,
    reply {code, enhanced, lines}}], finalReply, queueId, timings [{phase, start, end}],
    capabilities, capabilitiesBeforeTls, tls {protocol, cipher, certificates, authorized,
    authorizationError, verificationSkipped, mode}, error {code, message, command, reply,
    phase}, dataBytes, startedAt (ISO), durationMs.
  ProbeResult: the greeting, the capabilities before and after TLS, the TLS details, and an
    error when the probe could not finish.
`

const EXIT = `Exit codes:
  0  every recipient accepted and the message queued (or the --quit-after step succeeded)
  1  the server refused some or all recipients, the sender, the message, or the login
  2  bad input, nothing sent: an address with CR/LF, a missing file, an unknown option,
     --password, no password available, or a password that would go out in cleartext
  3  connection, TLS, protocol or timeout failure, or an unknown outcome (no reply after the
     final dot: the message may have been delivered)
  Each non-zero exit prints one line on stderr: "mailwire: <reason>".

Environment:
  MAILWIRE_PASSWORD   the password for --user
  NO_COLOR, FORCE_COLOR

Examples:
  mailwire send --server 127.0.0.1:2525 --from me@example.com --to you@example.com \\
                --subject "Hello" --body "Testing, 1 2 3"
  MAILWIRE_PASSWORD=... mailwire send --server smtp.example.com:587 --tls starttls \\
                --user me --from me@example.com --to you@example.com --body-file note.txt
  mailwire probe smtp.example.com:25
`

export const HELP = `mailwire: send a test message and see every byte of the SMTP session

${USAGE}
${SEND}
${PROBE}
${OUTPUT}
${EXIT}`

export function helpFor(topic?: 'send' | 'probe'): string {
  if (topic === 'send') return `${USAGE}\n${SEND}\n${OUTPUT}\n${EXIT}`
  if (topic === 'probe') return `${USAGE}\n${PROBE}\n${OUTPUT}\n${EXIT}`
  return HELP
}
