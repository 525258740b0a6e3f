import { expect, it } from 'vitest'
import { createConnection } from 'node:net'
import { describeWithPostfix } from '../support/postfix-suite'

describeWithPostfix('the Postfix test peer', (postfix) => {
  it('greets on its loopback port', async () => {
    const greeting = await new Promise<string>((resolve, reject) => {
      const socket = createConnection({ host: postfix.host, port: postfix.port })
      socket.once('data', (chunk) => {
        resolve(chunk.toString('utf8'))
        socket.destroy()
      })
      socket.once('error', reject)
    })
    expect(greeting).toMatch(/^220 postfix\.mailwire\.test ESMTP/)
  })
})
