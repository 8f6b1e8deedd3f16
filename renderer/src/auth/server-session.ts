// The session moved to core/ (issue 15): sync/ holds one while it replicates, so it sits below
// sync/ and auth/ both. This keeps existing imports working until they import core/server-session.
export * from '../core/server-session'
