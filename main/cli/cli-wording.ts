// The engine speaks to programmers (option names); a CLI user knows flags. Its messages
// are shown with the option names swapped for the flags that set them. Unknown wording
// passes through unchanged, so a new engine message is still shown, only less tailored.

const FLAG_FOR_OPTION: Array<[RegExp, string]> = [
  [/\(set rejectUnauthorized: false to accept it anyway\)/g, '(trust its CA with --ca PATH, or accept it anyway with --insecure)'],
  [/\(allowPlaintextAuth is off\)/g, '(add --allow-plaintext-auth to allow it)'],
  [/\(quitAfter\)/g, '(--quit-after)'],
  [/\bclientName\b/g, '--helo'],
]

export function cliWording(message: string): string {
  return FLAG_FOR_OPTION.reduce((text, [option, flag]) => text.replace(option, flag), message)
}
