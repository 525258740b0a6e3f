// Bounds on what the renderer may send. Generous for real use, small enough that a
// compromised renderer cannot make the main process hold gigabytes.

/** A whole address field with a display name: one header line, RFC 5322 section 2.1.1. */
export const MAX_ADDRESS_FIELD_CHARS = 998
/** Recipients per list. RFC 5321 section 4.5.3.1.8 asks servers for at least 100. */
export const MAX_RECIPIENTS_PER_LIST = 1000
/** Header field values are folded when long, so this bounds the unfolded text. */
export const MAX_HEADER_VALUE_CHARS = 16 * 1024
/** A field name is one token of printable ASCII (RFC 5322 section 3.6.8); no real one is near this. */
export const MAX_HEADER_NAME_CHARS = 200
export const MAX_EXTRA_HEADERS = 100
/** Body text, HTML body and raw message, each. */
export const MAX_BODY_CHARS = 32 * 1024 * 1024
export const MAX_ATTACHMENTS = 100
export const MAX_PATH_CHARS = 4096
export const MAX_FILENAME_CHARS = 255
export const MAX_CONTENT_TYPE_CHARS = 255

export const MAX_PROFILE_NAME_CHARS = 200
/** A host name: 253 characters (RFC 1035 section 2.3.4); an IPv6 literal is shorter. */
export const MAX_HOST_CHARS = 253
/** The EHLO argument: a domain of up to 255 octets (RFC 5321 section 4.5.3.1.2). */
export const MAX_CLIENT_NAME_CHARS = 255
export const MAX_USERNAME_CHARS = 512
export const MAX_PASSWORD_CHARS = 4096
/** A PEM bundle of a few CAs. */
export const MAX_CA_PEM_CHARS = 1024 * 1024
export const MAX_ID_CHARS = 64
