// Which web permissions the page gets: writing text to the clipboard (Copy in the wire
// log calls navigator.clipboard.writeText, which Electron gates on this permission), and
// only for the frame the IPC handlers trust. Everything else (camera, notifications,
// clipboard reads, external protocols...) is refused, for every frame.
import type { SenderInfo } from './ipc/registry'
import type { SenderPolicy } from './ipc/sender-policy'

const PAGE_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

export function permissionAllowed(permission: string, frame: SenderInfo, policy: SenderPolicy): boolean {
  return PAGE_PERMISSIONS.has(permission) && policy.allows(frame)
}
