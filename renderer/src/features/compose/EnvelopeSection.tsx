import { useId } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { useAppStore, useAppStoreApi } from '../../store/store-context'
import {
  DSN_NOTIFY_EVENTS,
  envelopeAddresses,
  envelopeProblems,
  envelopeSummary,
  fromHeaderAddress,
  toggledNotify,
  type EnvelopeForm,
} from '../../store/envelope-model'
import { Disclosure } from './Disclosure'
import styles from './envelope.module.css'

/**
 * The SMTP envelope apart from the headers (RFC 5321 3.3): MAIL FROM's reverse path (the
 * From address, the null sender <> of bounces, or another), RCPT TO's recipients (those of
 * To, Cc and Bcc, or others), DSN (RFC 3461) and REQUIRETLS (RFC 8689).
 */
export function EnvelopeSection() {
  const store = useAppStoreApi()
  const form = useAppStore((state) => state.compose.envelope)
  const { from, to, cc, bcc } = useAppStore(
    useShallow((state) => ({ from: state.compose.from, to: state.compose.to, cc: state.compose.cc, bcc: state.compose.bcc })),
  )
  const headers = { from, recipients: [...to, ...cc, ...bcc].filter((chip) => !chip.error).map((chip) => chip.address) }
  const serverErrors = useAppStore((state) => state.compose.fieldErrors)
  const update = (patch: Partial<EnvelopeForm>) => store.getState().updateEnvelope(patch)
  const problems = envelopeProblems(form)
  const problem = (prefix: string) =>
    serverErrors[prefix] ?? problems.find((p) => p.field === prefix || p.field.startsWith(`${prefix}[`))?.message ?? Object.entries(serverErrors).find(([key]) => key.startsWith(`${prefix}[`))?.[1]
  const fromAddress = fromHeaderAddress(headers.from)
  const senderId = useId()
  const recipientsId = useId()
  const envidId = useId()
  const senderError = form.sender === 'other' && form.senderAddress.trim() !== '' ? problem('envelope.from') : undefined
  const recipientsError = form.recipients === 'other' && form.recipientList.trim() !== '' ? problem('envelope.to') : undefined
  const envidError = problem('envelope.dsn.envid')

  return (
    <Disclosure title="Envelope" summary={envelopeSummary(form, headers)} testId="envelope-section">
      <fieldset className={styles['group']}>
        <legend>Sender (MAIL FROM)</legend>
        <div className={styles['choices']} role="radiogroup" aria-label="Envelope sender">
          <label className="toggle">
            <input type="radio" name={senderId} data-testid="envelope-sender-from" checked={form.sender === 'from'} onChange={() => update({ sender: 'from' })} />
            <span>
              the From address <span className="mono muted">{fromAddress ? `<${fromAddress}>` : '(none yet)'}</span>
            </span>
          </label>
          <label className="toggle">
            <input type="radio" name={senderId} data-testid="envelope-sender-null" checked={form.sender === 'null'} onChange={() => update({ sender: 'null' })} />
            <span>
              the null sender <span className="mono">&lt;&gt;</span> <span className="muted">(as bounces use, RFC 5321 4.5.5)</span>
            </span>
          </label>
          <label className="toggle">
            <input type="radio" name={senderId} data-testid="envelope-sender-other" checked={form.sender === 'other'} onChange={() => update({ sender: 'other' })} />
            another address
          </label>
        </div>
        {form.sender === 'other' && (
          <div className={`field${senderError ? ' has-error' : ''}`}>
            <input
              type="text"
              className="mono"
              aria-label="Envelope sender address"
              data-testid="envelope-sender-input"
              spellCheck={false}
              placeholder="bounces@example.com"
              value={form.senderAddress}
              aria-invalid={senderError ? true : undefined}
              onChange={(event) => update({ senderAddress: event.target.value })}
            />
            {senderError && <p className="field-error">{senderError}</p>}
          </div>
        )}
      </fieldset>

      <fieldset className={styles['group']}>
        <legend>Recipients (RCPT TO)</legend>
        <div className={styles['choices']} role="radiogroup" aria-label="Envelope recipients">
          <label className="toggle">
            <input type="radio" name={recipientsId} data-testid="envelope-recipients-headers" checked={form.recipients === 'headers'} onChange={() => update({ recipients: 'headers' })} />
            <span>
              those of To, Cc and Bcc <span className="mono muted">{headers.recipients.length > 0 ? headers.recipients.join(', ') : '(none yet)'}</span>
            </span>
          </label>
          <label className="toggle">
            <input
              type="radio"
              name={recipientsId}
              data-testid="envelope-recipients-other"
              checked={form.recipients === 'other'}
              onChange={() =>
                update({
                  recipients: 'other',
                  // Start from the headers' list, to edit rather than retype.
                  recipientList: form.recipientList || headers.recipients.join(', '),
                })
              }
            />
            these instead
          </label>
        </div>
        {form.recipients === 'other' && (
          <div className={`field${recipientsError ? ' has-error' : ''}`}>
            <textarea
              className="mono"
              rows={2}
              aria-label="Envelope recipient addresses"
              data-testid="envelope-recipients-input"
              spellCheck={false}
              placeholder="one@example.com, two@example.com"
              value={form.recipientList}
              aria-invalid={recipientsError ? true : undefined}
              onChange={(event) => update({ recipientList: event.target.value })}
            />
            <p className="hint">{envelopeAddresses(form.recipientList).length} recipients; the headers still show To, Cc and Bcc as written.</p>
            {recipientsError && <p className="field-error">{recipientsError}</p>}
          </div>
        )}
      </fieldset>

      <fieldset className={styles['group']}>
        <legend>Delivery status notifications (DSN, RFC 3461)</legend>
        <div className={styles['choices']} role="group" aria-label="DSN NOTIFY">
          <span className={styles['choice-label']}>NOTIFY</span>
          {(['NEVER', ...DSN_NOTIFY_EVENTS] as const).map((word) => (
            <label key={word} className="toggle">
              <input
                type="checkbox"
                data-testid={`dsn-notify-${word.toLowerCase()}`}
                checked={form.notify.includes(word)}
                onChange={(event) => update({ notify: toggledNotify(form.notify, word, event.target.checked) })}
              />
              <span className="mono">{word}</span>
            </label>
          ))}
        </div>
        <div className={styles['choices']} role="radiogroup" aria-label="DSN RET">
          <span className={styles['choice-label']}>RET</span>
          {(['', 'FULL', 'HDRS'] as const).map((ret) => (
            <label key={ret || 'default'} className="toggle">
              <input type="radio" name={`${envidId}-ret`} data-testid={`dsn-ret-${ret.toLowerCase() || 'default'}`} checked={form.ret === ret} onChange={() => update({ ret })} />
              {ret ? <span className="mono">{ret}</span> : "the server's choice"}
            </label>
          ))}
        </div>
        <div className={`field${envidError ? ' has-error' : ''}`}>
          <div className="field-row">
            <label htmlFor={envidId}>ENVID</label>
          </div>
          <input
            id={envidId}
            type="text"
            className="mono"
            data-testid="dsn-envid-input"
            spellCheck={false}
            placeholder="none"
            value={form.envid}
            aria-invalid={envidError ? true : undefined}
            onChange={(event) => update({ envid: event.target.value })}
          />
          {envidError && <p className="field-error">{envidError}</p>}
        </div>
        <label className="toggle">
          <input type="checkbox" data-testid="dsn-orcpt" checked={form.orcpt} onChange={(event) => update({ orcpt: event.target.checked })} />
          <span>
            ORCPT: name each original recipient (<span className="mono">ORCPT=rfc822;address</span>)
          </span>
        </label>
      </fieldset>

      <label className="toggle">
        <input type="checkbox" data-testid="envelope-require-tls" checked={form.requireTls} onChange={(event) => update({ requireTls: event.target.checked })} />
        <span>
          <span className="mono">REQUIRETLS</span> <span className="muted">(RFC 8689): the message may only travel over TLS, here and beyond</span>
        </span>
      </label>
    </Disclosure>
  )
}
