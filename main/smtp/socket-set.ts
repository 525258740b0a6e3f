// The sockets under one SMTP connection: the one in use (plain, then TLS after STARTTLS)
// with the connection's listeners on it, and every socket opened, so cleanup destroys all.
import type net from 'node:net'
import tls from 'node:tls'

export interface SocketListeners {
  data(chunk: Buffer): void
  error(error: Error): void
  close(): void
}

export class SocketSet {
  /** The socket commands are written to. */
  current?: net.Socket
  private readonly opened: net.Socket[] = []

  constructor(private readonly listeners: SocketListeners) {}

  get isTls(): boolean {
    return this.current instanceof tls.TLSSocket
  }

  /** Remember a socket so that destroyAll() ends it. */
  track(socket: net.Socket): void {
    this.opened.push(socket)
  }

  /** Read replies from the current socket. */
  attach(): void {
    const socket = this.current!
    socket.on('data', this.listeners.data)
    socket.on('error', this.listeners.error)
    socket.on('close', this.listeners.close)
    // A socket a proxy hop paused (to keep the server's first bytes) flows again.
    socket.resume()
  }

  /** Stop reading the current socket at once (the 220 to STARTTLS: RFC 3207 4.2). */
  detach(): void {
    const socket = this.current!
    socket.pause()
    socket.removeListener('data', this.listeners.data)
    socket.removeListener('error', this.listeners.error)
    socket.removeListener('close', this.listeners.close)
    // Until the TLS socket takes over, an error must not go unhandled; the handshake
    // reports it.
    socket.on('error', () => undefined)
  }

  destroyAll(): void {
    // Outermost first: destroying the TCP socket under a live TLSSocket can crash Node 20.
    for (const socket of [...this.opened].reverse()) {
      socket.removeListener('close', this.listeners.close)
      if (!socket.destroyed) socket.destroy()
    }
  }
}
