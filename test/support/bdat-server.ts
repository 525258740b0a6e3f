// A scripted SMTP server that offers CHUNKING (RFC 3030) and takes BDAT: it reads each
// chunk's exact byte count, answers each chunk, and keeps the message the chunks make up.
// Raw `net`, so the test sees every command as it came (smtp-server does not take BDAT).
// With binaryMime it offers BINARYMIME too (no server in Debian does: Postfix and Dovecot's
// LMTP offer CHUNKING only), and keeps each chunk's bytes exactly as they came.
import { once } from 'node:events'
import net, { type AddressInfo } from 'node:net'

export interface BdatServer {
  port: number
  /** Every command line received, in order. */
  commands: string[]
  /** The messages the chunks made up, one per BDAT … LAST. */
  messages: Buffer[]
  close(): Promise<void>
}

const BDAT = /^BDAT (\d+)( LAST)?$/i

export async function startBdatServer(options: { binaryMime?: boolean } = {}): Promise<BdatServer> {
  const extensions = ['PIPELINING', '8BITMIME', 'CHUNKING', ...(options.binaryMime ? ['BINARYMIME'] : [])]
  const ehlo = ['bdat.mailwire.test', ...extensions].map((line, index) => `250${index === extensions.length ? ' ' : '-'}${line}`).join('\r\n')
  const commands: string[] = []
  const messages: Buffer[] = []
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
    socket.on('error', () => undefined)
    let buffer = Buffer.alloc(0)
    let chunkBytes = 0
    let chunkIsLast = false
    let message: Buffer[] = []
    const reply = (text: string) => socket.write(`${text}\r\n`)
    const command = (line: string) => {
      commands.push(line)
      const bdat = BDAT.exec(line)
      if (bdat) {
        chunkBytes = Number(bdat[1])
        chunkIsLast = bdat[2] !== undefined
        return
      }
      const verb = line.split(' ')[0]!.toUpperCase()
      if (verb === 'EHLO') reply(ehlo)
      else if (verb === 'MAIL') reply('250 2.1.0 Ok')
      else if (verb === 'RCPT') reply('250 2.1.5 Ok')
      else if (verb === 'QUIT') {
        reply('221 2.0.0 Bye')
        socket.end()
      } else reply('502 5.5.2 Not in this script')
    }
    const endOfChunk = (bytes: number) => {
      if (!chunkIsLast) return reply(`250 2.0.0 ${bytes} octets received`)
      messages.push(Buffer.concat(message))
      message = []
      reply(`250 2.0.0 Ok: ${bytes} octets, queued as BDAT${messages.length}`)
    }
    socket.on('data', (data: Buffer) => {
      buffer = Buffer.concat([buffer, data])
      for (;;) {
        if (chunkBytes > 0) {
          if (buffer.length < chunkBytes) return
          message.push(buffer.subarray(0, chunkBytes))
          const bytes = chunkBytes
          buffer = buffer.subarray(chunkBytes)
          chunkBytes = 0
          endOfChunk(bytes)
          continue
        }
        const end = buffer.indexOf('\r\n')
        if (end === -1) return
        const line = buffer.subarray(0, end).toString('utf8')
        buffer = buffer.subarray(end + 2)
        command(line)
        // BDAT 0 LAST ends a message with no bytes in its last chunk.
        if (BDAT.test(line) && chunkBytes === 0) endOfChunk(0)
      }
    })
    reply('220 bdat.mailwire.test ESMTP scripted, CHUNKING')
  })
  server.listen(0, '127.0.0.1')
  await once(server, 'listening')
  return {
    port: (server.address() as AddressInfo).port,
    commands,
    messages,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      }),
  }
}
