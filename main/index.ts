import { app } from 'electron'
import { createMainWindow } from './window'

void app.whenReady().then(() => {
  createMainWindow()
})

app.on('window-all-closed', () => app.quit())
