// A raw SMTP server on 127.0.0.1:0, in clear, that echoes the credential it was given back
// in its own replies: the password (and its base64 form) in the 235 to AUTH PLAIN and in
// the 221 to QUIT. Neither reply is kept in a send's result, so whatever of the secret
// reaches a transcript came through the wire log's masking of server lines, or its lack.
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'

export interface SecretEchoServer {
  host: string
  port: number
  /** What the client sent between DATA and the dot, one line each, without CRLF. */
  data: string[]
  /** The passwords the server saw in AUTH PLAIN, in order. */
  passwords: string[]
  close(): Promise<void>
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64')

/** Lines the server writes, for tests to look for in their masked form. */
export const echoReplies = {
  auth: (password: string) => [`235-2.7.0 Welcome back, your password is ${password}`, `235 2.7.0 and in base64 ${b64(password)}`],
  quit: (password: string) => [`221 2.0.0 Bye, ${password}`],
}

export async function startSecretEchoServer(): Promise<SecretEchoServer> {
  const data: string[] = []
  const passwords: string[] = []
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    socket.setEncoding('utf8')
    let buffer = ''
    let inData = false
    let password = ''
    const reply = (lines: string[]) => socket.write(lines.map((line) => `${line}\r\n`).join(''))
    const answer = (line: string) => {
      if (inData) {
        if (line === '.') {
          inData = false
          return reply(['250 2.0.0 Ok: queued as ECHO1'])
        }
        return void data.push(line)
      }
      const verb = line.split(' ')[0]!.toUpperCase()
      if (verb === 'EHLO') return reply(['250-echo.test', '250 AUTH PLAIN'])
      if (verb === 'AUTH') {
        // AUTH PLAIN <base64 of authzid NUL user NUL password> (RFC 4616).
        password = Buffer.from(line.split(' ')[2] ?? '', 'base64').toString('utf8').split('\u0000')[2] ?? ''
        passwords.push(password)
        return reply(echoReplies.auth(password))
      }
      if (verb === 'MAIL') return reply(['250 2.1.0 Ok'])
      if (verb === 'RCPT') return reply(['250 2.1.5 Ok'])
      if (verb === 'DATA') {
        inData = true
        return reply(['354 End data with <CR><LF>.<CR><LF>'])
      }
      if (verb === 'QUIT') {
        reply(echoReplies.quit(password))
        return void socket.end()
      }
      return reply(['502 5.5.1 not here'])
    }
    socket.on('data', (chunk: string) => {
      buffer += chunk
      for (let end = buffer.indexOf('\r\n'); end !== -1; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end)
        buffer = buffer.slice(end + 2)
        answer(line)
      }
    })
    socket.write('220 echo.test ESMTP\r\n')
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    data,
    passwords,
    close: async () => {
      for (const socket of sockets) socket.destroy()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
