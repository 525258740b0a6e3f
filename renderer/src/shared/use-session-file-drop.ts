import { useEffect } from 'react'
import type { AppStore } from '../store/app-store'

/**
 * A session file dropped anywhere on the window opens it (History view). The compose form
 * takes drops as attachments and marks them handled (preventDefault): those are left alone.
 */
export function useSessionFileDrop(store: AppStore): void {
  useEffect(() => {
    const hasFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false
    const onDragOver = (event: DragEvent) => {
      // Without this the page would navigate to the dropped file.
      if (hasFiles(event)) event.preventDefault()
    }
    const onDrop = (event: DragEvent) => {
      // Taken already: the compose form attached it.
      if (event.defaultPrevented || !hasFiles(event)) return
      event.preventDefault()
      const file = event.dataTransfer?.files[0]
      if (file) void store.getState().openDroppedSession(file)
    }
    window.addEventListener('dragover', onDragOver)
    window.addEventListener('drop', onDrop)
    return () => {
      window.removeEventListener('dragover', onDragOver)
      window.removeEventListener('drop', onDrop)
    }
  }, [store])
}
