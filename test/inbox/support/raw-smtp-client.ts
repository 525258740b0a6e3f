// A scripted SMTP client on a raw socket: it shows exactly the lines a client gets, and
// whether (and when) the server closed the connection. Used to check fault replies
// byte for byte, where a library client would interpret them.
import net from 'node:net'
import tls from 'node:tls'

export class RawSmtpClient {
  /** Every line received, in order, without CRLF. */
  readonly received: string[] = []
  /** Resolves when the server closed the connection (or it was reset). */
  readonly closed: Promise<{ error?: NodeJS.ErrnoException }>
  private buffer = ''
  private readIndex = 0
  private waiter?: () => void
  private closeError?: NodeJS.ErrnoException
  private isClosed = false

  private constructor(private socket: net.Socket) {
    this.closed = new Promise((resolve) => {
      socket.on('error', (error: NodeJS.ErrnoException) => {
        this.closeError = error
      })
      socket.on('close', () => {
        this.isClosed = true
        this.waiter?.()
        resolve(this.closeError ? { error: this.closeError } : {})
      })
    })
    this.listen(socket)
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawSmtpClient> {
    return new Promise((resolve, reject) => {
      const socket = net.connect({ port, host }, () => {
        socket.off('error', reject)
        resolve(new RawSmtpClient(socket))
      })
      socket.once('error', reject)
    })
  }

  /** The next whole reply (all lines of a multi-line reply), or null if the socket closed first. */
  async reply(): Promise<string[] | null> {
    for (;;) {
      const end = this.received.findIndex((line, index) => index >= this.readIndex && /^\d{3}(?: |$)/.test(line))
      if (end >= 0) {
        const lines = this.received.slice(this.readIndex, end + 1)
        this.readIndex = end + 1
        return lines
      }
      if (this.isClosed) return null
      await new Promise<void>((resolve) => (this.waiter = resolve))
    }
  }

  write(data: string | Buffer): Promise<void> {
    return new Promise((resolve, reject) => this.socket.write(data, (error) => (error ? reject(error) : resolve())))
  }

  /** Sends one command line and returns its reply. */
  async command(line: string): Promise<string[] | null> {
    await this.write(`${line}\r\n`)
    return this.reply()
  }

  /** Upgrades to TLS after a 220 to STARTTLS, verifying the server with the given CA. */
  async startTls(ca: string, servername = 'localhost'): Promise<tls.TLSSocket> {
    const plain = this.socket
    plain.removeAllListeners('data')
    const secure = await new Promise<tls.TLSSocket>((resolve, reject) => {
      const socket = tls.connect({ socket: plain, ca, servername }, () => resolve(socket))
      socket.once('error', reject)
    })
    this.socket = secure
    this.listen(secure)
    return secure
  }

  end(): void {
    this.socket.end()
  }

  destroy(): void {
    this.socket.destroy()
  }

  private listen(socket: net.Socket): void {
    socket.on('data', (chunk: Buffer) => {
      this.buffer += chunk.toString('utf8')
      let newline: number
      while ((newline = this.buffer.indexOf('\r\n')) >= 0) {
        this.received.push(this.buffer.slice(0, newline))
        this.buffer = this.buffer.slice(newline + 2)
      }
      this.waiter?.()
    })
  }
}
