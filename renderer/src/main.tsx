import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
// Tokens, then base rules, then each feature's and the kit's own files (imported by their
// components): the cascade runs from general to particular.
import './ui/tokens.css'
import './styles.css'
import { App } from './app/App'
import { I18nProvider } from './core/i18n/i18n'

const container = document.getElementById('root')
if (!container) throw new Error('#root missing from index.html')

createRoot(container).render(
  <StrictMode>
    <I18nProvider>
      <App />
    </I18nProvider>
  </StrictMode>,
)
