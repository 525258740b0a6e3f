// Diagnostic row of benchmark 2: the engine alone, sendMail with the message streamed from
// the file (the MessageSource API's open() as a file stream), no CLI or message layer.
// Shows what the CLI could reach if it streamed --data-file instead of reading it whole.
import { createReadStream, statSync } from 'node:fs'
import { sendMail } from '../../../main/smtp/index'

const [host, port, from, to, path] = process.argv.slice(2)
if (!host || !port || !from || !to || !path) throw new Error('usage: HOST PORT FROM TO FILE')
const size = statSync(path).size
const result = await sendMail(
  { host, port: Number(port), security: 'none', clientName: 'bench.mailwire.test' },
  { from, to: [to] },
  () => ({ open: () => createReadStream(path), size, eightBit: false }),
)
if (result.status !== 'sent') {
  process.stderr.write(`${JSON.stringify(result.error)}\n`)
  process.exitCode = 1
}
