import { contextBridge } from 'electron'

// Placeholder bridge: the full MailwireApi arrives with the shell.
contextBridge.exposeInMainWorld('mailwire', {})
