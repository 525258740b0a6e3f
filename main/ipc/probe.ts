import { CHANNELS } from '../../preload/contract'
import type { Services } from '../services'
import type { GuardedIpc } from './guard'
import { nothing } from './validate/checks'
import { mxDomain, portMatrixRequest, probeRequest } from './validate/probe'

export function registerProbeIpc(ipc: GuardedIpc, services: Services): void {
  ipc.handle(CHANNELS.probeRun, probeRequest, (request) => services.probe.run(request))
  ipc.handle(CHANNELS.probeMatrix, portMatrixRequest, (request) => services.probe.matrix(request))
  ipc.handle(CHANNELS.probeMx, mxDomain, (domain) => services.probe.lookupMx(domain))
  ipc.handle(CHANNELS.probeCancel, nothing, () => services.probe.cancel())
  ipc.handle(CHANNELS.probeDomain, mxDomain, (domain) => services.probe.domainSecurity(domain))
}
