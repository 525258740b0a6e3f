import { VisibleText } from '../features/wire-log/VisibleText'

/** A subject from a message or a session: untrusted text, or a quiet "(no subject)". */
export function SubjectText({ subject }: { subject: string | undefined }) {
  return subject ? <VisibleText text={subject} /> : <span className="muted">(no subject)</span>
}
