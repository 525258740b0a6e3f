export const HELP = `mailwire: send a test message and see every byte of the SMTP session

Usage:
  mailwire send --server HOST[:PORT] --from ADDR --to ADDR [--to ADDR ...] [options]
  mailwire probe HOST[:PORT] [--tls MODE] [--insecure] [--ca PATH] [--json]
  mailwire --help | --version

Run 'mailwire send --help' for every option.
`
