// `mailwire --help`: the whole contract in one page (usage, options, output, JSON fields,
// exit codes), so what a script relies on is written where the script's author looks.
import { DEFAULT_LIMITS } from '../inbox/limits'
import { LOCAL_DEFAULT_FROM, LOCAL_DEFAULT_TO } from './args'

const USAGE = `Usage:
  mailwire send --server HOST[:PORT] --from ADDR --to ADDR [--to ADDR ...] [--cc ADDR ...] [--bcc ADDR ...]
                [--subject TEXT] [--body TEXT | --body-file PATH | --data-file PATH] [--attach PATH ...]
                [--header "Name: value" ...] [--tls auto|starttls|implicit|none] [--insecure] [--ca PATH]
                [--user NAME] [--allow-plaintext-auth] [--helo NAME] [--timeout SECONDS]
                [--envelope-from ADDR|'<>'] [--envelope-to ADDR ...] [--protocol smtp|lmtp]
                [--chunking off|auto|force] [--chunk-size BYTES] [--pipelining auto|off]
                [--dsn-notify LIST] [--dsn-ret FULL|HDRS] [--dsn-envid TEXT] [--dsn-orcpt]
                [--require-tls] [--force-extensions] [--auth-mech MECH] [the connection flags below]
                [--quit-after STEP | --drop-after STEP] [--json] [--print-command mailwire|swaks|curl|openssl]
                [--dkim-domain DOMAIN --dkim-selector NAME --dkim-key PATH [--dkim-headers LIST]]
                [--repeat N [--connections C] [--allow-remote]]
  connection flags (send and probe):
                [--tls-cert PATH --tls-key PATH | --tls-pfx PATH] [--tls-min V] [--tls-max V]
                [--tls-ciphers LIST] [--tls-sni NAME|none] [--proxy URL] [--proxy-protocol v1|v2]
                [--proxy-source IP[:PORT]] [--local-address IP]
  mailwire send --local [--from ADDR] [--to ADDR ...] [the message and login flags above]
                [--tls starttls|auto|none] [--fault NAME[=VALUE] ...] [--json]
  mailwire probe HOST[:PORT] [--tls auto|starttls|implicit|none] [--insecure] [--ca PATH]
                [--helo NAME] [--timeout SECONDS] [the connection flags] [--json]
  mailwire probe --mx DOMAIN [--port N] [--dns-server ADDRESS[:PORT] ...] [the probe flags above]
  mailwire probe --domain DOMAIN [--dns-server ADDRESS[:PORT] ...] [--ca PATH] [--port N] [--https-port N]
                [--helo NAME] [--timeout SECONDS] [--json]
  mailwire inbox [--port N] [--host ADDRESS] [--data-dir PATH] [--max-clients N] [--fault NAME[=VALUE] ...] [--json]
                [--dns-server ADDRESS[:PORT] ...]
  mailwire diff A.json B.json [--json]
  mailwire diff sent.eml arrived.eml [--json]
  mailwire --help | --version | help send|probe|inbox|diff
`

const SEND = `mailwire send: send one message and show the whole SMTP session

  --server HOST[:PORT]   HOST is a name, an IPv4 address, or [IPv6] in brackets ([::1]:2525).
                         Port 25 by default, 465 with --tls implicit. Never rewritten: control
                         characters, numeric forms like 0x7f.1 or 127.1, and ::1:2525 without
                         brackets are refused; the transcript shows the address connected to.
  --from ADDR            envelope sender and From header ("Ann <ann@example.com>" or ann@example.com)
  --to ADDR              recipient; repeat it, or paste a list: --to "a@x.org, Bob <b@y.org>"
  --cc ADDR, --bcc ADDR  same; Bcc recipients get the message but are not named in its headers
  --subject TEXT
  --body TEXT            the text body; or --body-file PATH (a UTF-8 text file, streamed)
  --data-file PATH       send PATH as the whole message, headers and body, as it is (raw mode,
                         like typing it after DATA); warns when it has no From or Date header;
                         1 GiB at most; not text (a NUL, not UTF-8): only over BDAT with
                         BINARYMIME (see --chunking). Files must be regular files: a FIFO, a device or a
                         folder is refused, saying which it is
  --attach PATH          attach a file; repeat for more
  --header "Name: value" an extra header; repeat for more
  --tls MODE             auto (default): STARTTLS when the server offers it; starttls: require it;
                         implicit: TLS from the first byte (smtps); none: never
  --insecure             accept a certificate that does not verify (still shown, and flagged)
  --ca PATH              trust this PEM CA bundle too (a private or test CA; 1 MiB at most)
  --user NAME            log in (AUTH); the password comes from MAILWIRE_PASSWORD or is asked
                         on the terminal without echo. There is no --password flag, on purpose:
                         arguments are visible to other users and kept in shell history.
  --allow-plaintext-auth allow the password over a connection without TLS (refused otherwise)
  --helo NAME            the name sent in EHLO/HELO (default: this machine's full name, or
                         the address literal of our end of the connection, e.g. [192.0.2.1])
  --timeout SECONDS      bound every single wait (connect, each reply, each write) to SECONDS;
                         without it each step has its RFC 5321 section 4.5.3.2 default
  --quit-after STEP      stop with QUIT after connect, greeting, ehlo, tls, auth, mail, rcpt,
                         data (after the 354: closed without QUIT, which would be message
                         text; nothing delivered) or dot (after the final dot's reply);
                         exit 0 when that step succeeded
  --drop-after STEP      hang up without QUIT at the same steps (as swaks --drop-after);
                         connect hangs up before the greeting; dot right after writing the
                         final dot, before its reply: the message's fate is unknown (exit 3)

 The envelope and the conversation:
  --envelope-from ADDR   the envelope sender (MAIL FROM) instead of --from's address;
                         '<>' is the null sender of bounces (RFC 5321 4.5.5)
  --envelope-to ADDR     a recipient (RCPT TO) instead of those of --to, --cc and --bcc;
                         repeat for more. The headers stay as --to and --cc say.
  --protocol P           smtp (default) or lmtp (RFC 2033: LHLO, and after the message one
                         reply per recipient, shown per recipient; exit 1 if any refused)
  --chunking MODE        off (default): DATA; auto: BDAT chunks when the server offers
                         CHUNKING (RFC 3030); force: BDAT even when it does not. With BDAT
                         to a server offering BINARYMIME, attachments go unencoded (no
                         base64) and a binary --data-file byte for byte, BODY=BINARYMIME
  --chunk-size BYTES     bytes per BDAT chunk (default 65536)
  --pipelining MODE      auto (default): pipeline when offered (RFC 2920); off: one command,
                         one reply, to see each answer in turn
  --dsn-notify LIST      NEVER, or SUCCESS,FAILURE,DELAY (RFC 3461 NOTIFY on each RCPT)
  --dsn-ret FULL|HDRS    what a bounce returns;  --dsn-envid TEXT  the envelope id (ENVID)
  --dsn-orcpt            add ORCPT=rfc822;ADDRESS to each RCPT
  --require-tls          REQUIRETLS on MAIL FROM (RFC 8689): refused before MAIL without TLS
                         or when the server does not offer it
  --force-extensions     send DSN and REQUIRETLS even when the server does not offer them
                         (otherwise: refused before MAIL, nothing sent, exit 2)
  --json                 print one JSON object instead of the transcript (see Output)
  --print-command TOOL   print the same send as a mailwire, swaks or curl command, and the
                         connection as an openssl s_client command (openssl: that alone),
                         then exit 0 without connecting; secrets only as
                         "$MAILWIRE_PASSWORD"-style references
  --local                instead of --server: send to a temporary local test inbox (see below)

  Login and identity:
  --auth-mech MECH       PLAIN, LOGIN, CRAM-MD5, XOAUTH2 or OAUTHBEARER (default: the strongest
                         password mechanism the server offers). XOAUTH2 and OAUTHBEARER log in
                         with an OAuth2 access token from MAILWIRE_OAUTH_TOKEN or asked without
                         echo; a JSON error from the server is decoded and shown.
  --force-extensions     try --auth-mech even when the server does not offer it
  --tls-cert PATH --tls-key PATH   a client certificate and its key (PEM)
  --tls-pfx PATH         a client certificate and key as PKCS#12; the passphrase of an
                         encrypted key or bundle comes from MAILWIRE_TLS_PASSPHRASE or is asked
  --tls-min V, --tls-max V   TLS versions allowed, 1.0 to 1.3 (default 1.2 to 1.3); below 1.2
                         OpenSSL's security level is lowered for that connection only
  --tls-ciphers LIST     an OpenSSL cipher list (TLS 1.2 and lower)
  --tls-sni NAME|none    the SNI name sent (default: the host name); the certificate must
                         still name the host
  --proxy URL            socks5://[user@]host:port (the name resolved here), socks5h://… (by
                         the proxy) or http://[user@]host:port (HTTP CONNECT); the proxy
                         password comes from MAILWIRE_PROXY_PASSWORD or is asked, never in the URL
  --proxy-protocol v1|v2 send a HAProxy PROXY header first (a server behind a load balancer)
  --proxy-source IP[:PORT]   the client address that header claims (default: ours)
  --local-address IP     connect from this source address

  DKIM signing (RFC 6376):
  --dkim-domain DOMAIN --dkim-selector NAME --dkim-key PATH   sign the message (composed or
                         --data-file) as DOMAIN with the PEM private key at PATH, RSA (at least
                         1024 bits, rsa-sha256) or Ed25519 (ed25519-sha256, RFC 8463); the public
                         key belongs at NAME._domainkey.DOMAIN. The DKIM-Signature header shows
                         in the transcript like any other; the key never does.
  --dkim-headers LIST    the header fields to sign, e.g. From,To,Subject,Date (From is required;
                         default: mailauth's set of the usual fields)
`

const LOAD = `mailwire send --repeat N: a load send, for testing the limits of your own server
  --repeat N             send N copies of the message (1 to 100000) and print a summary
                         instead of the transcript: messages per second, latency per message
                         (MAIL FROM to final reply) p50/p95/p99 and max, counts per reply code
                         (or error code when no reply came), and the first of each distinct
                         failure (up to 20 kinds) with its transcript
  --connections C        over C connections at once (1 to 50, default 4 or N if fewer), each
                         one session pipelining its messages (RFC 2920) where offered
  --allow-remote         the server is yours: without it a load send goes only to this
                         machine (127.0.0.0/8, ::1, localhost) and never through --proxy
  A bar on stderr while it runs when stderr is a terminal. --json: one object
  { "server": {host, port}, "load": {requested, connections, finished, accepted, failed,
  notSent, elapsedMs, messagesPerSecond, latencyMs {p50, p95, p99, max}, replyCodes,
  failures [{summary, count, connection, message, transcript}], dataBytes, done, cancelled} }.
  Exit 0 every copy accepted by every recipient; 1 the server refused some; 3 a connection
  failed and some copies were never sent; 2 as for send (refused before connecting).
`

const LOCAL = `mailwire send --local: both ends of one session, with nothing to set up

  Starts a temporary local test inbox on 127.0.0.1 (a free port, its own folder, removed
  afterwards), sends to it with STARTTLS verified against the inbox's own certificate, and
  prints our transcript, then the same session as the inbox saw it (S<- received, S-> sent,
  S<~ S~> inside TLS, S== its notes; credentials masked), then the message it received
  (envelope, headers, a glance at the text, its size next to the bytes sent through DATA).
  --from defaults to ${LOCAL_DEFAULT_FROM}, --to to ${LOCAL_DEFAULT_TO}. --tls is starttls
  by default (auto and none also work); --server, --ca and --insecure do not apply. Any
  --user is accepted (the password still comes from MAILWIRE_PASSWORD or the prompt).
  --fault NAME[=VALUE] makes the inbox misbehave for this send (see mailwire inbox).
  Exit codes as for send.
`

const INBOX = `mailwire inbox: the local test inbox, headless, until Ctrl-C

  A capture SMTP server: STARTTLS (a self-signed certificate made on first start), AUTH
  (any user name and password, accepted as test credentials, the password never kept), SIZE
  (${DEFAULT_LIMITS.maxMessageBytes / 1024 / 1024} MiB), PIPELINING, 8BITMIME, SMTPUTF8. Prints where it listens, the certificate file to
  trust (--ca) and its SHA-256 fingerprint, then one line per message as it arrives: time,
  envelope sender -> recipients, subject, size, id. Keeps the last ${DEFAULT_LIMITS.maxMessages} messages.
  Ctrl-C or SIGTERM stops it cleanly (exit 0).
  After each message (once it was answered), its authentication as a receiving server would
  judge it: each DKIM signature, SPF for the client address and MAIL FROM, DMARC alignment
  and policy, ARC; one line per verdict with its reason, as in Authentication-Results
  (RFC 8601). A DNS lookup that fails is named, and its verdict is temperror, not a guess.

  --port N               listen on port N (default: a free port, printed)
  --host ADDRESS         listen on this IP address (default 127.0.0.1). Anything but loopback
                         lets other machines send mail here with any password: it needs this
                         explicit flag and prints a warning.
  --data-dir PATH        where messages, session records and the certificate are kept
                         (default: a per-user folder, separate from the desktop app's:
                         $XDG_DATA_HOME/mailwire/inbox-cli or ~/.local/share/mailwire/inbox-cli;
                         macOS ~/Library/Application Support/Mailwire/inbox-cli;
                         Windows %APPDATA%\\Mailwire\\inbox-cli)
  --max-clients N        clients connected at once, 1 to 1000 (default ${DEFAULT_LIMITS.maxClients}, enough for a
                         test suite's connection pool); one more is answered 421. Once all N are
                         connected, a client quiet for ${DEFAULT_LIMITS.fullIdleTimeoutMs / 1000} s is closed (421) instead of after
                         five minutes, so stuck clients cannot lock the others out.
  --fault NAME[=VALUE]   a fault preset, for learning and for testing a client; repeat for more:
      refuse-recipient=PATTERN  550 5.1.1 for matching recipients ('*' is a wildcard; without @
                                only the local part is matched: 'reject*')
      greeting-421              421 4.3.2 instead of the greeting, then close
      rcpt-451                  451 4.3.0 to every RCPT TO
      slow-replies=MS           delay every reply by MS milliseconds
      disconnect-mid-data=BYTES drop the connection after BYTES of message data
  --dns-server ADDRESS[:PORT]   the DNS server the authentication check asks (repeatable;
                         default: the system's resolvers)
  --json                 one JSON object per line (ndjson) instead of text:
                         {"event":"listening", host, port, caPath, certificateFingerprint, dataDir,
                          faults, keptMessages}, then {"event":"message", "message": {id,
                          sessionId, receivedAt, size, envelope {mailFrom, rcptTo, bodyType,
                          smtpUtf8}, from, to, subject, secure, authUser}} per message,
                         {"event":"session", "session"} for a session that delivered nothing,
                         {"event":"authentication", id, "report": {verdicts [{method, result,
                          reason, properties}], lookupFailures, clientAddress, mailFrom,
                          dnsServers, header}} after each message,
                         and {"event":"stopped"} at the end.
  Exit codes: 0 stopped by Ctrl-C or SIGTERM; 2 a bad option or an unusable --data-dir;
  3 it cannot listen (the port is in use, or needs privileges).
`

const PROBE = `mailwire probe: what does this server offer?

  Connects, reads the greeting, sends EHLO, starts TLS when offered (or from the first byte
  with --tls implicit), sends EHLO again, and QUITs. Shows the capabilities before and after
  TLS side by side (what disappeared, what appeared) and the certificate: subject, issuer,
  names, validity and days left, SHA-256 fingerprint, the verdict, the protocol and cipher.
  Takes --tls, --insecure, --ca, --helo, --timeout, the connection flags and --json as send
  does. A certificate that fails verification does not stop the probe (nothing secret
  follows STARTTLS): it goes on to the second EHLO, marks the certificate NOT verified and
  exits 1; a send would stop there.

  --mx DOMAIN    look up the domain's MX records (sorted by preference; the domain itself
                 when it has none, RFC 5321 section 5.1) and probe the first, on port 25
                 or --port N. The lookup shows as == lines; in JSON as "mx".
  --dns-server ADDRESS[:PORT]   ask this DNS server instead of the system's (repeatable).
  --domain DOMAIN  the domain's mail security report: MX; SPF and DMARC records parsed, with
                 their errors named; the MTA-STS record and policy (fetched over HTTPS from
                 mta-sts.DOMAIN: the certificate must name it and chain to a trusted root,
                 no redirects, text/plain; RFC 8461); TLS-RPT; each MX's TLSA records
                 (_25._tcp.MX). Then per MX a STARTTLS check: the certificate against the
                 MX name, the policy's mx patterns and the TLSA records (DANE first), and
                 what a conforming sender would do: deliver, or refuse and why. Node's
                 resolver does not validate DNSSEC: a DANE verdict holds only as far as the
                 DNS server asked is trusted. --port N reaches the exchangers on N instead
                 of 25, --https-port N the policy server on N instead of 443 (test setups);
                 --ca adds a trusted CA for both. Exit 0 when every MX would get the mail,
                 1 when a conforming sender would refuse one. JSON: { "security": report }.
  --tls-versions try TLS 1.0, 1.1, 1.2 and 1.3 each on its own connection and show which
                 the server accepts (JSON: probe.tlsVersions [{version, accepted, detail}]).
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
  When message data takes more than a second to send and stderr is a terminal, a line on
  stderr shows bytes sent of the total, the rate and the time left, erased when it ends.
  Colour only on a terminal; NO_COLOR turns it off, FORCE_COLOR forces it.

  --json prints exactly one JSON object on stdout, nothing else: a session file,
  { "format": "mailwire-session/1", "kind": "send"|"probe", "writtenBy", "startedAt",
    "profile": {host, port, security, username, clientName, authMechanism, customCa, …; never
    a secret}, "envelope" and "message" {from, to, cc, bcc, subject, attachments, headers,
    raw, bytes} (send), "transcript": WireEvent[], and "result" or "probe" } that the app
    opens (File > Open session) and mailwire diff compares. Besides those keys:
    send --local: "inbox": { "session", "message" }, where
           session is the inbox's record (id, client, heloName, tls, auth, faults, events
           [{at, direction in|out|info, text}]) and message what it kept (summary and parsed
           headers and body), each null when there was none
    probe --mx: "mx": { domain, asciiDomain, records [{exchange, priority}],
           implicit, nullMx, error }, "probe" } (no "probe" when there is no exchanger)
    bad input (exit 2, before any connection): { "error": { "code": "EINPUT", "message" } }
  WireEvent: seq (0,1,2…), at (ms since start), kind (client|server|tls|info|error),
    text (the line without CRLF; credentials masked), phase (connect|greeting|ehlo|starttls|
    auth|mail|rcpt|data|quit), secure (inside TLS), reply {code, enhanced} on server lines,
    rtt (ms, on a reply's last line), bytes/totalBytes (DATA progress), tls (handshake details).
  SendResult: status (sent|partial|refused|failed|unknown), recipients [{address, accepted,
    reply {code, enhanced, lines}}], finalReply, queueId, timings [{phase, start, end}],
    capabilities, capabilitiesBeforeTls, tls {protocol, cipher, certificates, authorized,
    authorizationError, verificationSkipped, mode}, error {code, message, command, reply,
    phase, oauth {status, scope, schemes} when an OAuth2 token was refused}, dataBytes,
    startedAt (ISO), durationMs.
  ProbeResult: the greeting, the capabilities before and after TLS, the TLS details, and an
    error when the probe could not finish.
`

const EXIT = `Exit codes:
  0  every recipient accepted and the message queued (or the --quit-after step succeeded)
  1  the server refused some or all recipients, the sender, the message, or the login
     (over LMTP: any recipient's reply to the message); probe: the certificate is NOT verified
  2  bad input, nothing sent: an address with CR/LF, a missing file, an unknown option,
     --password, no password available, or a password that would go out in cleartext
  3  connection, TLS, protocol or timeout failure, or an unknown outcome (no reply after the
     final dot: the message may have been delivered)
  130, 143  interrupted by Ctrl-C (SIGINT) or SIGTERM, at any moment: the session stops at
     once and a message cut short is never reported as sent (mailwire inbox: exit 0)
  Each non-zero exit prints one line on stderr: "mailwire: <reason>".

Environment:
  MAILWIRE_PASSWORD   the password for --user
  MAILWIRE_OAUTH_TOKEN      the OAuth2 access token for --auth-mech XOAUTH2 or OAUTHBEARER
  MAILWIRE_TLS_PASSPHRASE   the passphrase of --tls-key or --tls-pfx
  MAILWIRE_PROXY_PASSWORD   the password of the user in --proxy
  NO_COLOR, FORCE_COLOR
  XDG_DATA_HOME (Linux), APPDATA (Windows): where mailwire inbox keeps its folder

Examples:
  mailwire send --server 127.0.0.1:2525 --from me@example.com --to you@example.com \\
                --subject "Hello" --body "Testing, 1 2 3"
  MAILWIRE_PASSWORD=... mailwire send --server smtp.example.com:587 --tls starttls \\
                --user me --from me@example.com --to you@example.com --body-file note.txt
  mailwire probe smtp.example.com:25
  mailwire send --local --subject "Hello" --body "My first message"
  mailwire inbox --port 2525 --fault 'refuse-recipient=reject*'
`

const DIFF = `mailwire diff A.json B.json: two sessions side by side

  A and B are session files (send or probe --json, or the app's History JSON export). The
  steps are aligned (greeting, EHLO, STARTTLS, the TLS handshake, AUTH, MAIL, each RCPT,
  DATA or BDAT, the final reply, QUIT), each with both replies and times and the delta; a
  step marked ! differs (reply code, enhanced code, capabilities added or removed, TLS
  version, cipher or certificate), - happened only in A, + only in B. Reply text (queue
  ids, host names) is not compared. --json prints the comparison as one JSON object.
  Exit 0: the same outcome and the same replies (only the timing differs); 1: they
  differ; 2: a file cannot be read or is not a mailwire-session/1 file (the reason on stderr).

mailwire diff sent.eml arrived.eml: a message as sent beside the message as it arrived
  (the app's Sent vs arrived): header fields + added (Received, Return-Path: at the top),
  - removed, ! changed, and how many are the same (or only refolded); then the body part
  by part: the same, other line endings, re-encoded (another Content-Transfer-Encoding,
  the same content) or changed. Exit 0: only line endings or folding differ; 1: a header
  or the body differs; 2: a file cannot be read.
`

export const HELP = `mailwire: send a test message and see every byte of the SMTP session

${USAGE}
${SEND}
${LOAD}
${LOCAL}
${PROBE}
${INBOX}
${DIFF}
${OUTPUT}
${EXIT}`

export function helpFor(topic?: 'send' | 'probe' | 'inbox' | 'diff'): string {
  if (topic === 'diff') return `${USAGE}\n${DIFF}`
  if (topic === 'send') return `${USAGE}\n${SEND}\n${LOAD}\n${LOCAL}\n${OUTPUT}\n${EXIT}`
  if (topic === 'probe') return `${USAGE}\n${PROBE}\n${OUTPUT}\n${EXIT}`
  if (topic === 'inbox') return `${USAGE}\n${INBOX}\n${EXIT}`
  return HELP
}
