// The human transcript format, shared by the CLI and the app's history export.
export { shouldUseColor, palette, type Palette, type ColorEnvironment } from './colors'
export { safeText, safeJson, MAX_SHOWN_LINE_CHARS } from './safe-text'
export { formatWireEvent, formatElapsed, markerFor, describeReply, MARKERS, type FormatOptions } from './format-wire-event'
export { formatTranscript } from './format-transcript'
export { formatResult, formatTimings } from './format-result'
export { formatReply } from './format-reply'
export { formatTlsSummary, formatCertificate, tlsVerdict, daysLeft } from './format-tls'
export { formatProbe, type ProbeFormatOptions } from './format-probe'
