// The bench page imports renderer modules that use Vite's `?raw` imports and `import.meta.env`.
/// <reference types="vite/client" />
