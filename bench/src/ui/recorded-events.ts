// The 100,000 events the wire-log benchmark streams: real engine output, recorded from
// the engine sending messages on one connection to smtp-sink (client commands, replies
// with codes and round-trip times, the DATA lines the log shows, DATA summaries), so the
// renderer gets the lines, lengths and kinds a real session produces.
import { SmtpConnection, type WireEvent } from '../../../main/smtp/index'
import { mailFromCommand, rcptToCommand } from '../../../main/smtp/envelope-commands'
import { sampleMessage } from '../many/sample-message'
import { startSmtpSink } from '../support/sink'

const FROM = 'sender@bench.mailwire.test'
const TO = ['first@bench.mailwire.test', 'second@bench.mailwire.test']

export async function recordEngineEvents(count: number): Promise<WireEvent[]> {
  const events: WireEvent[] = []
  const sink = await startSmtpSink()
  const connection = new SmtpConnection({ host: sink.host, port: sink.port, onWire: (event) => events.push(event) })
  try {
    await connection.connect()
    await connection.command('EHLO bench.mailwire.test')
    const message = sampleMessage(FROM, TO)
    while (events.length < count) {
      const replies = connection.pipeline([{ line: mailFromCommand(FROM) }, ...TO.map((to) => ({ line: rcptToCommand(to) })), { line: 'DATA' }])
      await Promise.all(replies)
      await connection.sendData(message, { totalBytes: message.length })
    }
    await connection.close()
  } finally {
    connection.destroy()
    await sink.stop()
  }
  return events.slice(0, count)
}
