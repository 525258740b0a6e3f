// Peer: nodemailer's SMTPConnection, one connection, send() in a loop (no RSET needed
// after a completed transaction, RFC 5321 4.1.4). With PIPELINING offered, nodemailer
// pipelines MAIL, RCPT and DATA itself.
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import SMTPConnection from 'nodemailer/lib/smtp-connection'
import { jobFromArgs, printOutcome } from './protocol'

const job = jobFromArgs(process.argv.slice(2))
const message = readFileSync(job.messageFile)
const connection = new SMTPConnection({ host: job.host, port: job.port, secure: false, ignoreTLS: true, name: 'bench.mailwire.test' })

await new Promise<void>((resolve, reject) => {
  connection.once('error', reject)
  connection.connect(() => resolve())
})
const started = performance.now()
const cpuStarted = process.cpuUsage()
for (let i = 0; i < job.messages; i++) {
  await new Promise<void>((resolve, reject) => {
    connection.send({ from: job.from, to: job.to }, message, (error, info) => {
      if (error) return reject(error)
      if (info.accepted.length !== job.to.length) return reject(new Error(`recipients refused: ${JSON.stringify(info)}`))
      resolve()
    })
  })
}
const elapsedMs = performance.now() - started
const cpu = process.cpuUsage(cpuStarted)
const cpuMs = (cpu.user + cpu.system) / 1000
connection.quit()
printOutcome({ client: 'nodemailer', messages: job.messages, elapsedMs, cpuMs })
