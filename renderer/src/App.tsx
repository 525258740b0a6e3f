export function App() {
  return (
    <main data-testid="app">
      <h1>Mailwire</h1>
      <p>Compose a message and watch every byte of the SMTP session.</p>
    </main>
  )
}
