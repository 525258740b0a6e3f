// The identity flags made into engine options: certificate files read, and the secrets
// (a key's passphrase, the proxy password) taken from the environment or asked without echo,
// all before anything connects, so a bad path or passphrase is exit 2 with nothing sent.
import { SmtpError } from '../smtp/errors'
import { pemKeyIsEncrypted, pfxNeedsPassphrase, tlsConnectOptions } from '../smtp/tls-options'
import type { ConnectionIdentity, TlsClientOptions } from '../smtp/types'
import type { IdentityArgs } from './identity-flags'
import { InputError } from './input-error'
import { readBytes, readUtf8 } from './input-files'
import type { CliIo } from './io'
import { PROXY_PASSWORD_ENV, TLS_PASSPHRASE_ENV, resolveSecret } from './password'

export async function identityOptions(args: IdentityArgs, io: CliIo): Promise<ConnectionIdentity> {
  const tlsClient = await tlsClientOptions(args, io)
  let proxy: ConnectionIdentity['proxy']
  if (args.proxy) {
    const { user, host, port } = args.proxy
    const password = user !== undefined ? await resolveSecret(PROXY_PASSWORD_ENV, `the password of ${user} at the proxy ${host}:${port}`, io) : undefined
    proxy = { ...args.proxy, ...(password !== undefined ? { password } : {}) }
  }
  return {
    ...(tlsClient ? { tlsClient } : {}),
    ...(proxy ? { proxy } : {}),
    ...(args.proxyHeader ? { proxyHeader: args.proxyHeader } : {}),
    ...(args.localAddress !== undefined ? { localAddress: args.localAddress } : {}),
  }
}

async function tlsClientOptions(args: IdentityArgs, io: CliIo): Promise<TlsClientOptions | undefined> {
  const client: TlsClientOptions = {
    ...(args.tlsMin ? { minVersion: args.tlsMin } : {}),
    ...(args.tlsMax ? { maxVersion: args.tlsMax } : {}),
    ...(args.tlsCiphers !== undefined ? { ciphers: args.tlsCiphers } : {}),
    ...(args.tlsSni !== undefined ? { sni: args.tlsSni } : {}),
  }
  let keyFile: string | undefined
  let locked = false
  if (args.tlsCertPath !== undefined && args.tlsKeyPath !== undefined) {
    client.cert = readUtf8('--tls-cert', args.tlsCertPath)
    client.key = readUtf8('--tls-key', args.tlsKeyPath)
    keyFile = `--tls-key ${args.tlsKeyPath}`
    locked = pemKeyIsEncrypted(client.key)
  } else if (args.tlsPfxPath !== undefined) {
    client.pfx = readBytes('--tls-pfx', args.tlsPfxPath)
    keyFile = `--tls-pfx ${args.tlsPfxPath}`
    locked = pfxNeedsPassphrase(client.pfx)
  }
  if (keyFile && (locked || io.env[TLS_PASSPHRASE_ENV])) client.passphrase = await resolveSecret(TLS_PASSPHRASE_ENV, `the passphrase of ${keyFile.replace(/^--\S+ /, '')}`, io)
  if (Object.keys(client).length === 0) return undefined
  try {
    tlsConnectOptions('localhost', client)
  } catch (error) {
    if (error instanceof SmtpError) throw new InputError(`${keyFile ?? '--tls-min/--tls-max'}: ${error.message.replace(/^cannot use the client certificate: /, '')}; nothing was sent`)
    throw error
  }
  return client
}
