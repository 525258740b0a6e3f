import { describe, expect, it } from 'vitest'
import { parseArgs } from '../../main/cli/args'
import type { ProbeArgs, SendArgs } from '../../main/cli/arg-types'
import { refusal } from './support/refusal'

const minimal = ['send', '--server', 'mx.test', '--from', 'me@x.test', '--to', 'you@y.test']

function send(...extra: string[]): SendArgs {
  const parsed = parseArgs([...minimal, ...extra])
  if (parsed.command !== 'send') throw new Error(`parsed as ${parsed.command}`)
  return parsed.args
}

function probe(...args: string[]): ProbeArgs {
  const parsed = parseArgs(['probe', ...args])
  if (parsed.command !== 'probe') throw new Error(`parsed as ${parsed.command}`)
  return parsed.args
}

describe('parseArgs: send', () => {
  it('takes the minimal command with defaults', () => {
    expect(send()).toEqual({
      server: { host: 'mx.test', port: 25 },
      tls: 'auto',
      insecure: false,
      json: false,
      from: 'me@x.test',
      to: ['you@y.test'],
      cc: [],
      bcc: [],
      attach: [],
      headers: [],
      allowPlaintextAuth: false,
      // The conversation's defaults (protocol-flags.ts): the classic SMTP session.
      envelopeTo: [],
      requireTls: false,
      forceExtensions: false,
      protocol: 'smtp',
      chunking: 'off',
      pipelining: 'auto',
    })
  })

  it('takes every flag, in both --flag value and --flag=value forms', () => {
    const args = send(
      '--cc', 'c@x.test', '--bcc=d@x.test', '--subject', 'Hi there', '--body', 'text',
      '--attach', 'a.pdf', '--header', 'X-Test: 1', '--tls', 'starttls', '--insecure',
      '--ca', 'ca.pem', '--user', 'ann', '--allow-plaintext-auth', '--helo', 'client.test',
      '--timeout', '1.5', '--quit-after', 'rcpt', '--json',
    )
    expect(args).toMatchObject({
      cc: ['c@x.test'],
      bcc: ['d@x.test'],
      subject: 'Hi there',
      body: { kind: 'text', text: 'text' },
      attach: ['a.pdf'],
      headers: [{ name: 'X-Test', value: '1' }],
      tls: 'starttls',
      insecure: true,
      caPath: 'ca.pem',
      user: 'ann',
      allowPlaintextAuth: true,
      helo: 'client.test',
      timeoutMs: 1500,
      quitAfter: 'rcpt',
      json: true,
    })
  })

  it('collects repeated --to, --cc, --bcc, --attach and --header in order', () => {
    const args = send('--to', 'b@y.test', '--to', 'Ann <a@z.test>, c@z.test', '--cc', '1@c.test', '--cc', '2@c.test',
      '--bcc', 'x@b.test', '--bcc', 'y@b.test', '--attach', 'one', '--attach', 'two',
      '--header', 'X-A: 1', '--header', 'X-B:two words')
    expect(args.to).toEqual(['you@y.test', 'b@y.test', 'Ann <a@z.test>, c@z.test'])
    expect(args.cc).toEqual(['1@c.test', '2@c.test'])
    expect(args.bcc).toEqual(['x@b.test', 'y@b.test'])
    expect(args.attach).toEqual(['one', 'two'])
    expect(args.headers).toEqual([{ name: 'X-A', value: '1' }, { name: 'X-B', value: 'two words' }])
  })

  it('takes --body-file and --data-file', () => {
    expect(send('--body-file', 'b.txt').body).toEqual({ kind: 'file', path: 'b.txt' })
    expect(send('--data-file', 'm.eml').body).toEqual({ kind: 'data-file', path: 'm.eml' })
  })

  it('takes values that start with a single dash', () => {
    expect(send('--subject', '-1 day').subject).toBe('-1 day')
  })

  it('refuses --password in every spelling, saying why', () => {
    for (const flag of [['--password', 'x'], ['--password=x'], ['--pass', 'x'], ['-p', 'x']]) {
      expect(refusal([...minimal, ...flag])).toMatch(/refused: a password on the command line ends up in shell history.*MAILWIRE_PASSWORD/)
    }
    expect(refusal(['--password=secret'])).toMatch(/refused/)
  })

  it('refuses CR or LF in any address flag', () => {
    expect(refusal([...minimal, '--to', 'a@x.test\r\nRCPT TO:<evil@x.test>'])).toMatch(/--to cannot contain CR or LF/)
    expect(refusal([...minimal, '--cc', 'a@x.test\nb@x.test'])).toMatch(/--cc cannot contain CR or LF/)
    expect(refusal(['send', '--server', 'mx.test', '--from', 'me@x.test\r', '--to', 'a@x.test'])).toMatch(/--from cannot/)
  })

  it('refuses bad values with a message naming the flag', () => {
    expect(refusal([...minimal, '--tls', 'maybe'])).toBe("--tls must be one of auto, starttls, implicit, none (got 'maybe')")
    expect(refusal([...minimal, '--quit-after', 'body'])).toMatch(/^--quit-after must be one of connect, greeting/)
    expect(refusal([...minimal, '--timeout', '0'])).toMatch(/^--timeout must be a number of seconds/)
    expect(refusal([...minimal, '--timeout', 'soon'])).toMatch(/^--timeout/)
    expect(refusal([...minimal, '--timeout', '99999'])).toMatch(/^--timeout/)
    expect(refusal([...minimal, '--header', 'no colon'])).toMatch(/^--header must look like "Name: value"/)
    expect(refusal([...minimal, '--header', 'Bad Name: x'])).toMatch(/^--header must look like/)
    expect(refusal([...minimal, '--header', 'X-A: 1\r\nBcc: evil@x.test'])).toMatch(/^--header cannot contain CR or LF/)
    expect(refusal([...minimal, '--helo', 'two words'])).toMatch(/^--helo must be one name/)
    expect(refusal([...minimal, '--user', 'a\nb'])).toMatch(/^--user cannot contain/)
  })

  it('refuses unknown options, missing values, repeats of single flags and stray words', () => {
    expect(refusal([...minimal, '--frobnicate'])).toBe('unknown option --frobnicate (see mailwire --help)')
    expect(refusal([...minimal, '-x'])).toBe('unknown option -x (see mailwire --help)')
    expect(refusal([...minimal, '--subject'])).toBe('--subject needs a value')
    expect(refusal([...minimal, '--subject', '--json'])).toMatch(/^--subject needs a value \(to pass one starting with --/)
    expect(refusal([...minimal, '--from', 'again@x.test'])).toBe('--from given twice')
    expect(refusal([...minimal, '--json=yes'])).toBe('--json takes no value')
    expect(refusal([...minimal, 'stray'])).toMatch(/^unexpected argument 'stray'/)
    expect(refusal([...minimal, '--quit-after'])).toBe('--quit-after needs a value')
  })

  it('requires --server, --from and at least one --to', () => {
    expect(refusal(['send', '--from', 'a@x.test', '--to', 'b@x.test'])).toMatch(/^--server is required/)
    expect(refusal(['send', '--server', 'mx.test', '--to', 'b@x.test'])).toMatch(/^--from is required/)
    expect(refusal(['send', '--server', 'mx.test', '--from', 'a@x.test'])).toMatch(/^--to is required/)
  })

  it('takes only one body source, and no composing flags with --data-file', () => {
    expect(refusal([...minimal, '--body', 'x', '--body-file', 'y'])).toMatch(/^give only one of --body, --body-file and --data-file/)
    expect(refusal([...minimal, '--data-file', 'm.eml', '--subject', 's'])).toMatch(/^--subject cannot be used with --data-file/)
    expect(refusal([...minimal, '--data-file', 'm.eml', '--attach', 'a'])).toMatch(/^--attach cannot be used with --data-file/)
  })

  it('refuses probe-only use of send flags', () => {
    expect(refusal(['probe', 'mx.test', '--to', 'a@x.test'])).toBe("--to does not apply to 'mailwire probe'")
  })
})

describe('parseArgs: servers', () => {
  const server = (text: string, ...extra: string[]) =>
    parseArgs(['send', '--server', text, '--from', 'a@x.test', '--to', 'b@x.test', ...extra])

  it('reads names, IPv4 and bracketed IPv6, with the default port 25 or 465 for implicit TLS', () => {
    expect(send().server).toEqual({ host: 'mx.test', port: 25 })
    expect(server('mx.test:2525')).toMatchObject({ args: { server: { host: 'mx.test', port: 2525 } } })
    expect(server('127.0.0.1:587')).toMatchObject({ args: { server: { host: '127.0.0.1', port: 587 } } })
    expect(server('[::1]:2525')).toMatchObject({ args: { server: { host: '::1', port: 2525 } } })
    expect(server('[::1]')).toMatchObject({ args: { server: { host: '::1', port: 25 } } })
    expect(server('::1')).toMatchObject({ args: { server: { host: '::1', port: 25 } } })
    expect(server('mx.test', '--tls', 'implicit')).toMatchObject({ args: { server: { host: 'mx.test', port: 465 } } })
    expect(server('mx.test:2465', '--tls', 'implicit')).toMatchObject({ args: { server: { port: 2465 } } })
  })

  it('turns an internationalised host name into its ASCII form', () => {
    expect(server('bücher.example')).toMatchObject({ args: { server: { host: 'xn--bcher-kva.example' } } })
  })

  it('refuses bad ports and hosts', () => {
    expect(refusal(['send', '--server', 'mx.test:0', '--from', 'a@x.test', '--to', 'b@x.test'])).toMatch(/bad port/)
    expect(refusal(['send', '--server', 'mx.test:70000', '--from', 'a@x.test', '--to', 'b@x.test'])).toMatch(/bad port/)
    expect(refusal(['send', '--server', 'mx.test:smtp', '--from', 'a@x.test', '--to', 'b@x.test'])).toMatch(/bad port/)
    expect(refusal(['send', '--server', 'fe80::1:2:3:4:5:6:7', '--from', 'a@x.test', '--to', 'b@x.test'])).toMatch(/brackets/)
    expect(refusal(['send', '--server', '[mx.test]:25', '--from', 'a@x.test', '--to', 'b@x.test'])).toMatch(/not an IPv6 address/)
    expect(refusal(['send', '--server', 'bad host', '--from', 'a@x.test', '--to', 'b@x.test'])).toMatch(/bad server/)
  })
})

describe('parseArgs: hosts are never rewritten silently', () => {
  const refused = (text: string) => refusal(['send', '--server', text, '--from', 'a@x.test', '--to', 'b@x.test'])

  it('refuses control characters before any parsing, naming the character', () => {
    expect(refused('127.0.0.1\r\n:2603')).toMatch(/control character \(U\+000D\)/)
    expect(refused('127.0.0.1:2603\n')).toMatch(/control character \(U\+000A\)/)
    expect(refused('mx\u0000.test')).toMatch(/control character \(U\+0000\)/)
    expect(refused('mx.test\u0085')).toMatch(/control character \(U\+0085\)/)
  })

  it('refuses the numeric forms inet_aton reads as an IPv4 address, saying which', () => {
    for (const numeric of ['0x7f.1:2603', '127.1:2603', '2130706433:2603', '0177.0.0.1', '127.000.0.1', '１２７.０.０.１']) {
      expect(refused(numeric)).toMatch(/is not an IPv4 address in the usual form: it would be read as 127\.0\.0\.1/)
    }
  })

  it('refuses an IPv6 address that may end in a port, with the bracketed forms to write', () => {
    expect(refused('::1:2603')).toBe("bad server '::1:2603': an IPv6 address with a port goes in brackets: write [::1]:2603 (or [::1:2603] for that address on the default port)")
    expect(refused('2001:db8::1:25')).toMatch(/write \[2001:db8::1\]:25/)
    // Unambiguous ones still pass: nothing before the last colon is an address of its own.
    expect(parseArgs(['send', '--server', 'fe80::1', '--from', 'a@x.test', '--to', 'b@x.test'])).toMatchObject({
      args: { server: { host: 'fe80::1', port: 25 } },
    })
    expect(parseArgs(['send', '--server', '[::1:2603]', '--from', 'a@x.test', '--to', 'b@x.test'])).toMatchObject({
      args: { server: { host: '::1:2603', port: 25 } },
    })
  })
})

describe('parseArgs: probe, help, version', () => {
  it('takes HOST[:PORT] as an argument or --server, and the connection flags', () => {
    expect(probe('mx.test:2525')).toEqual({ server: { host: 'mx.test', port: 2525 }, tls: 'auto', insecure: false, json: false })
    expect(probe('--server', '[::1]:25', '--tls', 'implicit', '--insecure', '--ca', 'ca.pem', '--json', '--timeout', '2')).toEqual({
      server: { host: '::1', port: 25 },
      tls: 'implicit',
      insecure: true,
      caPath: 'ca.pem',
      json: true,
      timeoutMs: 2000,
    })
  })

  it('needs exactly one server', () => {
    expect(refusal(['probe'])).toMatch(/^probe needs a server/)
    expect(refusal(['probe', 'a.test', 'b.test'])).toMatch(/^probe takes one HOST/)
    expect(refusal(['probe', 'a.test', '--server', 'b.test'])).toMatch(/^give the server once/)
    // probe --domain makes its own connections: a session's flags would be silently ignored.
    expect(refusal(['probe', '--domain', 'example.test', '--tls', 'implicit'])).toMatch(/^--tls does not apply to 'mailwire probe --domain': it checks each exchanger's STARTTLS/)
    expect(refusal(['probe', '--domain', 'example.test', '--insecure'])).toMatch(/^--insecure does not apply to 'mailwire probe --domain'/)
    expect(parseArgs(['probe', '--domain', 'example.test', '--port', '2525', '--json']).command).toBe('probe-domain')
  })

  it('answers help and version in their usual spellings', () => {
    expect(parseArgs([])).toEqual({ command: 'help' })
    expect(parseArgs(['--help'])).toEqual({ command: 'help' })
    expect(parseArgs(['-h'])).toEqual({ command: 'help' })
    expect(parseArgs(['help', 'probe'])).toEqual({ command: 'help', topic: 'probe' })
    expect(parseArgs(['send', '--help'])).toEqual({ command: 'help', topic: 'send' })
    expect(parseArgs(['probe', 'x', '-h'])).toEqual({ command: 'help', topic: 'probe' })
    expect(parseArgs(['--version'])).toEqual({ command: 'version' })
  })

  it('refuses an unknown command', () => {
    expect(refusal(['sned'])).toMatch(/^unknown command 'sned'/)
    expect(refusal(['--frob'])).toMatch(/^unknown option --frob/)
  })
})
