import type { SecurityMode } from '../../../../preload/contract'
import { SECURITY_MODES } from '../../domain/default-port'

export const securityLabel = (mode: SecurityMode) => SECURITY_MODES.find((m) => m.value === mode)?.label ?? mode
