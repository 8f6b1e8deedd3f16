import { describe, expect, it } from 'vitest'
import { isAllowedPermission, type PermissionAsk } from '../../../../electron/main/security'

const PAGE = 'app://naungan/index.html#/verifikasi'

describe('isAllowedPermission: the camera for our own page, nothing else', () => {
  it.each<[string, string, PermissionAsk]>([
    ['camera request from the app page', 'media', { mediaTypes: ['video'], requestingUrl: PAGE }],
    [
      'camera request from the main frame, said so',
      'media',
      { mediaTypes: ['video'], requestingUrl: PAGE, isMainFrame: true },
    ],
    ['camera check from the app origin', 'media', { mediaType: 'video', requestingUrl: PAGE }],
    [
      'camera check given as the origin root',
      'media',
      { mediaType: 'video', requestingUrl: 'app://naungan/' },
    ],
  ])('allows %s', (_name, permission, ask) => {
    expect(isAllowedPermission(permission, ask)).toBe(true)
  })

  it.each<[string, string, PermissionAsk]>([
    ['microphone', 'media', { mediaTypes: ['audio'], requestingUrl: PAGE }],
    ['audio and video together', 'media', { mediaTypes: ['audio', 'video'], requestingUrl: PAGE }],
    ['video and audio together', 'media', { mediaTypes: ['video', 'audio'], requestingUrl: PAGE }],
    ['media with no kind named', 'media', { requestingUrl: PAGE }],
    ['media with an empty kind list', 'media', { mediaTypes: [], requestingUrl: PAGE }],
    ['microphone check', 'media', { mediaType: 'audio', requestingUrl: PAGE }],
    ['media check of an unknown kind', 'media', { mediaType: 'unknown', requestingUrl: PAGE }],
    ['geolocation', 'geolocation', { requestingUrl: PAGE }],
    ['notifications', 'notifications', { requestingUrl: PAGE }],
    ['screen capture', 'display-capture', { mediaTypes: ['video'], requestingUrl: PAGE }],
    ['clipboard read', 'clipboard-read', { requestingUrl: PAGE }],
    ['serial ports', 'serial', { requestingUrl: PAGE }],
    ['open external', 'openExternal', { requestingUrl: PAGE }],
    ['unknown permission', 'unknown', { mediaTypes: ['video'], requestingUrl: PAGE }],
    [
      'camera from a subframe of our page',
      'media',
      { mediaTypes: ['video'], requestingUrl: PAGE, isMainFrame: false },
    ],
    [
      'camera from a web site',
      'media',
      { mediaTypes: ['video'], requestingUrl: 'https://evil.example/' },
    ],
    [
      'camera from a look-alike host',
      'media',
      { mediaTypes: ['video'], requestingUrl: 'app://naungan.evil/' },
    ],
    [
      'camera from our name as user info',
      'media',
      { mediaTypes: ['video'], requestingUrl: 'app://naungan@evil.example/' },
    ],
    [
      'camera from a local web server',
      'media',
      { mediaTypes: ['video'], requestingUrl: 'http://127.0.0.1:5173/' },
    ],
    ['camera from file://', 'media', { mediaTypes: ['video'], requestingUrl: 'file:///C:/x.html' }],
    [
      'camera check with a bare origin',
      'media',
      { mediaType: 'video', requestingUrl: 'app://naungan' },
    ],
    ['camera with no URL at all', 'media', { mediaTypes: ['video'] }],
  ])('denies %s', (_name, permission, ask) => {
    expect(isAllowedPermission(permission, ask)).toBe(false)
  })
})
