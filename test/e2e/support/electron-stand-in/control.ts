// The stand-in's line to the test: every event a user (or the OS) would see is one line on
// stdout, `@stand-in {json}`; what the user does (a menu item, the window's close button,
// an answer to a dialog) arrives as one JSON line on stdin. See ../launch-main.ts.
import { createInterface } from 'node:readline'

export const EVENT_PREFIX = '@stand-in '

export interface Command {
  type: string
  [key: string]: unknown
}

export function report(type: string, data: Record<string, unknown> = {}): void {
  process.stdout.write(`${EVENT_PREFIX}${JSON.stringify({ type, ...data })}\n`)
}

const answers = new Map<number, (value: unknown) => void>()
const handlers = new Map<string, (command: Command) => void>()
let nextQuestion = 1
let listening = false
let onClosed: () => void = () => undefined

/** The test is gone when its end of stdin closes: the stand-in must not outlive it. */
export function whenControlCloses(handler: () => void): void {
  onClosed = handler
  listen()
}

function listen(): void {
  if (listening) return
  listening = true
  const lines = createInterface({ input: process.stdin })
  lines.on('close', () => onClosed())
  lines.on('line', (line) => {
    if (line.trim() === '') return
    const command = JSON.parse(line) as Command
    if (command.type === 'answer') {
      const answer = answers.get(command['id'] as number)
      if (!answer) throw new Error(`stand-in: no question ${String(command['id'])} is waiting`)
      answers.delete(command['id'] as number)
      answer(command['value'])
      return
    }
    const handler = handlers.get(command.type)
    if (!handler) throw new Error(`stand-in: unknown command ${command.type}`)
    handler(command)
  })
}

/** Reports a question (a dialog) and resolves with the test's answer to it. */
export function ask<T>(type: string, data: Record<string, unknown>): Promise<T> {
  listen()
  const id = nextQuestion++
  return new Promise<T>((resolve) => {
    answers.set(id, resolve as (value: unknown) => void)
    report(type, { ...data, id })
  })
}

export function onCommand(type: string, handler: (command: Command) => void): void {
  listen()
  handlers.set(type, handler)
}

/** A thing the stand-in cannot do as Electron would: it says so rather than pretend. */
export class NotMimicked extends Error {
  constructor(what: string) {
    super(`Electron stand-in: ${what} is not mimicked`)
  }
}

/** Electron's preventable event: listeners call preventDefault(). */
export interface PreventableEvent {
  preventDefault(): void
  readonly defaultPrevented: boolean
}

export function preventable<T extends object>(fields: T = {} as T): T & PreventableEvent {
  let prevented = false
  // defineProperty, not Object.assign: assign would copy the getter's value, not the getter.
  Object.defineProperty(fields, 'preventDefault', { value: () => (prevented = true) })
  Object.defineProperty(fields, 'defaultPrevented', { get: () => prevented })
  return fields as T & PreventableEvent
}
