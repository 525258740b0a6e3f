// Installs the application menu (menu-template.ts) and routes its commands to the page.
import { Menu, app, shell } from 'electron'
import type { AppCommand } from '../preload/contract'
import { CHANNELS } from '../preload/contract'
import { isSafeExternalUrl } from './external-links'
import { menuTemplate } from './menu-template'
import type { EventSink } from './services'

export function installMenu(sink: EventSink): void {
  const template = menuTemplate(
    { platform: process.platform, appName: app.name, isPackaged: app.isPackaged },
    {
      command: (command: AppCommand) => sink.send(CHANNELS.appCommand, command),
      openExternal: (url) => {
        if (isSafeExternalUrl(url)) void shell.openExternal(url)
      },
    },
  )
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
