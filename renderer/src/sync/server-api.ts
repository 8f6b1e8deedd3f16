// The HTTP client moved to core/ (issue 15): auth/ and sync/ both talk to the server through it,
// so it sits below both. This keeps existing imports working until they import core/server-api.
export * from '../core/server-api'
