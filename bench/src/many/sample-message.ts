// The message every client sends 2,000 times: a plain-text note of about 1.3 KB with
// the headers a composer writes, CRLF line ends, and one body line starting with a dot
// (so every client's dot-stuffing runs).
const BODY_LINES = [
  'Hello,',
  '',
  'This is message traffic from the Mailwire benchmark. Each line stays below the',
  '78-character limit of RFC 5322 section 2.1.1, as a composer would write it.',
  '.A line that starts with a dot: the client must double it (RFC 5321 4.5.2).',
  '',
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor',
  'incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis',
  'nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.',
  'Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu',
  'fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in',
  'culpa qui officia deserunt mollit anim id est laborum.',
  '',
  'Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium',
  'doloremque laudantium, totam rem aperiam, eaque ipsa quae ab illo inventore',
  'veritatis et quasi architecto beatae vitae dicta sunt explicabo.',
  '',
  '-- ',
  'Mailwire benchmark',
]

export function sampleMessage(from: string, to: string[]): Buffer {
  const headers = [
    `From: Bench Sender <${from}>`,
    `To: ${to.join(', ')}`,
    'Subject: Benchmark message',
    'Date: Thu, 01 Jan 2026 00:00:00 +0000',
    'Message-ID: <bench.0@bench.mailwire.test>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 7bit',
  ]
  return Buffer.from(`${[...headers, '', ...BODY_LINES].join('\r\n')}\r\n`, 'utf8')
}
