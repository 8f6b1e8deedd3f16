import type { Role } from '../../../shared/sync/sync-protocol'
import { useEffect, useState } from 'react'

/**
 * Screens are addressed by the URL hash so a reload (F5, a crash, a restart) returns the clerk to
 * the same screen, and links such as "Buka data" are plain anchors that work from the keyboard.
 */
export type Route =
  | { screen: 'register' }
  | { screen: 'participants' }
  | { screen: 'participant'; id: string; mode: 'view' | 'edit' }
  | { screen: 'settings' }
  | { screen: 'enrol' }
  | { screen: 'sync-problems' }
  | { screen: 'admin' }
  | { screen: 'print' }
  | { screen: 'verify' }
  | { screen: 'queue' }
  | { screen: 'audit' }
  | { screen: 'import' }
  | { screen: 'enrolment' }
  | { screen: 'dashboard' }

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '')
  const participant = /^\/peserta\/([\w-]{1,40})(\/ubah)?$/.exec(path)
  if (participant) {
    return {
      screen: 'participant',
      id: participant[1] as string,
      mode: participant[2] ? 'edit' : 'view',
    }
  }
  if (path === '/peserta') return { screen: 'participants' }
  if (path === '/pengaturan') return { screen: 'settings' }
  if (path === '/perangkat') return { screen: 'enrol' }
  if (path === '/sinkronisasi') return { screen: 'sync-problems' }
  if (path === '/admin') return { screen: 'admin' }
  if (path === '/cetak') return { screen: 'print' }
  if (path === '/verifikasi') return { screen: 'verify' }
  if (path === '/pemeriksaan') return { screen: 'queue' }
  if (path === '/audit') return { screen: 'audit' }
  if (path === '/impor') return { screen: 'import' }
  if (path === '/kepesertaan') return { screen: 'enrolment' }
  if (path === '/dasbor') return { screen: 'dashboard' }
  return { screen: 'register' }
}

export function hrefOf(route: Route): string {
  switch (route.screen) {
    case 'register':
      return '#/daftar'
    case 'participants':
      return '#/peserta'
    case 'settings':
      return '#/pengaturan'
    case 'enrol':
      return '#/perangkat'
    case 'sync-problems':
      return '#/sinkronisasi'
    case 'admin':
      return '#/admin'
    case 'print':
      return '#/cetak'
    case 'verify':
      return '#/verifikasi'
    case 'queue':
      return '#/pemeriksaan'
    case 'audit':
      return '#/audit'
    case 'import':
      return '#/impor'
    case 'enrolment':
      return '#/kepesertaan'
    case 'dashboard':
      return '#/dasbor'
    case 'participant':
      return `#/peserta/${route.id}${route.mode === 'edit' ? '/ubah' : ''}`
  }
}

/**
 * Where a user lands after signing in: the screen they use most. An admin's office registers
 * nobody; verifiers and supervisors work from the checks queue; clerks register walk-ins.
 */
export function landingRouteFor(role: Role, registrationAllowed: boolean): Route {
  if (role === 'admin') return { screen: 'admin' }
  if (role === 'verifier' || role === 'supervisor') return { screen: 'queue' }
  return registrationAllowed ? { screen: 'register' } : { screen: 'participants' }
}

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route)
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash))
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return route
}
