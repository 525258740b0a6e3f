import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { connectBridge, getMailwireApi } from './bridge'
import { createAppStore } from './store/app-store'
import { AppStoreProvider } from './store/store-context'
import './styles/theme.css'
import './styles/base.css'

const api = getMailwireApi()
const store = createAppStore({ api })
connectBridge(store, api)

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <AppStoreProvider store={store}>
      <App />
    </AppStoreProvider>
  </StrictMode>,
)
