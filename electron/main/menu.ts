import type { MenuItemConstructorOptions } from 'electron'

export interface ApplicationMenuOptions {
  /** Packaged builds get no developer tools: a clerk's machine is not a debugging station. */
  isPackaged: boolean
  onAbout: () => void
}

/** The Indonesian application menu. Returns a template so it can be checked without Electron. */
export function applicationMenuTemplate(
  options: ApplicationMenuOptions,
): MenuItemConstructorOptions[] {
  const developerItems: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [
        { type: 'separator' },
        { role: 'forceReload', label: 'Muat Ulang Paksa' },
        { role: 'toggleDevTools', label: 'Alat Pengembang' },
      ]

  return [
    {
      label: 'Berkas',
      submenu: [{ role: 'quit', label: 'Keluar' }],
    },
    {
      label: 'Edit',
      submenu: [
        { role: 'undo', label: 'Batalkan' },
        { role: 'redo', label: 'Ulangi' },
        { type: 'separator' },
        { role: 'cut', label: 'Potong' },
        { role: 'copy', label: 'Salin' },
        { role: 'paste', label: 'Tempel' },
        { role: 'selectAll', label: 'Pilih Semua' },
      ],
    },
    {
      label: 'Tampilan',
      submenu: [
        { role: 'reload', label: 'Muat Ulang' },
        ...developerItems,
        { type: 'separator' },
        { role: 'resetZoom', label: 'Ukuran Asli' },
        { role: 'zoomIn', label: 'Perbesar' },
        { role: 'zoomOut', label: 'Perkecil' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Layar Penuh' },
      ],
    },
    {
      label: 'Bantuan',
      submenu: [{ label: 'Tentang Naungan', click: () => options.onAbout() }],
    },
  ]
}
