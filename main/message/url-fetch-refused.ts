// Stands in for nodemailer's URL fetcher in the built app and CLI (see the main build in
// electron.vite.config.ts). Mailwire never fetches a URL as message content (compose.ts sets
// disableUrlAccess), and the fetcher loads node:http, node:https and node:zlib when the MIME
// library loads: a large part of a small send's start-up, for code that never runs.
export default function refusedFetch(): never {
  throw new Error('Mailwire does not fetch URLs as message content')
}
