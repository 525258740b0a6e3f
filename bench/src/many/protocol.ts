// What the orchestrator tells a many-messages client (argv) and what the client prints
// back (one JSON line). Every client, ours and the peers, times the same span: from the
// first MAIL FROM to the reply to the last message's final dot, on one connection.

export interface ManyJob {
  host: string
  port: number
  messages: number
  from: string
  to: string[]
  /** A file holding the message, CRLF line ends. */
  messageFile: string
}

export interface ManyOutcome {
  client: string
  messages: number
  elapsedMs: number
  /** CPU time (user + system) the client process spent in that span: steadier than wall time on a busy machine. */
  cpuMs: number
  /** Round trips counted from our own wire events (Mailwire only). */
  wireRoundTrips?: number
  wireEvents?: number
}

export function jobToArgs(job: ManyJob): string[] {
  return [job.host, String(job.port), String(job.messages), job.from, job.to.join(','), job.messageFile]
}

export function jobFromArgs(argv: string[]): ManyJob {
  const [host, port, messages, from, to, messageFile] = argv
  if (!host || !port || !messages || !from || !to || !messageFile) {
    throw new Error('usage: HOST PORT MESSAGES FROM TO[,TO...] MESSAGE_FILE')
  }
  return { host, port: Number(port), messages: Number(messages), from, to: to.split(','), messageFile }
}

export function printOutcome(outcome: ManyOutcome): void {
  process.stdout.write(`${JSON.stringify(outcome)}\n`)
}
