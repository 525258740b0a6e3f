import type { InboxFaults } from '../../../../preload/contract'

/** Each preset in force, in a few words: for the Inbox view's banner and beside Send. */
export function faultLabels(faults: InboxFaults): string[] {
  const labels: string[] = []
  if (faults.greeting421) labels.push('421 at greeting')
  if (faults.refuseRecipient) labels.push(`550 for recipients matching ${faults.refuseRecipient}`)
  if (faults.rcpt451) labels.push('451 on every RCPT')
  if (faults.slowReplies) labels.push(`replies ${faults.slowReplies.toLocaleString('en')} ms late`)
  if (faults.disconnectMidData !== undefined) {
    labels.push(`hang up after ${faults.disconnectMidData.toLocaleString('en')} bytes of DATA`)
  }
  return labels
}
