// On first run the form is not empty: From and To point at the local test inbox, so the
// first Send works with no setup. Only while nothing has been set up (profiles.json never
// written) and only when there is no draft: a user's own draft, even an empty one, wins.
import type { DraftService } from '../drafts'
import { firstRunDraft } from './local-inbox-profile'

export function withFirstRunDraft(drafts: DraftService, isFirstRun: () => boolean): DraftService {
  return {
    ...drafts,
    async load() {
      const draft = await drafts.load()
      return draft ?? (isFirstRun() ? firstRunDraft() : null)
    },
  }
}
